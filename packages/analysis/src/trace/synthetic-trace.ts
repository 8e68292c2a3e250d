/**
 * @module A deterministic generator of large, realistic-looking traces for
 * benchmarks, tests and demos: nested calls across a few services, sequential
 * and parallel children, occasional errors. Same options → same spans.
 */
import { SpanKind, StatusCode } from '@switchyard/core';
import type { AnalysisSpan } from './analysis-span.js';

export interface SyntheticTraceOptions {
  spanCount: number;
  /** PRNG seed (default 1). */
  seed?: number;
  /** Root duration in ns (default 2 s). */
  durationNs?: number;
  /** Fraction of spans with error status (default 0.01). */
  errorRate?: number;
  traceId?: string;
  startTimeUnixNano?: bigint;
}

const SERVICES = ['frontend', 'checkout', 'cart', 'payments', 'inventory', 'db'];
const OPERATIONS = ['GET /api/items', 'POST /api/order', 'SELECT items', 'validate', 'render', 'cache.get'];

export function generateSyntheticTrace(opts: SyntheticTraceOptions): AnalysisSpan[] {
  const random = mulberry32(opts.seed ?? 1);
  const n = Math.max(1, Math.floor(opts.spanCount));
  const errorRate = opts.errorRate ?? 0.01;
  const traceId = opts.traceId ?? '5b8efff798038103d269b633813fc60c';
  const t0 = opts.startTimeUnixNano ?? 1_700_000_000_000_000_000n;
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  /** Where the next child of each span may start (keeps siblings mostly sequential). */
  const cursor = new Float64Array(n);
  ends[0] = opts.durationNs ?? 2_000_000_000;
  const spans: AnalysisSpan[] = [];
  const make = (i: number, parent: number, service: string, name: string, kind: number): void => {
    const failed = i > 0 && random() < errorRate;
    spans.push({
      traceId,
      spanId: (i + 1).toString(16).padStart(16, '0'),
      parentSpanId: parent < 0 ? '' : (parent + 1).toString(16).padStart(16, '0'),
      name,
      service,
      kind,
      startTimeUnixNano: t0 + BigInt(Math.round(starts[i]!)),
      endTimeUnixNano: t0 + BigInt(Math.round(ends[i]!)),
      status: {
        code: failed ? StatusCode.ERROR : StatusCode.UNSET,
        message: failed ? 'synthetic failure' : '',
      },
      attributes: { 'synthetic.index': BigInt(i) },
    });
  };
  make(0, -1, SERVICES[0]!, 'GET /checkout', SpanKind.SERVER);
  for (let i = 1; i < n; i++) {
    // Prefer recent spans as parents so the tree gets both depth and breadth.
    const window = Math.min(i, 64);
    const parent = random() < 0.7 ? i - 1 - Math.floor(random() * window) : Math.floor(random() * i);
    const ps = starts[parent]!;
    const pe = ends[parent]!;
    const parallel = random() < 0.3;
    const from = parallel ? ps + random() * (pe - ps) * 0.5 : Math.max(ps, cursor[parent]!);
    const room = Math.max(0, pe - from);
    const length = room * (0.05 + random() * 0.5);
    starts[i] = Math.min(from, pe);
    ends[i] = starts[i]! + length;
    if (!parallel) cursor[parent] = ends[i]!;
    cursor[i] = starts[i]!;
    const parentSpan = spans[parent]!;
    const service = random() < 0.6 ? parentSpan.service : SERVICES[Math.floor(random() * SERVICES.length)]!;
    const name = OPERATIONS[Math.floor(random() * OPERATIONS.length)]!;
    make(i, parent, service, name, service === parentSpan.service ? SpanKind.INTERNAL : SpanKind.SERVER);
  }
  return spans;
}

/** Small, fast, seedable PRNG (Mulberry32). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
