/**
 * @module Protobuf decoding of ExportMetricsServiceRequest (metrics.proto v1).
 * Hand-written on protobufjs's Reader (hub hot path), same conventions as the trace decoder.
 */
import type { AttrValue } from '../model/attributes.js';
import type { Metric, MetricData, MetricsData, Temporality } from '../model/metric.js';
import { buildAttributes } from './attr-builder.js';
import { at } from './decode-failure.js';
import { METRICS_ENVELOPE } from './envelope.js';
import { decodeEnvelope, protoEnvelopeDecoder } from './envelope-proto.js';
import {
  decodeExpPoint,
  decodeHistogramPoint,
  decodeNumberPoint,
  decodeSummaryPoint,
} from './metrics-proto-points.js';
import { decodeAttribute, nested } from './proto-common.js';
import { checkEnd, type Reader, readLen, readString, skipField } from './proto-primitives.js';

// biome-ignore format: indexed by field number
const METRIC_FIELDS = ['', 'name', 'description', 'unit', '', 'gauge', '', 'sum', '', 'histogram',
  'exponentialHistogram', 'summary', 'metadata'];
const AGG_FIELDS = ['', 'dataPoints', 'aggregationTemporality', 'isMonotonic'];

const METRICS = protoEnvelopeDecoder(METRICS_ENVELOPE, decodeMetric);

/** Decodes a protobuf ExportMetricsServiceRequest (or MetricsData, same layout). */
export function decodeMetrics(bytes: Uint8Array): MetricsData {
  return { resourceMetrics: decodeEnvelope(bytes, METRICS) };
}

function decodeMetric(r: Reader, end: number): Metric {
  let name = '';
  let description = '';
  let unit = '';
  const metadataK: string[] = [];
  const metadataV: AttrValue[] = [];
  let data: MetricData | undefined;
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 10:
        name = readString(r, end, 'name');
        break;
      case 18:
        description = readString(r, end, 'description');
        break;
      case 26:
        unit = readString(r, end, 'unit');
        break;
      case 42:
        data = nested(r, end, 'gauge', decodeGauge);
        break;
      case 58:
        data = nested(r, end, 'sum', decodeSum);
        break;
      case 74:
        data = nested(r, end, 'histogram', decodeHistogram);
        break;
      case 82:
        data = nested(r, end, 'exponentialHistogram', decodeExpHistogram);
        break;
      case 90:
        data = nested(r, end, 'summary', decodeSummary);
        break;
      case 98:
        decodeAttribute(r, end, metadataK, metadataV, 'metadata');
        break;
      default:
        skipField(r, tag, end, METRIC_FIELDS);
    }
  }
  checkEnd(r, end);
  return { name, description, unit, metadata: buildAttributes(metadataK, metadataV), data };
}

/** Decodes the common shape of the five metric data messages: points, temporality, monotonicity. */
function decodeAggregation<P>(
  r: Reader,
  end: number,
  decodePoint: (r: Reader, end: number) => P,
): { points: P[]; temporality: Temporality; isMonotonic: boolean } {
  const points: P[] = [];
  let temporality = 0;
  let isMonotonic = false;
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 10) {
      const stop = readLen(r, end, 'dataPoints');
      try {
        points.push(decodePoint(r, stop));
      } catch (e) {
        throw at(e, `dataPoints[${points.length}]`);
      }
    } else if (tag === 16) temporality = r.int32();
    else if (tag === 24) isMonotonic = r.uint32() !== 0;
    else skipField(r, tag, end, AGG_FIELDS);
  }
  checkEnd(r, end);
  return { points, temporality: temporality as Temporality, isMonotonic };
}

function decodeGauge(r: Reader, end: number): MetricData {
  return { type: 'gauge', dataPoints: decodeAggregation(r, end, decodeNumberPoint).points };
}

function decodeSum(r: Reader, end: number): MetricData {
  const a = decodeAggregation(r, end, decodeNumberPoint);
  return {
    type: 'sum',
    aggregationTemporality: a.temporality,
    isMonotonic: a.isMonotonic,
    dataPoints: a.points,
  };
}

function decodeHistogram(r: Reader, end: number): MetricData {
  const a = decodeAggregation(r, end, decodeHistogramPoint);
  return { type: 'histogram', aggregationTemporality: a.temporality, dataPoints: a.points };
}

function decodeExpHistogram(r: Reader, end: number): MetricData {
  const a = decodeAggregation(r, end, decodeExpPoint);
  return { type: 'exponentialHistogram', aggregationTemporality: a.temporality, dataPoints: a.points };
}

function decodeSummary(r: Reader, end: number): MetricData {
  return { type: 'summary', dataPoints: decodeAggregation(r, end, decodeSummaryPoint).points };
}
