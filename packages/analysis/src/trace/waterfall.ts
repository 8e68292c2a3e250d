/**
 * @module A text waterfall of one trace for terminals and AI-assistant
 * context: a summary (duration, bottleneck, error origin, patterns, orphans,
 * clock skew), then one row per span — service, markers, indented operation,
 * timeline bar, duration and share of the critical path. Runs of similar
 * siblings collapse into one row, and the row count is capped (bottleneck,
 * error chain and critical path are kept first) with a "… N more spans" line.
 */
import { type AnalysisSpan, isErrorSpan, type TraceSpanInput, toAnalysisSpans } from './analysis-span.js';
import type { SpanTiming, TraceAnalysis } from './analyze-trace.js';
import { formatDurationNs, formatShare } from './format-duration.js';
import { similarityKey } from './span-similarity.js';

export interface WaterfallOptions {
  /** Total line width in characters (default 120, minimum 60). */
  width?: number;
  /** Most span rows to print (default 100). */
  maxLines?: number;
  /** Runs of at least this many similar siblings collapse to the first plus one summary row (default 5; 0 = never). */
  collapseRepeats?: number;
  /** ASCII only (`#` bars, `*`/`B`/`!` markers, `us`). */
  ascii?: boolean;
}

interface Glyphs {
  bar: string;
  groupBar: string;
  path: string;
  bottleneck: string;
  error: string;
  ellipsis: string;
  times: string;
  sum: string;
}

const UNICODE: Glyphs = {
  bar: '█',
  groupBar: '▒',
  path: '●',
  bottleneck: '◆',
  error: '✗',
  ellipsis: '…',
  times: '×',
  sum: 'Σ',
};
const ASCII: Glyphs = {
  bar: '#',
  groupBar: '=',
  path: '*',
  bottleneck: 'B',
  error: '!',
  ellipsis: '...',
  times: 'x',
  sum: '+',
};

interface Row {
  /** Index into analysis.spans of the (first) span. */
  timing: number;
  /** Further collapsed similar siblings (timing indexes); empty for a plain span row. */
  collapsed: number[];
  /** Spans the row stands for (itself, collapsed siblings and their hidden subtrees). */
  represents: number;
  priority: number;
  /** Row of the parent span, -1 for roots. */
  parentRow: number;
}

