/** @module OTLP/JSON ExportMetricsServiceRequest → MetricsData. */
import type {
  Exemplar,
  ExponentialHistogramBuckets,
  ExponentialHistogramDataPoint,
  HistogramDataPoint,
  Metric,
  MetricData,
  MetricsData,
  NumberDataPoint,
  SummaryDataPoint,
  Temporality,
} from '../model/metric.js';
import { at, fail } from './decode-failure.js';
import { METRICS_ENVELOPE } from './envelope.js';
import { jsonEnvelopeDecoder } from './envelope-json.js';
import { attributesFromJson } from './json-common.js';
import {
  doubleOf,
  get,
  type JsonObject,
  readArray,
  readBool,
  readDouble,
  readEnum,
  readId,
  readInt32,
  readInt64,
  readMessage,
  readOptionalDouble,
  readRepeated,
  readString,
  readUint32,
  readUint64,
  uint64Of,
} from './json-read.js';

const TEMPORALITY_NAMES: Record<string, number> = {
  AGGREGATION_TEMPORALITY_UNSPECIFIED: 0,
  AGGREGATION_TEMPORALITY_DELTA: 1,
  AGGREGATION_TEMPORALITY_CUMULATIVE: 2,
};

export function decodeMetricsJson(text: string): MetricsData {
  return { resourceMetrics: METRICS_FROM_JSON(text) };
}

function temporality(o: JsonObject): Temporality {
  return readEnum(o, 'aggregationTemporality', 'aggregation_temporality', TEMPORALITY_NAMES) as Temporality;
}

const DATA_DECODERS: readonly [string, string, (o: JsonObject) => MetricData][] = [
  [
    'gauge',
    'gauge',
    (o) => ({ type: 'gauge', dataPoints: readRepeated(o, 'dataPoints', 'data_points', numberPoint) }),
  ],
  [
    'sum',
    'sum',
    (o) => ({
      type: 'sum',
      aggregationTemporality: temporality(o),
      isMonotonic: readBool(o, 'isMonotonic', 'is_monotonic'),
      dataPoints: readRepeated(o, 'dataPoints', 'data_points', numberPoint),
    }),
  ],
  [
    'histogram',
    'histogram',
    (o) => ({
      type: 'histogram',
      aggregationTemporality: temporality(o),
      dataPoints: readRepeated(o, 'dataPoints', 'data_points', histogramPoint),
    }),
  ],
  [
    'exponentialHistogram',
    'exponential_histogram',
    (o) => ({
      type: 'exponentialHistogram',
      aggregationTemporality: temporality(o),
      dataPoints: readRepeated(o, 'dataPoints', 'data_points', expPoint),
    }),
  ],
  [
    'summary',
    'summary',
    (o) => ({ type: 'summary', dataPoints: readRepeated(o, 'dataPoints', 'data_points', summaryPoint) }),
  ],
];

function metricFromJson(o: JsonObject): Metric {
  let data: MetricData | undefined;
  let which = '';
  for (const [camel, snake, decode] of DATA_DECODERS) {
    const d = readMessage(o, camel, snake, decode);
    if (d === undefined) continue;
    if (data !== undefined) fail(camel, `metric already has ${which} data`);
    data = d;
    which = camel;
  }
  return {
    name: readString(o, 'name', 'name'),
    description: readString(o, 'description', 'description'),
    unit: readString(o, 'unit', 'unit'),
    metadata: attributesFromJson(o, 'metadata', 'metadata'),
    data,
  };
}

/** A oneof number value: asInt (bigint) or asDouble (number); 0 when neither is set. */
function numberValue(o: JsonObject): bigint | number {
  const asInt = get(o, 'asInt', 'as_int');
  const asDouble = get(o, 'asDouble', 'as_double');
  if (asInt !== undefined && asInt !== null) {
    if (asDouble !== undefined && asDouble !== null) fail('asInt', 'both asInt and asDouble are set');
    return readInt64(o, 'asInt', 'as_int');
  }
  return asDouble === undefined || asDouble === null ? 0 : doubleOf(asDouble, 'asDouble');
}

