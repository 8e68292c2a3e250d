/**
 * @module Hub metrics → CloudWatch Embedded Metric Format log events. Points with the same timestamp and the
 * same dimension values share one event (one EMF directive, at most 100 metrics); each metric's value is a
 * root member named after it, next to the dimension members:
 *
 *   {"_aws":{"Timestamp":1700000000000,"CloudWatchMetrics":[{"Namespace":"app","Dimensions":[["service.name"]],
 *     "Metrics":[{"Name":"http.requests","Unit":"Count"}]}]},"service.name":"checkout","http.requests":12}
 *
 * Values: gauges and sums as they are — the exporter runs the cumulative_to_delta processor over the batch
 * first, so monotonic cumulative sums and cumulative histograms arrive here as deltas, and the non-monotonic
 * cumulative sums it leaves are sent as gauges (their current value). Histograms, exponential histograms and
 * summaries as EMF statistic sets {Count, Sum, Min, Max} (Min/Max only when known for the interval — a
 * converted delta has none — as the Collector's awsemf exporter does). Points with a zero count, or a
 * non-finite value, are skipped.
 */
import type { Attributes, AttrValue, Metric, MetricsData } from '@switchyard/core';
import { attrText } from '../attr-text.js';

export const MAX_METRICS_PER_DIRECTIVE = 100;
export const MAX_DIMENSIONS = 30;

export interface StatisticSet {
  Count: number;
  Sum: number;
  Min?: number;
  Max?: number;
}

export interface LogEvent {
  /** Milliseconds since the epoch. */
  timestamp: number;
  message: string;
}

export interface EmfOptions {
  namespace: string;
  /** Attribute keys that become dimensions, looked up in the point's attributes, then the resource's. */
  dimensionKeys: readonly string[];
}

/** UCUM units (OTel) → CloudWatch StandardUnit; anything else is None. */
const UNITS: Record<string, string> = {
  s: 'Seconds',
  ms: 'Milliseconds',
  us: 'Microseconds',
  By: 'Bytes',
  KBy: 'Kilobytes',
  MBy: 'Megabytes',
  GBy: 'Gigabytes',
  TBy: 'Terabytes',
  bit: 'Bits',
  Kibit: 'Kilobits',
  Mbit: 'Megabits',
  '%': 'Percent',
  'By/s': 'Bytes/Second',
  'bit/s': 'Bits/Second',
  '1/s': 'Count/Second',
};

export function cloudWatchUnit(unit: string, isCount: boolean): string {
  const u = UNITS[unit];
  if (u) return u;
  if (isCount && (unit === '1' || unit === '' || /^\{.*\}$/.test(unit))) return 'Count';
  return 'None';
}

interface Group {
  timestamp: number;
  dimensions: Record<string, string>;
  metrics: { Name: string; Unit: string }[];
  values: Record<string, number | StatisticSet>;
}

function dimensionsOf(
  keys: readonly string[],
  point: Attributes,
  resource: Attributes,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) {
    const v: AttrValue | undefined = point[k] ?? resource[k];
    if (v === undefined || v === null) continue;
    const text = attrText(v).slice(0, 1024);
    if (text !== '') out[k] = text;
  }
  return out;
}

/** Point value(s) of one metric as [attributes, time ns, value] triples. */
function values(m: Metric): { attributes: Attributes; timeNs: bigint; value: number | StatisticSet }[] {
  const out: { attributes: Attributes; timeNs: bigint; value: number | StatisticSet }[] = [];
  const data = m.data;
  if (!data) return out;
  switch (data.type) {
    case 'gauge':
    case 'sum':
      for (const p of data.dataPoints) {
        const value = Number(p.value);
        if (Number.isFinite(value)) out.push({ attributes: p.attributes, timeNs: p.timeUnixNano, value });
      }
      return out;
    case 'histogram':
    case 'exponentialHistogram':
      for (const p of data.dataPoints) {
        if (p.count <= 0n) continue;
        const set: StatisticSet = { Count: Number(p.count), Sum: p.sum ?? 0 };
        if (p.min !== undefined) set.Min = p.min;
        if (p.max !== undefined) set.Max = p.max;
        out.push({ attributes: p.attributes, timeNs: p.timeUnixNano, value: set });
      }
      return out;
    case 'summary':
      for (const p of data.dataPoints) {
        if (p.count <= 0n) continue;
        const set: StatisticSet = { Count: Number(p.count), Sum: p.sum };
        const q0 = p.quantileValues.find((q) => q.quantile === 0);
        const q1 = p.quantileValues.find((q) => q.quantile === 1);
        if (q0) set.Min = q0.value;
        if (q1) set.Max = q1.value;
        out.push({ attributes: p.attributes, timeNs: p.timeUnixNano, value: set });
      }
      return out;
  }
}

function isCounter(m: Metric): boolean {
  return m.data?.type === 'sum' && m.data.isMonotonic;
}

export function toEmfEvents(data: MetricsData, opts: EmfOptions): LogEvent[] {
  const groups = new Map<string, Group[]>();
  for (const rm of data.resourceMetrics) {
    for (const sm of rm.scopeMetrics) {
      for (const m of sm.metrics) {
        const unit = cloudWatchUnit(m.unit, isCounter(m));
        for (const v of values(m)) {
          const dimensions = dimensionsOf(opts.dimensionKeys, v.attributes, rm.resource.attributes);
          const timestamp = Number(v.timeNs / 1_000_000n);
          const gk = `${timestamp}\u0000${JSON.stringify(Object.entries(dimensions))}`;
          const list = groups.get(gk) ?? [];
          if (list.length === 0) groups.set(gk, list);
          // A new group when the last is full or already holds this metric name (one value per name).
          let g = list[list.length - 1];
          if (!g || g.metrics.length >= MAX_METRICS_PER_DIRECTIVE || m.name in g.values) {
            g = { timestamp, dimensions, metrics: [], values: {} };
            list.push(g);
          }
          g.metrics.push({ Name: m.name, Unit: unit });
          g.values[m.name] = v.value;
        }
      }
    }
  }
  const events: LogEvent[] = [];
  for (const list of groups.values()) {
    for (const g of list) {
      const message = {
        _aws: {
          Timestamp: g.timestamp,
          CloudWatchMetrics: [
            { Namespace: opts.namespace, Dimensions: [Object.keys(g.dimensions)], Metrics: g.metrics },
          ],
        },
        ...g.dimensions,
        ...g.values,
      };
      events.push({ timestamp: g.timestamp, message: JSON.stringify(message) });
    }
  }
  return events;
}
