/** @module MetricsData → OTLP/JSON ExportMetricsServiceRequest. */
import type {
  Exemplar,
  ExponentialHistogramBuckets,
  ExponentialHistogramDataPoint,
  HistogramDataPoint,
  Metric,
  MetricsData,
  NumberDataPoint,
  SummaryDataPoint,
} from '../model/metric.js';
import { METRICS_ENVELOPE } from './envelope.js';
import { encodeEnvelopeJson } from './envelope-json.js';
import { jsonDouble, put, putAttributes } from './json-common.js';
import type { JsonObject } from './json-read.js';

export function encodeMetricsJson(data: MetricsData): string {
  return encodeEnvelopeJson(data.resourceMetrics, METRICS_ENVELOPE, metricToJson);
}

function metricToJson(m: Metric): JsonObject {
  const out: JsonObject = {};
  put(out, 'name', m.name);
  put(out, 'description', m.description);
  put(out, 'unit', m.unit);
  const d = m.data;
  if (d !== undefined) {
    const body: JsonObject = {};
    switch (d.type) {
      case 'gauge':
        put(body, 'dataPoints', d.dataPoints.map(numberPoint));
        break;
      case 'sum':
        put(body, 'dataPoints', d.dataPoints.map(numberPoint));
        put(body, 'aggregationTemporality', d.aggregationTemporality);
        put(body, 'isMonotonic', d.isMonotonic);
        break;
      case 'histogram':
        put(body, 'dataPoints', d.dataPoints.map(histogramPoint));
        put(body, 'aggregationTemporality', d.aggregationTemporality);
        break;
      case 'exponentialHistogram':
        put(body, 'dataPoints', d.dataPoints.map(expPoint));
        put(body, 'aggregationTemporality', d.aggregationTemporality);
        break;
      case 'summary':
        put(body, 'dataPoints', d.dataPoints.map(summaryPoint));
        break;
    }
    out[d.type] = body;
  }
  putAttributes(out, 'metadata', m.metadata);
  return out;
}

function base(p: NumberDataPoint | HistogramDataPoint | ExponentialHistogramDataPoint | SummaryDataPoint) {
  const out: JsonObject = {};
  putAttributes(out, 'attributes', p.attributes);
  put(out, 'startTimeUnixNano', p.startTimeUnixNano);
  put(out, 'timeUnixNano', p.timeUnixNano);
  return out;
}

function putValue(out: JsonObject, v: bigint | number): void {
  if (typeof v === 'bigint') out.asInt = v.toString();
  else out.asDouble = jsonDouble(v);
}

function exemplarToJson(e: Exemplar): JsonObject {
  const out: JsonObject = {};
  putAttributes(out, 'filteredAttributes', e.filteredAttributes);
  put(out, 'timeUnixNano', e.timeUnixNano);
  putValue(out, e.value);
  put(out, 'spanId', e.spanId);
  put(out, 'traceId', e.traceId);
  return out;
}

function numberPoint(p: NumberDataPoint): JsonObject {
  const out = base(p);
  putValue(out, p.value);
  put(out, 'exemplars', p.exemplars.map(exemplarToJson));
  put(out, 'flags', p.flags);
  return out;
}

function putOptionals(out: JsonObject, p: { sum?: number; min?: number; max?: number }): void {
  if (p.sum !== undefined) out.sum = jsonDouble(p.sum);
  if (p.min !== undefined) out.min = jsonDouble(p.min);
  if (p.max !== undefined) out.max = jsonDouble(p.max);
}

function histogramPoint(p: HistogramDataPoint): JsonObject {
  const out = base(p);
  put(out, 'count', p.count);
  putOptionals(out, p);
  put(out, 'bucketCounts', p.bucketCounts.map(String));
  put(out, 'explicitBounds', p.explicitBounds.map(jsonDouble));
  put(out, 'exemplars', p.exemplars.map(exemplarToJson));
  put(out, 'flags', p.flags);
  return out;
}

function bucketsToJson(b: ExponentialHistogramBuckets): JsonObject {
  const out: JsonObject = {};
  put(out, 'offset', b.offset);
  put(out, 'bucketCounts', b.bucketCounts.map(String));
  return out;
}

function expPoint(p: ExponentialHistogramDataPoint): JsonObject {
  const out = base(p);
  put(out, 'count', p.count);
  putOptionals(out, p);
  put(out, 'scale', p.scale);
  put(out, 'zeroCount', p.zeroCount);
  if (p.positive.offset !== 0 || p.positive.bucketCounts.length > 0) out.positive = bucketsToJson(p.positive);
  if (p.negative.offset !== 0 || p.negative.bucketCounts.length > 0) out.negative = bucketsToJson(p.negative);
  put(out, 'flags', p.flags);
  put(out, 'exemplars', p.exemplars.map(exemplarToJson));
  put(out, 'zeroThreshold', p.zeroThreshold);
  return out;
}

function summaryPoint(p: SummaryDataPoint): JsonObject {
  const out = base(p);
  put(out, 'count', p.count);
  put(out, 'sum', p.sum);
  put(
    out,
    'quantileValues',
    p.quantileValues.map((q) => {
      const qv: JsonObject = {};
      put(qv, 'quantile', q.quantile);
      put(qv, 'value', q.value);
      return qv;
    }),
  );
  put(out, 'flags', p.flags);
  return out;
}
