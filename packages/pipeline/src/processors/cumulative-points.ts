/**
 * @module The per-point arithmetic of cumulative → delta: the previous cumulative point of a series and the
 * current one give the delta point, or `reset` when the series restarted (a monotonic value or a bucket count
 * went down, the start time moved, the histogram layout changed). Pure functions on the core model.
 */
import type {
  ExponentialHistogramBuckets,
  ExponentialHistogramDataPoint,
  HistogramDataPoint,
  NumberDataPoint,
} from '@switchyard/core';

export type Delta<P> = { kind: 'delta'; point: P } | { kind: 'reset' };

function startMoved(prev: { startTimeUnixNano: bigint }, cur: { startTimeUnixNano: bigint }): boolean {
  return cur.startTimeUnixNano !== 0n && cur.startTimeUnixNano !== prev.startTimeUnixNano;
}

function minus(a: bigint | number, b: bigint | number): bigint | number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a - b;
  return Number(a) - Number(b);
}

function less(a: bigint | number, b: bigint | number): boolean {
  return typeof a === 'bigint' && typeof b === 'bigint' ? a < b : Number(a) < Number(b);
}

export function sumDelta(
  prev: NumberDataPoint,
  cur: NumberDataPoint,
  monotonic: boolean,
): Delta<NumberDataPoint> {
  if (startMoved(prev, cur) || (monotonic && less(cur.value, prev.value))) return { kind: 'reset' };
  return {
    kind: 'delta',
    point: { ...cur, startTimeUnixNano: prev.timeUnixNano, value: minus(cur.value, prev.value) },
  };
}

/** Bucket-wise difference; undefined when a count went down (a reset). */
function countsDelta(prev: readonly bigint[], cur: readonly bigint[]): bigint[] | undefined {
  const out: bigint[] = [];
  for (let i = 0; i < cur.length; i++) {
    const d = cur[i]! - (prev[i] ?? 0n);
    if (d < 0n) return undefined;
    out.push(d);
  }
  return out;
}

function sameBounds(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

export function histogramDelta(prev: HistogramDataPoint, cur: HistogramDataPoint): Delta<HistogramDataPoint> {
  if (startMoved(prev, cur) || cur.count < prev.count || !sameBounds(prev.explicitBounds, cur.explicitBounds))
    return { kind: 'reset' };
  const bucketCounts = countsDelta(prev.bucketCounts, cur.bucketCounts);
  if (!bucketCounts || prev.bucketCounts.length !== cur.bucketCounts.length) return { kind: 'reset' };
  const point: HistogramDataPoint = {
    ...cur,
    startTimeUnixNano: prev.timeUnixNano,
    count: cur.count - prev.count,
    bucketCounts,
    sum: cur.sum !== undefined && prev.sum !== undefined ? cur.sum - prev.sum : undefined,
  };
  // The min and max of the interval cannot be derived from two cumulative points.
  delete point.min;
  delete point.max;
  return { kind: 'delta', point };
}

/** Aligns buckets by absolute index (offset + i): cumulative ranges only grow while the scale holds. */
function bucketsDelta(
  prev: ExponentialHistogramBuckets,
  cur: ExponentialHistogramBuckets,
): ExponentialHistogramBuckets | undefined {
  const out: bigint[] = [];
  for (let i = 0; i < cur.bucketCounts.length; i++) {
    const j = cur.offset + i - prev.offset;
    const d = cur.bucketCounts[i]! - (j >= 0 ? (prev.bucketCounts[j] ?? 0n) : 0n);
    if (d < 0n) return undefined;
    out.push(d);
  }
  // A bucket the previous point had but the current one lacks means counts were lost: a reset.
  const prevEnd = prev.offset + prev.bucketCounts.length;
  const curEnd = cur.offset + cur.bucketCounts.length;
  for (let k = prev.offset; k < prevEnd; k++)
    if ((k < cur.offset || k >= curEnd) && prev.bucketCounts[k - prev.offset]! > 0n) return undefined;
  return { offset: cur.offset, bucketCounts: out };
}

export function exponentialDelta(
  prev: ExponentialHistogramDataPoint,
  cur: ExponentialHistogramDataPoint,
): Delta<ExponentialHistogramDataPoint> {
  if (
    startMoved(prev, cur) ||
    cur.scale !== prev.scale ||
    cur.count < prev.count ||
    cur.zeroCount < prev.zeroCount ||
    cur.zeroThreshold !== prev.zeroThreshold
  )
    return { kind: 'reset' };
  const positive = bucketsDelta(prev.positive, cur.positive);
  const negative = bucketsDelta(prev.negative, cur.negative);
  if (!positive || !negative) return { kind: 'reset' };
  const point: ExponentialHistogramDataPoint = {
    ...cur,
    startTimeUnixNano: prev.timeUnixNano,
    count: cur.count - prev.count,
    zeroCount: cur.zeroCount - prev.zeroCount,
    positive,
    negative,
    sum: cur.sum !== undefined && prev.sum !== undefined ? cur.sum - prev.sum : undefined,
  };
  delete point.min;
  delete point.max;
  return { kind: 'delta', point };
}