export function renderWaterfall(
  spans: readonly TraceSpanInput[],
  analysis: TraceAnalysis,
  opts: WaterfallOptions = {},
): string {
  const width = Math.max(60, Math.floor(opts.width ?? 120));
  const maxLines = Math.max(1, Math.floor(opts.maxLines ?? 100));
  const collapseAt = opts.collapseRepeats ?? 5;
  const ascii = opts.ascii ?? false;
  const g = ascii ? ASCII : UNICODE;
  const byId = new Map<string, AnalysisSpan>();
  for (const s of toAnalysisSpans(spans)) if (!byId.has(s.spanId)) byId.set(s.spanId, s);
  const timings = analysis.spans;
  const spanOf = (t: number): AnalysisSpan | undefined => byId.get(timings[t]!.spanId);

  const lines = summaryLines(analysis, g, ascii);
  if (timings.length === 0) return `${lines.join('\n')}\n`;

  const rows = buildRows(timings, spanOf, collapseAt, priorities(analysis));
  const shown = selectRows(rows, timings, analysis, maxLines);
  const hidden = rows.reduce((sum, r, k) => (shown[k] ? sum : sum + r.represents), 0);

  const pathShare = new Map<string, number>();
  for (const e of analysis.criticalPath) pathShare.set(e.spanId, e.share);
  let longestService = 7;
  for (const r of rows) longestService = Math.max(longestService, (spanOf(r.timing)?.service ?? '').length);
  const serviceWidth = clamp(longestService, 7, Math.min(24, Math.floor(width / 6)));
  // Fixed columns: service, 2 markers, operation, bar in |…|, duration (9), share (6) and separators.
  const flexible = width - serviceWidth - 24;
  const opWidth = clamp(Math.floor(flexible * 0.45), 12, flexible - 10);
  const barWidth = flexible - opWidth;
  const scale = analysis.durationNs > 0 ? barWidth / analysis.durationNs : 0;
  const maxIndent = Math.floor(opWidth / 3);

  lines.push(
    `${'service'.padEnd(serviceWidth)}    ${'operation'.padEnd(opWidth)}  ${'timeline'.padEnd(barWidth)}  ` +
      `${'duration'.padStart(9)} ${'path%'.padStart(6)}`,
  );
  for (let k = 0; k < rows.length; k++) {
    if (!shown[k]) continue;
    const row = rows[k]!;
    const t = timings[row.timing]!;
    const span = spanOf(row.timing);
    const members = [row.timing, ...row.collapsed];
    const isBottleneck = analysis.bottleneck?.spanId === t.spanId && row.collapsed.length === 0;
    const onPath = members.some((m) => timings[m]!.onCriticalPath);
    const failed = members.some((m) => {
      const s = spanOf(m);
      return s !== undefined && isErrorSpan(s);
    });
    const marks = (isBottleneck ? g.bottleneck : onPath ? g.path : ' ') + (failed ? g.error : ' ');
    const indent = ' '.repeat(Math.min(t.depth * 2, maxIndent));
    const name = span?.name ?? t.spanId;
    const label =
      row.collapsed.length === 0 ? name : `${g.ellipsis}${g.times}${row.collapsed.length} more ${name}`;
    const bar = barOf(members, timings, scale, barWidth, row.collapsed.length === 0 ? g.bar : g.groupBar);
    let durationNs = 0;
    let share = 0;
    for (const m of row.collapsed.length === 0 ? [row.timing] : row.collapsed) {
      durationNs += timings[m]!.endOffsetNs - timings[m]!.startOffsetNs;
      share += pathShare.get(timings[m]!.spanId) ?? 0;
    }
    const duration = (row.collapsed.length === 0 ? '' : g.sum) + formatDurationNs(durationNs, ascii);
    lines.push(
      `${fit(span?.service ?? '?', serviceWidth, g)} ${marks} ${fit(indent + label, opWidth, g)} |${bar}| ` +
        `${duration.padStart(9)} ${(onPath ? formatShare(share) : '').padStart(6)}`,
    );
  }
  if (hidden > 0) lines.push(`${g.ellipsis} ${hidden} more span${hidden === 1 ? '' : 's'}`);
  return `${lines.join('\n')}\n`;
}

