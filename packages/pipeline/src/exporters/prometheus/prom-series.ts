/**
 * @module The Prometheus remote-write data model (prometheus/prompb types.proto, remote write 1.0): time
 * series of labels with float samples or native histograms. Labels are kept sorted by name, as the remote
 * write specification requires.
 */
export interface PromLabel {
  name: string;
  value: string;
}

export interface PromSample {
  /** `STALE` marks a point flagged "no recorded value" (written as Prometheus's staleness NaN). */
  value: number | typeof STALE;
  timestampMs: number;
}

export const STALE = Symbol('prometheus-stale-marker');

export interface BucketSpan {
  offset: number;
  length: number;
}

/** An integer native histogram: bucket counts as deltas from the previous bucket. */
export interface NativeHistogram {
  count: number;
  sum: number;
  schema: number;
  zeroThreshold: number;
  zeroCount: number;
  negativeSpans: BucketSpan[];
  negativeDeltas: number[];
  positiveSpans: BucketSpan[];
  positiveDeltas: number[];
  /** 0 unknown, 1 yes, 2 no, 3 gauge. */
  resetHint: 0 | 1 | 2 | 3;
  timestampMs: number;
}

export interface PromSeries {
  labels: PromLabel[];
  samples: PromSample[];
  histograms: NativeHistogram[];
}

/** Builds a label set: later `set` calls win; `addAttribute` joins colliding values with `;`. */
export class LabelSet {
  private readonly values = new Map<string, string>();

  set(name: string, value: string): this {
    if (value === '') this.values.delete(name);
    else this.values.set(name, value);
    return this;
  }

  /** For attributes whose sanitized names collide (`a.b` and `a_b`): values joined with `;`. */
  addAttribute(name: string, value: string): void {
    if (value === '') return;
    const prev = this.values.get(name);
    this.values.set(name, prev === undefined ? value : `${prev};${value}`);
  }

  copy(): LabelSet {
    const c = new LabelSet();
    for (const [k, v] of this.values) c.values.set(k, v);
    return c;
  }

  /** Sorted by name (byte order: label names are ASCII after sanitizing). */
  sorted(): PromLabel[] {
    return [...this.values]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, value]) => ({ name, value }));
  }
}

/** A stable identity for a series (its sorted labels), for delta accumulation. */
export function seriesKey(labels: readonly PromLabel[]): string {
  let key = '';
  for (const l of labels) key += `${l.name}\u0000${l.value}\u0001`;
  return key;
}
