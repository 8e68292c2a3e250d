/**
 * @module OTLP metrics → Prometheus remote-write series.
 * - gauge → `name`; monotonic sum → `name_total`; non-monotonic sum → a gauge `name`
 * - histogram → `name_bucket{le=…}` (cumulative counts, `+Inf` = count), `name_sum`, `name_count`
 * - summary → `name{quantile=…}`, `name_sum`, `name_count`
 * - exponential histogram → a native histogram `name` (schema ≤ 8 after downscaling); scales below -4 and
 *   delta exponential histograms are dropped and counted
 * - delta sums and delta histograms are converted to cumulative with a bounded per-series running total
 *   (see delta-accumulator.ts), so counters from delta-temporality SDKs still work with `rate()`
 * - resource: `job` = [service.namespace/]service.name, `instance` = service.instance.id; the other resource
 *   attributes go to one `target_info` series (value 1) per resource; scope name/version become
 *   `otel_scope_name`/`otel_scope_version`
 * - a point flagged "no recorded value" becomes a staleness marker.
 */
import {
  type Attributes,
  type HistogramDataPoint,
  type Metric,
  type MetricsData,
  type NumberDataPoint,
  type Resource,
  serviceNameOf,
  Temporality,
} from '@switchyard/core';
import type { DeltaAccumulator } from './delta-accumulator.js';
import { toNativeHistogram } from './native-histogram.js';
import { promFloat, promLabelName, promLabelValue, promMetricName } from './prom-naming.js';
import { LabelSet, type PromSample, type PromSeries, STALE, seriesKey } from './prom-series.js';

export type DropReason =
  | 'delta_exponential_histogram'
  | 'exponential_histogram_scale'
  | 'exponential_histogram_disabled';

export interface ConvertOptions {
  /** Convert exponential histograms to native histograms (the receiver must accept them) or drop them. */
  nativeHistograms: boolean;
  /** Running totals for delta sums/histograms. */
  deltas: DeltaAccumulator;
  /** Called once per dropped data point. */
  onDrop: (reason: DropReason) => void;
}

const IDENTIFYING = new Set(['service.name', 'service.namespace', 'service.instance.id']);
const FLAG_NO_RECORDED_VALUE = 1;

function toMs(ns: bigint): number {
  return Number(ns / 1_000_000n);
}

function addAttributes(set: LabelSet, attrs: Attributes, skip?: Set<string>): void {
  // Sorted by original key so colliding sanitized names join their values in a stable order.
  for (const key of Object.keys(attrs).sort()) {
    if (skip?.has(key)) continue;
    set.addAttribute(promLabelName(key), promLabelValue(attrs[key]!));
  }
}

function resourceLabels(resource: Resource): LabelSet {
  const set = new LabelSet();
  const ns = resource.attributes['service.namespace'];
  const name = serviceNameOf(resource);
  set.set('job', typeof ns === 'string' && ns !== '' ? `${ns}/${name}` : name);
  const instance = resource.attributes['service.instance.id'];
  if (instance !== undefined && instance !== null) set.set('instance', promLabelValue(instance));
  return set;
}

class SeriesWriter {
  readonly series: PromSeries[] = [];
  latestMs = 0;

  constructor(private readonly options: ConvertOptions) {}

  sample(labels: LabelSet, name: string, value: PromSample['value'], timestampMs: number): void {
    this.series.push({
      labels: labels.copy().set('__name__', name).sorted(),
      samples: [{ value, timestampMs }],
      histograms: [],
    });
    if (timestampMs > this.latestMs) this.latestMs = timestampMs;
  }