function summaryLines(a: TraceAnalysis, g: Glyphs, ascii: boolean): string[] {
  const d = (ns: number): string => formatDurationNs(ns, ascii);
  const dot = ascii ? ' | ' : ' · ';
  const lines = [
    `trace ${a.traceId}${dot}${a.spanCount} span${a.spanCount === 1 ? '' : 's'}${dot}` +
      `${a.serviceCount} service${a.serviceCount === 1 ? '' : 's'}${dot}${d(a.durationNs)}`,
  ];
  if (a.bottleneck) {
    const b = a.bottleneck;
    lines.push(
      `critical path: ${a.criticalPath.length} spans over ${d(a.criticalPathNs)}` +
        `${a.unattributedNs > 0 ? ` (${d(a.unattributedNs)} with no span running)` : ''}${dot}bottleneck ${g.bottleneck} ` +
        `${b.service} "${b.name}" ${formatShare(b.share)} of the critical path (${d(b.selfOnPathNs)} self)`,
    );
  }
  if (a.errorOrigin) {
    const e = a.errorOrigin;
    const message = e.message === '' ? '' : `: ${e.message}`;
    lines.push(
      `error origin ${g.error} ${e.service} "${e.name}"${message} (${e.chain.length - 1} level` +
        `${e.chain.length === 2 ? '' : 's'} below its root; ${e.errorSpanCount} error span${e.errorSpanCount === 1 ? '' : 's'})`,
    );
  }
  for (const p of a.patterns.slice(0, 3)) {
    const kind = p.kind === 'n_plus_one' ? 'N+1' : 'fan-out';
    lines.push(
      `pattern ${kind}: ${p.count}${g.times} ${p.service === '*' ? 'mixed calls' : `${p.service} "${p.name}"`} under ` +
        `${p.parentService} "${p.parentName}" (${ascii ? 'sum' : 'Σ'} ${d(p.totalNs)}, wall ${d(p.wallNs)}, max ${p.maxConcurrency} at once)`,
    );
  }
  if (a.patterns.length > 3) lines.push(`${g.ellipsis} ${a.patterns.length - 3} more patterns`);
  if (a.orphans.length > 0) {
    lines.push(
      `orphans: ${a.orphans.length} span${a.orphans.length === 1 ? '' : 's'} with missing parents shown as roots`,
    );
  }
  if (a.clockSkewAdjustments.length > 0) {
    const shifts = a.clockSkewAdjustments.map((c) => {
      const who = c.instance === '' ? c.service : `${c.service} (${c.instance})`;
      const sign = c.shiftNs > 0 ? '+' : '-';
      return `${who} ${sign}${d(Math.abs(c.shiftNs))} (${c.spanCount} span${c.spanCount === 1 ? '' : 's'})`;
    });
    lines.push(`clock skew corrected: ${shifts.join(', ')}`);
  }
  lines.push(`legend: ${g.bottleneck} bottleneck  ${g.path} critical path  ${g.error} error`);
  return lines;
}

/** Rows in preorder; runs of similar siblings collapse behind their first member. */
function buildRows(
  timings: readonly SpanTiming[],
  spanOf: (t: number) => AnalysisSpan | undefined,
  collapseAt: number,
  priorityOf: (t: number) => number,
): Row[] {
  const n = timings.length;
  const index = new Map<string, number>();
  for (let k = 0; k < n; k++) index.set(timings[k]!.spanId, k);
  const kids: number[][] = Array.from({ length: n }, () => []);
  const roots: number[] = [];
  // analysis.spans is a preorder with children by start, so pushing keeps that order.
  for (let k = 0; k < n; k++) {
    const p = timings[k]!.parentSpanId === '' ? undefined : index.get(timings[k]!.parentSpanId);
    if (p === undefined) roots.push(k);
    else kids[p]!.push(k);
  }
  const subtree = new Int32Array(n).fill(1);
  for (let k = n - 1; k >= 0; k--) for (const c of kids[k]!) subtree[k] = subtree[k]! + subtree[c]!;
  const keyOf = (k: number): string => {
    const s = spanOf(k);
    return s ? similarityKey(s.service, s.name) : timings[k]!.spanId;
  };

  const rows: Row[] = [];
  const rowOfTiming = new Map<number, number>();
  const parentRowOf = (t: number): number => {
    const p = timings[t]!.parentSpanId === '' ? undefined : index.get(timings[t]!.parentSpanId);
    return p === undefined ? -1 : (rowOfTiming.get(p) ?? -1);
  };
  type Work = { span: number } | { group: number[] };
  const stack: Work[] = [];
  const pushSiblings = (list: readonly number[]): void => {
    const work: Work[] = [];
    let k = 0;
    while (k < list.length) {
      let j = k + 1;
      const key = keyOf(list[k]!);
      while (j < list.length && keyOf(list[j]!) === key) j++;
      work.push({ span: list[k]! });
      if (collapseAt > 0 && j - k >= collapseAt) {
        // The bottleneck and error-chain spans never hide inside a collapsed row.
        const rest = list.slice(k + 1, j);
        const group = rest.filter((m) => priorityOf(m) > 0);
        if (group.length > 0) work.push({ group });
        for (const m of rest) if (priorityOf(m) === 0) work.push({ span: m });
      } else {
        for (let m = k + 1; m < j; m++) work.push({ span: list[m]! });
      }
      k = j;
    }
    for (let w = work.length - 1; w >= 0; w--) stack.push(work[w]!);
  };
  pushSiblings(roots);
  while (stack.length > 0) {
    const work = stack.pop()!;
    if ('span' in work) {
      rowOfTiming.set(work.span, rows.length);
      rows.push({
        timing: work.span,
        collapsed: [],
        represents: 1,
        priority: priorityOf(work.span),
        parentRow: parentRowOf(work.span),
      });
      pushSiblings(kids[work.span]!);
    } else {
      let represents = 0;
      let priority = 3;
      for (const m of work.group) {
        represents += subtree[m]!;
        priority = Math.min(priority, priorityOf(m));
      }
      rows.push({
        timing: work.group[0]!,
        collapsed: work.group,
        represents,
        priority,
        parentRow: parentRowOf(work.group[0]!),
      });
    }
  }
  return rows;
}