function exemplar(o: JsonObject): Exemplar {
  return {
    filteredAttributes: attributesFromJson(o, 'filteredAttributes', 'filtered_attributes'),
    timeUnixNano: readUint64(o, 'timeUnixNano', 'time_unix_nano'),
    value: numberValue(o),
    spanId: readId(o, 'spanId', 'span_id', 8),
    traceId: readId(o, 'traceId', 'trace_id', 16),
  };
}

function pointBase(o: JsonObject) {
  return {
    attributes: attributesFromJson(o, 'attributes', 'attributes'),
    startTimeUnixNano: readUint64(o, 'startTimeUnixNano', 'start_time_unix_nano'),
    timeUnixNano: readUint64(o, 'timeUnixNano', 'time_unix_nano'),
    flags: readUint32(o, 'flags', 'flags'),
  };
}

function numberPoint(o: JsonObject): NumberDataPoint {
  return {
    ...pointBase(o),
    value: numberValue(o),
    exemplars: readRepeated(o, 'exemplars', 'exemplars', exemplar),
  };
}

function listOf<T>(o: JsonObject, camel: string, snake: string, conv: (v: unknown, field: string) => T): T[] {
  const arr = readArray(o, camel, snake);
  const out: T[] = [];
  for (let i = 0; i < arr.length; i++) {
    try {
      out.push(conv(arr[i], ''));
    } catch (e) {
      throw at(e, `${camel}[${i}]`);
    }
  }
  return out;
}

/** Adds sum/min/max only when present (they are proto3 `optional`). */
function withOptionals<P extends { sum?: number; min?: number; max?: number }>(p: P, o: JsonObject): P {
  const sum = readOptionalDouble(o, 'sum', 'sum');
  const min = readOptionalDouble(o, 'min', 'min');
  const max = readOptionalDouble(o, 'max', 'max');
  if (sum !== undefined) p.sum = sum;
  if (min !== undefined) p.min = min;
  if (max !== undefined) p.max = max;
  return p;
}

function histogramPoint(o: JsonObject): HistogramDataPoint {
  const p: HistogramDataPoint = {
    ...pointBase(o),
    count: readUint64(o, 'count', 'count'),
    bucketCounts: listOf(o, 'bucketCounts', 'bucket_counts', uint64Of),
    explicitBounds: listOf(o, 'explicitBounds', 'explicit_bounds', doubleOf),
    exemplars: readRepeated(o, 'exemplars', 'exemplars', exemplar),
  };
  return withOptionals(p, o);
}

function buckets(o: JsonObject): ExponentialHistogramBuckets {
  return {
    offset: readInt32(o, 'offset', 'offset'),
    bucketCounts: listOf(o, 'bucketCounts', 'bucket_counts', uint64Of),
  };
}

function expPoint(o: JsonObject): ExponentialHistogramDataPoint {
  const empty = (): ExponentialHistogramBuckets => ({ offset: 0, bucketCounts: [] });
  const p: ExponentialHistogramDataPoint = {
    ...pointBase(o),
    count: readUint64(o, 'count', 'count'),
    scale: readInt32(o, 'scale', 'scale'),
    zeroCount: readUint64(o, 'zeroCount', 'zero_count'),
    positive: readMessage(o, 'positive', 'positive', buckets) ?? empty(),
    negative: readMessage(o, 'negative', 'negative', buckets) ?? empty(),
    exemplars: readRepeated(o, 'exemplars', 'exemplars', exemplar),
    zeroThreshold: readDouble(o, 'zeroThreshold', 'zero_threshold'),
  };
  return withOptionals(p, o);
}

function summaryPoint(o: JsonObject): SummaryDataPoint {
  return {
    ...pointBase(o),
    count: readUint64(o, 'count', 'count'),
    sum: readDouble(o, 'sum', 'sum'),
    quantileValues: readRepeated(o, 'quantileValues', 'quantile_values', (q) => ({
      quantile: readDouble(q, 'quantile', 'quantile'),
      value: readDouble(q, 'value', 'value'),
    })),
  };
}

const METRICS_FROM_JSON = jsonEnvelopeDecoder(METRICS_ENVELOPE, metricFromJson);
