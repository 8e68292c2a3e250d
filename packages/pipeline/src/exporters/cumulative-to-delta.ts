/**
 * @module Cumulative → delta conversion for destinations that aggregate what they receive (Azure Monitor,
 * CloudWatch): keeps the last cumulative value per series in a map bounded by `maxSeries` (least recently
 * used first out). The first point of a series is only a baseline — nothing is emitted — unless the series
 * started after this converter did, in which case its whole value is new. A lower value or a new start time
 * is a reset: the point's value is the delta.
 */

export interface HistogramTotals {
  count: number;
  sum: number;
  /** Per-bucket counts; compared only when the length is unchanged. */
  counts: readonly number[];
}

interface Last<T> {
  start: bigint;
  value: T;
}

export class CumulativeToDelta {
  private readonly series = new Map<string, Last<number> | Last<HistogramTotals>>();
  private readonly createdNs: bigint;

  constructor(
    private readonly maxSeries = 100_000,
    nowMs: number = Date.now(),
  ) {
    this.createdNs = BigInt(nowMs) * 1_000_000n;
  }

  /** Delta of a monotonic cumulative sum, or undefined for a baseline point. */
  sum(key: string, startNs: bigint, value: number): number | undefined {
    const last = this.swap(key, { start: startNs, value }) as Last<number> | undefined;
    if (last === undefined) return this.isNew(startNs) ? value : undefined;
    if (last.start !== startNs || value < last.value) return value;
    return value - last.value;
  }

  /** Delta of a cumulative histogram, or undefined for a baseline point. */
  histogram(key: string, startNs: bigint, value: HistogramTotals): HistogramTotals | undefined {
    const last = this.swap(key, { start: startNs, value }) as Last<HistogramTotals> | undefined;
    if (last === undefined) return this.isNew(startNs) ? value : undefined;
    const prev = last.value;
    if (last.start !== startNs || value.count < prev.count || value.counts.length !== prev.counts.length) {
      return value;
    }
    return {
      count: value.count - prev.count,
      sum: value.sum - prev.sum,
      counts: value.counts.map((c, i) => c - (prev.counts[i] ?? 0)),
    };
  }

  get size(): number {
    return this.series.size;
  }

  private isNew(startNs: bigint): boolean {
    return startNs > 0n && startNs >= this.createdNs;
  }

  private swap<T>(key: string, next: Last<T>): Last<unknown> | undefined {
    const last = this.series.get(key);
    // Delete then set moves the key to the end of the Map's insertion order: the oldest is first.
    this.series.delete(key);
    this.series.set(key, next as Last<number>);
    if (this.series.size > this.maxSeries) {
      const oldest = this.series.keys().next().value;
      if (oldest !== undefined) this.series.delete(oldest);
    }
    return last;
  }
}

/** A stable series identity: resource, metric name and point attributes with keys sorted. */
export function seriesKey(resourceKey: string, metric: string, attrs: Record<string, unknown>): string {
  const keys = Object.keys(attrs).sort();
  return `${resourceKey}\u0000${metric}\u0000${JSON.stringify(
    keys.map((k) => [k, attrs[k]]),
    bigintText,
  )}`;
}

export function bigintText(_key: string, v: unknown): unknown {
  return typeof v === 'bigint' ? v.toString() : v;
}
