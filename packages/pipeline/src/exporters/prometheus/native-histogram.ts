/**
 * @module OTLP exponential histogram → Prometheus native histogram. Both use base 2^(2^-scale) buckets; an
 * OTLP bucket index i covers (base^i, base^(i+1)] and a Prometheus one (base^(i-1), base^i], so indexes
 * shift by one. Prometheus accepts schemas -4…8: a finer OTLP scale is downscaled to 8 by merging buckets;
 * a coarser one than -4 cannot be represented and is reported as unsupported.
 */
import type { ExponentialHistogramBuckets, ExponentialHistogramDataPoint } from '@switchyard/core';
import type { BucketSpan, NativeHistogram } from './prom-series.js';

const MAX_SCHEMA = 8;
const MIN_SCHEMA = -4;

interface Buckets {
  spans: BucketSpan[];
  deltas: number[];
}

/** Merges buckets 2^shift at a time: OTLP index i lands in i >> shift (a floor, also for negatives). */
function downscale(b: ExponentialHistogramBuckets, shift: number): { offset: number; counts: number[] } {
  const counts = b.bucketCounts.map(Number);
  if (shift === 0 || counts.length === 0) return { offset: b.offset, counts };
  const offset = b.offset >> shift;
  const out: number[] = [];
  for (let k = 0; k < counts.length; k++) {
    const j = ((b.offset + k) >> shift) - offset;
    out[j] = (out[j] ?? 0) + counts[k]!;
  }
  return { offset, counts: Array.from(out, (c) => c ?? 0) };
}

function toBuckets(b: ExponentialHistogramBuckets, shift: number): Buckets {
  const { offset, counts } = downscale(b, shift);
  let first = 0;
  let last = counts.length - 1;
  while (first <= last && counts[first] === 0) first++;
  while (last >= first && counts[last] === 0) last--;
  if (first > last) return { spans: [], deltas: [] };
  const deltas: number[] = [];
  let prev = 0;
  for (let k = first; k <= last; k++) {
    deltas.push(counts[k]! - prev);
    prev = counts[k]!;
  }
  return { spans: [{ offset: offset + first + 1, length: last - first + 1 }], deltas };
}

/** The native histogram for a point, or undefined when its scale is below what Prometheus supports. */
export function toNativeHistogram(
  p: ExponentialHistogramDataPoint,
  timestampMs: number,
): NativeHistogram | undefined {
  if (p.scale < MIN_SCHEMA) return undefined;
  const shift = Math.max(0, p.scale - MAX_SCHEMA);
  const positive = toBuckets(p.positive, shift);
  const negative = toBuckets(p.negative, shift);
  return {
    count: Number(p.count),
    sum: p.sum ?? 0,
    schema: p.scale - shift,
    zeroThreshold: p.zeroThreshold,
    zeroCount: Number(p.zeroCount),
    positiveSpans: positive.spans,
    positiveDeltas: positive.deltas,
    negativeSpans: negative.spans,
    negativeDeltas: negative.deltas,
    resetHint: 0,
    timestampMs,
  };
}