/** 0: bottleneck and error chain, 1: critical path, 2: everything else. */
function priorities(analysis: TraceAnalysis): (t: number) => number {
  const top = new Set<string>(analysis.errorOrigin?.chain ?? []);
  if (analysis.bottleneck) top.add(analysis.bottleneck.spanId);
  return (t) => {
    const timing = analysis.spans[t]!;
    if (top.has(timing.spanId)) return 0;
    return timing.onCriticalPath ? 1 : 2;
  };
}

/**
 * Keeps at most `max` rows: the bottleneck and error chain first, then critical-path
 * rows by their share of the path, then the rest shallowest and longest first;
 * each with the ancestors it needs.
 */
function selectRows(
  rows: readonly Row[],
  timings: readonly SpanTiming[],
  analysis: TraceAnalysis,
  max: number,
): boolean[] {
  const shown = rows.map(() => rows.length <= max);
  if (rows.length <= max) return shown;
  const pathShare = new Map<string, number>();
  for (const e of analysis.criticalPath) pathShare.set(e.spanId, e.share);
  const share = (r: Row): number => pathShare.get(timings[r.timing]!.spanId) ?? 0;
  const length = (r: Row): number => timings[r.timing]!.endOffsetNs - timings[r.timing]!.startOffsetNs;
  const order = rows.map((_, k) => k);
  order.sort((a, b) => {
    const ra = rows[a]!;
    const rb = rows[b]!;
    if (ra.priority !== rb.priority) return ra.priority - rb.priority;
    if (ra.priority === 1) return share(rb) - share(ra) || a - b;
    if (ra.priority === 2) {
      return timings[ra.timing]!.depth - timings[rb.timing]!.depth || length(rb) - length(ra) || a - b;
    }
    return a - b;
  });
  // A row comes with its hidden ancestors so that the indentation stays readable.
  let budget = max;
  for (const k of order) {
    if (budget === 0) break;
    if (shown[k]) continue;
    const chain: number[] = [];
    for (let r = k; r >= 0 && !shown[r]; r = rows[r]!.parentRow) chain.push(r);
    if (chain.length > budget) continue;
    for (const r of chain) shown[r] = true;
    budget -= chain.length;
  }
  return shown;
}

function barOf(
  members: readonly number[],
  timings: readonly SpanTiming[],
  scale: number,
  width: number,
  glyph: string,
): string {
  const cells = new Array<boolean>(width).fill(false);
  for (const m of members) {
    const t = timings[m]!;
    const from = Math.min(width - 1, Math.floor(t.startOffsetNs * scale));
    const to = Math.max(from + 1, Math.min(width, Math.ceil(t.endOffsetNs * scale)));
    for (let c = from; c < to; c++) cells[c] = true;
  }
  return cells.map((on) => (on ? glyph : ' ')).join('');
}

function fit(text: string, width: number, g: Glyphs): string {
  if (text.length <= width) return text.padEnd(width);
  return text.slice(0, Math.max(0, width - g.ellipsis.length)) + g.ellipsis;
}

function clamp(value: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, value));
}
