/**
 * @module Delta → cumulative conversion for Prometheus, which only stores cumulative counters and histograms.
 * Keeps a running total per series (its sorted labels) in a map bounded by `maxSeries`, least recently used
 * first out. An evicted series seen again starts from zero, which Prometheus reads as a counter reset —
 * `rate()` stays correct; the eviction is counted.
 */

interface SumState {
  kind: 'sum';
  total: number;
}

interface HistogramState {
  kind: 'histogram';
  bounds: readonly number[];
  counts: number[];
  count: number;
  sum: number;
}

export interface CumulativeHistogram {
  counts: readonly number[];
  count: number;
  sum: number;
}

export class DeltaAccumulator {
  private readonly series = new Map<string, SumState | HistogramState>();

  constructor(
    private readonly maxSeries: number,
    private readonly onEvict: () => void = () => {},
  ) {}

  get size(): number {
    return this.series.size;
  }

  /** Adds a delta to a sum series and returns the running total. */
  addSum(key: string, delta: number): number {
    const s = this.touch(key);
    if (s?.kind === 'sum') {
      s.total += delta;
      return s.total;
    }
    this.put(key, { kind: 'sum', total: delta });
    return delta;
  }

  /** Adds a delta histogram; bucket bounds that changed restart the series. */
  addHistogram(
    key: string,
    bounds: readonly number[],
    counts: readonly number[],
    count: number,
    sum: number,
  ): CumulativeHistogram {
    const s = this.touch(key);
    if (s?.kind === 'histogram' && sameBounds(s.bounds, bounds) && s.counts.length === counts.length) {
      for (let i = 0; i < counts.length; i++) s.counts[i]! += counts[i]!;
      s.count += count;
      s.sum += sum;
      return s;
    }
    const fresh: HistogramState = { kind: 'histogram', bounds: [...bounds], counts: [...counts], count, sum };
    this.put(key, fresh);
    return fresh;
  }

  private touch(key: string): SumState | HistogramState | undefined {
    const s = this.series.get(key);
    if (s !== undefined) {
      // Re-insert so Map iteration order is least recently used first.
      this.series.delete(key);
      this.series.set(key, s);
    }
    return s;
  }

  private put(key: string, state: SumState | HistogramState): void {
    this.series.set(key, state);
    while (this.series.size > this.maxSeries) {
      const oldest = this.series.keys().next().value as string;
      this.series.delete(oldest);
      this.onEvict();
    }
  }
}

function sameBounds(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
