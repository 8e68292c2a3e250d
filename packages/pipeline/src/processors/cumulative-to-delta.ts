/**
 * @module Cumulative → delta (`type: cumulative_to_delta`), as the Collector's cumulativetodelta processor, for
 * backends that only take delta metrics (Datadog, New Relic, Dynatrace, Honeycomb, Elastic, AWS, and the Azure
 * Monitor and CloudWatch EMF exporters, which run it over each batch before converting). Per series
 * (resource + scope + metric name + point attributes) it keeps the last cumulative point; each new point
 * becomes the difference over [previous time, this time]. The first point of a series has nothing to diff
 * against: when its start time is at or after this converter's creation, the series began while we were
 * watching, so [start, time] is exactly new data and the point is sent whole; otherwise (an older series, or
 * no start time) it is dropped (counted), as the Collector does. A reset (a monotonic value or a bucket count
 * went down, the start time moved, the histogram layout changed) restarts the series: when the point carries a
 * new start time after the previous point it is sent whole (it covers exactly [start, time]), otherwise dropped.
 * State is bounded by `maxSeries`, least recently used first out (counted); an evicted series starts over.
 * Sums, histograms and exponential histograms are converted (non-monotonic sums can be left cumulative, for
 * destinations that report up-down counters as current values); gauges, summaries and delta data pass through.
 * The same point seen again (a retried batch) gets the same delta again, so retries are safe.
 * The input batch is never modified (it may be shared with other exporters); unchanged batches are returned
 * as-is so their received bytes can still be passed through. */
import {
  type Attributes,
  attributesToJson,
  type Metric,
  type MetricData,
  type ResourceMetrics,
  type TelemetryBatch,
  Temporality,
} from '@switchyard/core';
import { z } from 'zod';
import type { ComponentFactory } from '../component/factory.js';
import type { Processor } from '../component/processor.js';
import type { SelfMetrics } from '../self/self-metrics.js';
import { type Delta, exponentialDelta, histogramDelta, sumDelta } from './cumulative-points.js';

export const cumulativeToDeltaConfigSchema = z.strictObject({
  type: z.literal('cumulative_to_delta').default('cumulative_to_delta'),
  /** Series whose last point is kept; beyond it the least recently seen is forgotten (and starts over). */
  maxSeries: z.number().int().positive().default(100_000),
});
export type CumulativeToDeltaConfig = z.infer<typeof cumulativeToDeltaConfigSchema>;

type DropReason = 'first_point' | 'reset' | 'out_of_order';
type Point = { startTimeUnixNano: bigint; timeUnixNano: bigint };
/** The last cumulative point of a series and what was sent for it (replayed when the same point comes again). */
interface SeriesState<P> {
  last: P;
  out?: P;
}

function sortedAttributes(a: Attributes): string {
  const keys = Object.keys(a);
  if (keys.length < 2) return attributesToJson(a);
  const sorted: Attributes = {};
  for (const k of keys.sort()) sorted[k] = a[k]!;
  return attributesToJson(sorted);
}

/** Settings an embedding exporter gives in code (not config keys). */
export interface CumulativeToDeltaOptions {
  /** Leave non-monotonic cumulative sums (up-down counters) as they are. Default false: they are converted. */
  monotonicSumsOnly?: boolean;
  /** When the converter was created (ms since the epoch; tests). A first point that started since is sent. */
  nowMs?: number;
}

export class CumulativeToDelta implements Processor {
  // Insertion order is recency order: a hit is deleted and re-set, so the first key is the least recent.
  private readonly last = new Map<string, SeriesState<Point>>();
  private readonly dropped: Record<DropReason, (by?: number) => void>;
  private readonly evicted: () => void;
  private readonly resets: () => void;
  private readonly createdNs: bigint;
  private readonly monotonicSumsOnly: boolean;

  constructor(
    private readonly config: CumulativeToDeltaConfig,
    readonly name = 'cumulative_to_delta',
    metrics?: SelfMetrics,
    options: CumulativeToDeltaOptions = {},
  ) {
    this.createdNs = BigInt(options.nowMs ?? Date.now()) * 1_000_000n;
    this.monotonicSumsOnly = options.monotonicSumsOnly ?? false;
    const counter = (reason: DropReason) =>
      metrics?.counter(
        'switchyard_cumulative_to_delta_dropped_points_total',
        'Cumulative points not sent as deltas (first of a series, reset without a new start time, out of order)',
        { processor: name, reason },
      ) ?? (() => {});
    this.dropped = {
      first_point: counter('first_point'),
      reset: counter('reset'),
      out_of_order: counter('out_of_order'),
    };
    this.evicted =
      metrics?.counter(
        'switchyard_cumulative_to_delta_evicted_series_total',
        'Series forgotten because maxSeries was reached (their next point is handled as a first point)',
        { processor: name },
      ) ?? (() => {});
    this.resets =
      metrics?.counter(
        'switchyard_cumulative_to_delta_resets_total',
        'Series that restarted (counter reset)',
        {
          processor: name,
        },
      ) ?? (() => {});
  }

