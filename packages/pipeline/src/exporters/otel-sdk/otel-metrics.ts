/**
 * @module Hub metrics → OpenTelemetry JS SDK `ResourceMetrics`, for official SDK metric exporters that expect
 * delta temporality (Azure Monitor aggregates what it receives). Gauges and sums pass through (ints as
 * numbers); monotonic cumulative sums and cumulative histograms become deltas via a CumulativeToDelta (the
 * first point of a series is a baseline and is not sent); non-monotonic sums stay cumulative, as the Azure
 * SDK itself reports up-down counters. Cumulative exponential histograms keep count/sum deltas only (no
 * buckets, min or max). Summaries have no SDK representation and are counted as unsupported.
 */
import { ValueType } from '@opentelemetry/api';
import {
  AggregationTemporality,
  type DataPoint,
  DataPointType,
  type Histogram,
  type MetricData as OtelMetricData,
  type ResourceMetrics as OtelResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { type Metric, type MetricsData, Temporality } from '@switchyard/core';
import { type CumulativeToDelta, seriesKey } from '../cumulative-to-delta.js';
import { toHrTime, toOtelAttributes, toOtelResource, toOtelScope } from './otel-common.js';

export interface ConvertedMetrics {
  resourceMetrics: OtelResourceMetrics[];
  /** Points that could not be represented (summaries). */
  unsupported: number;
}

function point<T>(
  p: { startTimeUnixNano: bigint; timeUnixNano: bigint; attributes: Metric['metadata'] },
  value: T,
): DataPoint<T> {
  return {
    startTime: toHrTime(p.startTimeUnixNano || p.timeUnixNano),
    endTime: toHrTime(p.timeUnixNano),
    attributes: toOtelAttributes(p.attributes),
    value,
  };
}

function convertMetric(
  m: Metric,
  resourceKey: string,
  deltas: CumulativeToDelta,
): OtelMetricData | undefined {
  const data = m.data;
  if (!data) return undefined;
  const descriptor = { name: m.name, description: m.description, unit: m.unit, valueType: ValueType.DOUBLE };
  const delta = AggregationTemporality.DELTA;
  switch (data.type) {
    case 'gauge':
      return {
        descriptor,
        aggregationTemporality: AggregationTemporality.CUMULATIVE,
        dataPointType: DataPointType.GAUGE,
        dataPoints: data.dataPoints.map((p) => point(p, Number(p.value))),
      };
    case 'sum': {
      const toDelta = data.isMonotonic && data.aggregationTemporality === Temporality.CUMULATIVE;
      const dataPoints: DataPoint<number>[] = [];
      for (const p of data.dataPoints) {
        const v = toDelta
          ? deltas.sum(seriesKey(resourceKey, m.name, p.attributes), p.startTimeUnixNano, Number(p.value))
          : Number(p.value);
        if (v !== undefined) dataPoints.push(point(p, v));
      }
      return {
        descriptor,
        aggregationTemporality:
          toDelta || data.aggregationTemporality === Temporality.DELTA
            ? delta
            : AggregationTemporality.CUMULATIVE,
        dataPointType: DataPointType.SUM,
        isMonotonic: data.isMonotonic,
        dataPoints,
      };
    }
    case 'histogram': {
      const dataPoints: DataPoint<Histogram>[] = [];
      for (const p of data.dataPoints) {
        let totals = { count: Number(p.count), sum: p.sum ?? 0, counts: p.bucketCounts.map(Number) };
        let exact = true;
        if (data.aggregationTemporality === Temporality.CUMULATIVE) {
          const d = deltas.histogram(
            seriesKey(resourceKey, m.name, p.attributes),
            p.startTimeUnixNano,
            totals,
          );
          if (d === undefined) continue;
          exact = d === totals;
          totals = { count: d.count, sum: d.sum, counts: [...d.counts] };
        }
        dataPoints.push(
          point(p, {
            buckets: { boundaries: p.explicitBounds, counts: totals.counts },
            count: totals.count,
            sum: totals.sum,
            // Lifetime min/max of a cumulative series do not describe one interval's delta.
            ...(exact && p.min !== undefined ? { min: p.min } : {}),
            ...(exact && p.max !== undefined ? { max: p.max } : {}),
          }),
        );
      }
      return {
        descriptor,
        aggregationTemporality: delta,
        dataPointType: DataPointType.HISTOGRAM,
        dataPoints,
      };
    }
    case 'exponentialHistogram': {
      const cumulative = data.aggregationTemporality === Temporality.CUMULATIVE;
      const dataPoints = [];
      for (const p of data.dataPoints) {
        const totals = { count: Number(p.count), sum: p.sum ?? 0, counts: [] };
        const d = cumulative
          ? deltas.histogram(seriesKey(resourceKey, m.name, p.attributes), p.startTimeUnixNano, totals)
          : totals;
        if (d === undefined) continue;
        const exact = d === totals;
        const empty = { offset: 0, bucketCounts: [] };
        dataPoints.push(
          point(p, {
            count: d.count,
            sum: d.sum,
            scale: p.scale,
            zeroCount: exact ? Number(p.zeroCount) : 0,
            positive: exact
              ? { offset: p.positive.offset, bucketCounts: p.positive.bucketCounts.map(Number) }
              : empty,
            negative: exact
              ? { offset: p.negative.offset, bucketCounts: p.negative.bucketCounts.map(Number) }
              : empty,
            ...(exact && p.min !== undefined ? { min: p.min } : {}),
            ...(exact && p.max !== undefined ? { max: p.max } : {}),
          }),
        );
      }
      return {
        descriptor,
        aggregationTemporality: delta,
        dataPointType: DataPointType.EXPONENTIAL_HISTOGRAM,
        dataPoints,
      };
    }
    case 'summary':
      return undefined;
  }
}

export function toOtelResourceMetrics(data: MetricsData, deltas: CumulativeToDelta): ConvertedMetrics {
  const resourceMetrics: OtelResourceMetrics[] = [];
  let unsupported = 0;
  for (const rm of data.resourceMetrics) {
    const resourceKey = JSON.stringify(Object.entries(rm.resource.attributes).sort(), (_k, v) =>
      typeof v === 'bigint' ? v.toString() : v,
    );
    const scopeMetrics = rm.scopeMetrics.map((sm) => {
      const metrics: OtelMetricData[] = [];
      for (const m of sm.metrics) {
        if (m.data?.type === 'summary') unsupported += m.data.dataPoints.length;
        const converted = convertMetric(m, resourceKey, deltas);
        if (converted && converted.dataPoints.length > 0) metrics.push(converted);
      }
      return { scope: toOtelScope(sm.scope, sm.schemaUrl), metrics };
    });
    resourceMetrics.push({ resource: toOtelResource(rm.resource), scopeMetrics });
  }
  return { resourceMetrics, unsupported };
}
