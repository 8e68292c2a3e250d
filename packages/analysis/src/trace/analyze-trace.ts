/**
 * @module One-trace analysis: critical path and bottleneck, self time per
 * span/service/operation, error origin, N+1 and fan-out patterns, orphans and
 * clock-skew corrections. Pure and deterministic; O(n log n) in the span count.
 */
import { type TraceSpanInput, toAnalysisSpans } from './analysis-span.js';
import type { ClockSkewAdjustment } from './clock-skew.js';
import { type CriticalPathScope, walkCriticalPath } from './critical-path.js';
import { type ErrorOrigin, findErrorOrigin } from './error-origin.js';
import {
  computeSelfTimes,
  type OperationSelfTime,
  type ServiceSelfTime,
  selfTimeByOperation,
  selfTimeByService,
} from './self-time.js';
import { detectPatterns, type PatternOptions, type SpanPattern } from './span-patterns.js';
import { buildSpanTree, type OrphanSpan } from './span-tree.js';

export interface AnalyzeTraceOptions extends PatternOptions {
  /**
   * `trace` (default): the path over the whole trace, async work that outlives
   * its parent included. `root`: the path over the primary root's own duration.
   */
  scope?: CriticalPathScope;
}

export interface CriticalPathEntry {
  spanId: string;
  service: string;
  name: string;
  /** The span's own time on the critical path (not covered by a child on the path). */
  selfOnPathNs: number;
  /** selfOnPathNs / criticalPathNs. */
  share: number;
  startOffsetNs: number;
  endOffsetNs: number;
  depth: number;
}

export interface Bottleneck {
  spanId: string;
  service: string;
  name: string;
  /** Share of the critical path spent in this span itself. */
  share: number;
  selfOnPathNs: number;
  durationNs: number;
}

/** Per-span timing after clock-skew correction, offsets from `startTimeUnixNano`. */
export interface SpanTiming {
  spanId: string;
  /** Resolved parent; '' for roots, orphans included. */
  parentSpanId: string;
  depth: number;
  startOffsetNs: number;
  endOffsetNs: number;
  selfNs: number;
  onCriticalPath: boolean;
}

export interface TraceAnalysis {
  traceId: string;
  spanCount: number;
  serviceCount: number;
  /** Start of the earliest span (after clock-skew correction). */
  startTimeUnixNano: bigint;
  /** End of the latest span minus start of the earliest. */
  durationNs: number;
  scope: CriticalPathScope;
  /** Length the critical path covers: durationNs for scope `trace`, the primary root's duration for `root`. */
  criticalPathNs: number;
  /** Critical-path time no span was running in (gaps between roots, waits before async work). */
  unattributedNs: number;
  /** The primary root (longest true root, else longest orphan). */
  rootSpanId: string | null;
  criticalPath: CriticalPathEntry[];
  bottleneck: Bottleneck | null;
  selfTimeByService: ServiceSelfTime[];
  selfTimeByOperation: OperationSelfTime[];
  errorOrigin: ErrorOrigin | null;
  patterns: SpanPattern[];
  orphans: OrphanSpan[];
  clockSkewAdjustments: ClockSkewAdjustment[];
  /** Spans that end after their parent ends (async work, after clock-skew correction). */
  asyncSpanIds: string[];
  /** Every span in depth-first order (children by start time). */
  spans: SpanTiming[];
  /** Input spans dropped because their span id repeated. */
  ignoredDuplicateSpans: number;
}

export function analyzeTrace(
  input: readonly TraceSpanInput[],
  opts: AnalyzeTraceOptions = {},
): TraceAnalysis {
  const scope = opts.scope ?? 'trace';
  const tree = buildSpanTree(toAnalysisSpans(input));
  const { spans, start, end, parent, depth } = tree;
  const walk = walkCriticalPath(tree, scope);
  const self = computeSelfTimes(tree);

  const totalNs = walk.totalNs;
  const criticalPath: CriticalPathEntry[] = walk.path.map((i) => ({
    spanId: spans[i]!.spanId,
    service: spans[i]!.service,
    name: spans[i]!.name,
    selfOnPathNs: walk.selfOnPath[i]!,
    share: totalNs > 0 ? walk.selfOnPath[i]! / totalNs : 0,
    startOffsetNs: start[i]!,
    endOffsetNs: end[i]!,
    depth: depth[i]!,
  }));

  let bottleneck: Bottleneck | null = null;
  for (const entry of criticalPath) {
    if (entry.selfOnPathNs <= 0) continue;
    if (bottleneck === null || entry.selfOnPathNs > bottleneck.selfOnPathNs) {
      bottleneck = {
        spanId: entry.spanId,
        service: entry.service,
        name: entry.name,
        share: entry.share,
        selfOnPathNs: entry.selfOnPathNs,
        durationNs: entry.endOffsetNs - entry.startOffsetNs,
      };
    }
  }

  const onPath = new Uint8Array(spans.length);
  for (const i of walk.path) onPath[i] = 1;
  const timings: SpanTiming[] = tree.preorder.map((i) => ({
    spanId: spans[i]!.spanId,
    parentSpanId: parent[i]! >= 0 ? spans[parent[i]!]!.spanId : '',
    depth: depth[i]!,
    startOffsetNs: start[i]!,
    endOffsetNs: end[i]!,
    selfNs: self[i]!,
    onCriticalPath: onPath[i] === 1,
  }));

  const asyncSpanIds: string[] = [];
  let lastEnd = 0;
  const services = new Set<string>();
  for (const i of tree.preorder) {
    services.add(spans[i]!.service);
    lastEnd = Math.max(lastEnd, end[i]!);
    const p = parent[i]!;
    if (p >= 0 && end[i]! > end[p]!) asyncSpanIds.push(spans[i]!.spanId);
  }

  return {
    traceId: tree.traceId,
    spanCount: spans.length,
    serviceCount: services.size,
    startTimeUnixNano: tree.originUnixNano,
    durationNs: lastEnd,
    scope,
    criticalPathNs: totalNs,
    unattributedNs: walk.unattributedNs,
    rootSpanId: walk.primaryRoot >= 0 ? spans[walk.primaryRoot]!.spanId : null,
    criticalPath,
    bottleneck,
    selfTimeByService: selfTimeByService(tree, self),
    selfTimeByOperation: selfTimeByOperation(tree, self),
    errorOrigin: findErrorOrigin(tree),
    patterns: detectPatterns(tree, opts),
    orphans: tree.orphans,
    clockSkewAdjustments: tree.clockSkewAdjustments,
    asyncSpanIds,
    spans: timings,
    ignoredDuplicateSpans: tree.ignoredDuplicates,
  };
}