  private isCumulative(data: MetricData | undefined): boolean {
    if (data === undefined || data.type === 'gauge' || data.type === 'summary') return false;
    if (data.type === 'sum' && this.monotonicSumsOnly && !data.isMonotonic) return false;
    return data.aggregationTemporality === Temporality.CUMULATIVE;
  }

  /** Series currently remembered. */
  get size(): number {
    return this.last.size;
  }

  process(batch: TelemetryBatch): TelemetryBatch | null {
    if (batch.signal !== 'metrics') return batch;
    const any = batch.data.resourceMetrics.some((rm) =>
      rm.scopeMetrics.some((sm) => sm.metrics.some((m) => this.isCumulative(m.data))),
    );
    if (!any) return batch;
    const resourceMetrics: ResourceMetrics[] = [];
    for (const rm of batch.data.resourceMetrics) {
      const resourceKey = sortedAttributes(rm.resource.attributes);
      const scopeMetrics = [];
      for (const sm of rm.scopeMetrics) {
        const scopeKey = `${resourceKey}\u0000${sm.scope.name}\u0000${sm.scope.version}`;
        const metrics: Metric[] = [];
        for (const m of sm.metrics) {
          const converted = this.isCumulative(m.data) ? this.convert(`${scopeKey}\u0000${m.name}`, m) : m;
          if (converted) metrics.push(converted);
        }
        if (metrics.length > 0) scopeMetrics.push({ ...sm, metrics });
      }
      if (scopeMetrics.length > 0) resourceMetrics.push({ ...rm, scopeMetrics });
    }
    if (resourceMetrics.length === 0) return null;
    return { signal: 'metrics', data: { resourceMetrics } };
  }

  private convert(metricKey: string, m: Metric): Metric | undefined {
    const data = m.data!;
    const each = <P extends Point & { attributes: Attributes }>(
      points: P[],
      diff: (prev: P, cur: P) => Delta<P>,
    ): P[] => {
      const out: P[] = [];
      for (const p of points) {
        const r = this.step(`${metricKey}\u0000${data.type}\u0000${sortedAttributes(p.attributes)}`, p, diff);
        if (r) out.push(r);
      }
      return out;
    };
    let next: MetricData;
    if (data.type === 'sum')
      next = { ...data, dataPoints: each(data.dataPoints, (a, b) => sumDelta(a, b, data.isMonotonic)) };
    else if (data.type === 'histogram') next = { ...data, dataPoints: each(data.dataPoints, histogramDelta) };
    else if (data.type === 'exponentialHistogram')
      next = { ...data, dataPoints: each(data.dataPoints, exponentialDelta) };
    else return m;
    if (next.dataPoints.length === 0) return undefined;
    next.aggregationTemporality = Temporality.DELTA;
    return { ...m, data: next };
  }

  /** One point of one series: the delta to send, or undefined when it is dropped. */
  private step<P extends Point>(key: string, cur: P, diff: (prev: P, cur: P) => Delta<P>): P | undefined {
    const state = this.last.get(key) as SeriesState<P> | undefined;
    if (!state) {
      // A series that started while we were watching: [start, time] is all new, so it is sent whole.
      if (cur.startTimeUnixNano !== 0n && cur.startTimeUnixNano >= this.createdNs) {
        this.remember(key, { last: cur, out: cur });
        return cur;
      }
      this.remember(key, { last: cur });
      this.dropped.first_point();
      return undefined;
    }
    const prev = state.last;
    // The same point again (a retried batch, or the durable queue replaying it): the same answer again.
    if (cur.timeUnixNano === prev.timeUnixNano) return state.out;
    if (cur.timeUnixNano < prev.timeUnixNano) {
      this.dropped.out_of_order();
      return undefined;
    }
    const out = this.delta(prev, cur, diff);
    this.remember(key, { last: cur, out });
    return out;
  }

  private delta<P extends Point>(prev: P, cur: P, diff: (prev: P, cur: P) => Delta<P>): P | undefined {
    const d = diff(prev, cur);
    if (d.kind === 'delta') return d.point;
    this.resets();
    const restarted =
      cur.startTimeUnixNano !== 0n &&
      cur.startTimeUnixNano !== prev.startTimeUnixNano &&
      cur.startTimeUnixNano >= prev.timeUnixNano;
    if (restarted) return cur;
    this.dropped.reset();
    return undefined;
  }

  private remember(key: string, state: SeriesState<Point>): void {
    this.last.delete(key);
    this.last.set(key, state);
    if (this.last.size > this.config.maxSeries) {
      const oldest = this.last.keys().next().value;
      if (oldest !== undefined) this.last.delete(oldest);
      this.evicted();
    }
  }
}

export const cumulativeToDeltaFactory: ComponentFactory<
  CumulativeToDeltaConfig,
  CumulativeToDelta,
  { name?: string; metrics?: SelfMetrics }
> = {
  type: 'cumulative_to_delta',
  kind: 'processor',
  stability: { metrics: 'beta' },
  configSchema: cumulativeToDeltaConfigSchema,
  createDefaultConfig: () => cumulativeToDeltaConfigSchema.parse({}),
  create: (config, { name, metrics }) => new CumulativeToDelta(config, name, metrics),
};
