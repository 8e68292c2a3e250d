/**
 * @module Hub metrics → OpenTelemetry JS SDK `ResourceMetrics`, for official SDK metric exporters. Points map
 * one to one (ints as numbers) with their temporality kept: an exporter that needs deltas (Azure Monitor
 * aggregates what it receives) runs the cumulative_to_delta processor over the batch first, so cumulative
 * counters and histograms arrive here as deltas, and what it leaves cumulative (up-down counters, reported as
 * current values as the Azure SDK itself does) stays so. Summaries have no SDK representation and are
 * counted as unsupported.
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

function temporality(t: Temporality): AggregationTemporality {
  return t === Temporality.DELTA ? AggregationTemporality.DELTA : AggregationTemporality.CUMULATIVE;
}

function minMax(p: { min?: number; max?: number }): { min?: number; max?: number } {
  return { ...(p.min !== undefined ? { min: p.min } : {}), ...(p.max !== undefined ? { max: p.max } : {}) };
}

function convertMetric(m: Metric): OtelMetricData | undefined {
  const data = m.data;
  if (!data) return undefined;
  const descriptor = { name: m.name, description: m.description, unit: m.unit, valueType: ValueType.DOUBLE };
  switch (data.type) {
    case 'gauge':
      return {
        descriptor,
        aggregationTemporality: AggregationTemporality.CUMULATIVE,
        dataPointType: DataPointType.GAUGE,
        dataPoints: data.dataPoints.map((p) => point(p, Number(p.value))),
      };
    case 'sum':
      return {
        descriptor,
        aggregationTemporality: temporality(data.aggregationTemporality),
        dataPointType: DataPointType.SUM,
        isMonotonic: data.isMonotonic,
        dataPoints: data.dataPoints.map((p) => point(p, Number(p.value))),
      };
    case 'histogram':
      return {
        descriptor,
        aggregationTemporality: temporality(data.aggregationTemporality),
        dataPointType: DataPointType.HISTOGRAM,
        dataPoints: data.dataPoints.map(
          (p): DataPoint<Histogram> =>
            point(p, {
              buckets: { boundaries: p.explicitBounds, counts: p.bucketCounts.map(Number) },
              count: Number(p.count),
              sum: p.sum ?? 0,
              ...minMax(p),
            }),
        ),
      };
    case 'exponentialHistogram':
      return {
        descriptor,
        aggregationTemporality: temporality(data.aggregationTemporality),
        dataPointType: DataPointType.EXPONENTIAL_HISTOGRAM,
        dataPoints: data.dataPoints.map((p) =>
          point(p, {
            count: Number(p.count),
            sum: p.sum ?? 0,
            scale: p.scale,
            zeroCount: Number(p.zeroCount),
            positive: { offset: p.positive.offset, bucketCounts: p.positive.bucketCounts.map(Number) },
            negative: { offset: p.negative.offset, bucketCounts: p.negative.bucketCounts.map(Number) },
            ...minMax(p),
          }),
        ),
      };
    case 'summary':
      return undefined;
  }
}

export function toOtelResourceMetrics(data: MetricsData): ConvertedMetrics {
  const resourceMetrics: OtelResourceMetrics[] = [];
  let unsupported = 0;
  for (const rm of data.resourceMetrics) {
    const scopeMetrics = rm.scopeMetrics.map((sm) => {
      const metrics: OtelMetricData[] = [];
      for (const m of sm.metrics) {
        if (m.data?.type === 'summary') unsupported += m.data.dataPoints.length;
        const converted = convertMetric(m);
        if (converted && converted.dataPoints.length > 0) metrics.push(converted);
      }
      return { scope: toOtelScope(sm.scope, sm.schemaUrl), metrics };
    });
    resourceMetrics.push({ resource: toOtelResource(rm.resource), scopeMetrics });
  }
  return { resourceMetrics, unsupported };
}