  metric(m: Metric, base: LabelSet): void {
    const d = m.data;
    if (d === undefined) return;
    switch (d.type) {
      case 'gauge':
        for (const p of d.dataPoints) this.number(m, base, p, 'gauge', false);
        return;
      case 'sum': {
        const delta = d.aggregationTemporality === Temporality.DELTA;
        for (const p of d.dataPoints) this.number(m, base, p, d.isMonotonic ? 'counter' : 'gauge', delta);
        return;
      }
      case 'histogram': {
        const delta = d.aggregationTemporality === Temporality.DELTA;
        for (const p of d.dataPoints) this.histogram(m, base, p, delta);
        return;
      }
      case 'summary': {
        const name = promMetricName(m.name, m.unit, 'summary');
        for (const p of d.dataPoints) {
          const labels = this.pointLabels(base, p.attributes);
          const ts = toMs(p.timeUnixNano);
          const stale = (p.flags & FLAG_NO_RECORDED_VALUE) !== 0;
          for (const q of p.quantileValues) {
            const ql = labels.copy().set('quantile', promFloat(q.quantile));
            this.sample(ql, name, stale ? STALE : q.value, ts);
          }
          this.sample(labels, `${name}_sum`, stale ? STALE : p.sum, ts);
          this.sample(labels, `${name}_count`, stale ? STALE : Number(p.count), ts);
        }
        return;
      }
      case 'exponentialHistogram': {
        const name = promMetricName(m.name, m.unit, 'histogram');
        for (const p of d.dataPoints) {
          const reason: DropReason | undefined = !this.options.nativeHistograms
            ? 'exponential_histogram_disabled'
            : d.aggregationTemporality === Temporality.DELTA
              ? 'delta_exponential_histogram'
              : undefined;
          const ts = toMs(p.timeUnixNano);
          const h = reason === undefined ? toNativeHistogram(p, ts) : undefined;
          if (h === undefined) {
            this.options.onDrop(reason ?? 'exponential_histogram_scale');
            continue;
          }
          const labels = this.pointLabels(base, p.attributes).set('__name__', name).sorted();
          this.series.push({ labels, samples: [], histograms: [h] });
          if (ts > this.latestMs) this.latestMs = ts;
        }
        return;
      }
    }
  }

  private pointLabels(base: LabelSet, attrs: Attributes): LabelSet {
    const set = new LabelSet();
    addAttributes(set, attrs);
    // Labels the translation itself defines win over point attributes of the same name.
    for (const l of base.sorted()) set.set(l.name, l.value);
    return set;
  }

  private number(
    m: Metric,
    base: LabelSet,
    p: NumberDataPoint,
    kind: 'gauge' | 'counter',
    delta: boolean,
  ): void {
    const name = promMetricName(m.name, m.unit, kind);
    const labels = this.pointLabels(base, p.attributes);
    const ts = toMs(p.timeUnixNano);
    if ((p.flags & FLAG_NO_RECORDED_VALUE) !== 0) {
      this.sample(labels, name, STALE, ts);
      return;
    }
    let value = Number(p.value);
    if (delta) {
      value = this.options.deltas.addSum(seriesKey(labels.copy().set('__name__', name).sorted()), value);
    }
    this.sample(labels, name, value, ts);
  }

  private histogram(m: Metric, base: LabelSet, p: HistogramDataPoint, delta: boolean): void {
    const name = promMetricName(m.name, m.unit, 'histogram');
    const labels = this.pointLabels(base, p.attributes);
    const ts = toMs(p.timeUnixNano);
    const stale = (p.flags & FLAG_NO_RECORDED_VALUE) !== 0;
    let counts = p.bucketCounts.map(Number);
    let count = Number(p.count);
    let sum = p.sum;
    if (delta && !stale) {
      const key = seriesKey(labels.copy().set('__name__', name).sorted());
      const c = this.options.deltas.addHistogram(key, p.explicitBounds, counts, count, sum ?? 0);
      counts = [...c.counts];
      count = c.count;
      sum = p.sum === undefined ? undefined : c.sum;
    }
    let cumulative = 0;
    for (let i = 0; i < p.explicitBounds.length; i++) {
      cumulative += counts[i] ?? 0;
      const bl = labels.copy().set('le', promFloat(p.explicitBounds[i]!));
      this.sample(bl, `${name}_bucket`, stale ? STALE : cumulative, ts);
    }
    this.sample(labels.copy().set('le', '+Inf'), `${name}_bucket`, stale ? STALE : count, ts);
    if (sum !== undefined) this.sample(labels, `${name}_sum`, stale ? STALE : sum, ts);
    this.sample(labels, `${name}_count`, stale ? STALE : count, ts);
  }
}

/** Converts one metrics batch; series are in input order, `target_info` after each resource's series. */
export function metricsToPromSeries(data: MetricsData, options: ConvertOptions): PromSeries[] {
  const out: PromSeries[] = [];
  for (const rm of data.resourceMetrics) {
    const resource = resourceLabels(rm.resource);
    const writer = new SeriesWriter(options);
    for (const sm of rm.scopeMetrics) {
      const base = resource.copy();
      base.set('otel_scope_name', sm.scope.name).set('otel_scope_version', sm.scope.version);
      for (const m of sm.metrics) writer.metric(m, base);
    }
    out.push(...writer.series);
    const info = resource.copy();
    addAttributes(info, rm.resource.attributes, IDENTIFYING);
    if (writer.series.length > 0 && info.sorted().length > resource.sorted().length) {
      writer.sample(info, 'target_info', 1, writer.latestMs);
      out.push(writer.series[writer.series.length - 1]!);
    }
  }
  return out;
}
