/** @module Protobuf encoding of ExportMetricsServiceRequest (metrics.proto v1). */
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
import { encodeEnvelope } from './envelope-proto.js';
import {
  isDefaultDouble,
  type Writer,
  writeAttributes,
  writeFixed64,
  writeId,
  writeString,
  writeUint32,
  writeVarint64,
} from './proto-encode-common.js';

export function encodeMetrics(data: MetricsData): Uint8Array {
  return encodeEnvelope(data.resourceMetrics, METRICS_ENVELOPE, writeMetric);
}

function writeTime(w: Writer, tag: number, t: bigint): void {
  if (t !== 0n) writeFixed64(w.uint32(tag), t);
}

function writeTemporality(w: Writer, t: number): void {
  if (t !== 0) w.uint32(16).int32(t);
}

function writeMetric(w: Writer, m: Metric): void {
  writeString(w, 10, m.name);
  writeString(w, 18, m.description);
  writeString(w, 26, m.unit);
  const d = m.data;
  if (d !== undefined) {
    switch (d.type) {
      case 'gauge':
        w.uint32(42).fork();
        for (const p of d.dataPoints) writeNumberPoint(w, p);
        break;
      case 'sum':
        w.uint32(58).fork();
        for (const p of d.dataPoints) writeNumberPoint(w, p);
        writeTemporality(w, d.aggregationTemporality);
        if (d.isMonotonic) w.uint32(24).bool(true);
        break;
      case 'histogram':
        w.uint32(74).fork();
        for (const p of d.dataPoints) writeHistogramPoint(w, p);
        writeTemporality(w, d.aggregationTemporality);
        break;
      case 'exponentialHistogram':
        w.uint32(82).fork();
        for (const p of d.dataPoints) writeExpPoint(w, p);
        writeTemporality(w, d.aggregationTemporality);
        break;
      case 'summary':
        w.uint32(90).fork();
        for (const p of d.dataPoints) writeSummaryPoint(w, p);
        break;
    }
    w.ldelim();
  }
  writeAttributes(w, 98, m.metadata);
}

function writeExemplar(w: Writer, tag: number, e: Exemplar): void {
  w.uint32(tag).fork();
  writeTime(w, 17, e.timeUnixNano);
  if (typeof e.value === 'number') w.uint32(25).double(e.value);
  writeId(w, 34, e.spanId, 8, 'exemplar spanId');
  writeId(w, 42, e.traceId, 16, 'exemplar traceId');
  if (typeof e.value === 'bigint') writeFixed64(w.uint32(49), e.value);
  writeAttributes(w, 58, e.filteredAttributes);
  w.ldelim();
}

function writeNumberPoint(w: Writer, p: NumberDataPoint): void {
  w.uint32(10).fork();
  writeTime(w, 17, p.startTimeUnixNano);
  writeTime(w, 25, p.timeUnixNano);
  if (typeof p.value === 'number') w.uint32(33).double(p.value);
  for (const e of p.exemplars) writeExemplar(w, 42, e);
  if (typeof p.value === 'bigint') writeFixed64(w.uint32(49), p.value);
  writeAttributes(w, 58, p.attributes);
  writeUint32(w, 64, p.flags);
  w.ldelim();
}

function writeOptionalDouble(w: Writer, tag: number, v: number | undefined): void {
  if (v !== undefined) w.uint32(tag).double(v);
}

function writeHistogramPoint(w: Writer, p: HistogramDataPoint): void {
  w.uint32(10).fork();
  writeTime(w, 17, p.startTimeUnixNano);
  writeTime(w, 25, p.timeUnixNano);
  writeTime(w, 33, p.count);
  writeOptionalDouble(w, 41, p.sum);
  if (p.bucketCounts.length > 0) {
    w.uint32(50).uint32(p.bucketCounts.length * 8);
    for (const c of p.bucketCounts) writeFixed64(w, c);
  }
  if (p.explicitBounds.length > 0) {
    w.uint32(58).uint32(p.explicitBounds.length * 8);
    for (const b of p.explicitBounds) w.double(b);
  }
  for (const e of p.exemplars) writeExemplar(w, 66, e);
  writeAttributes(w, 74, p.attributes);
  writeUint32(w, 80, p.flags);
  writeOptionalDouble(w, 89, p.min);
  writeOptionalDouble(w, 97, p.max);
  w.ldelim();
}

function writeBuckets(w: Writer, tag: number, b: ExponentialHistogramBuckets): void {
  if (b.offset === 0 && b.bucketCounts.length === 0) return;
  w.uint32(tag).fork();
  if (b.offset !== 0) w.uint32(8).sint32(b.offset);
  if (b.bucketCounts.length > 0) {
    w.uint32(18).fork();
    for (const c of b.bucketCounts) writeVarint64(w, c);
    w.ldelim();
  }
  w.ldelim();
}

function writeExpPoint(w: Writer, p: ExponentialHistogramDataPoint): void {
  w.uint32(10).fork();
  writeAttributes(w, 10, p.attributes);
  writeTime(w, 17, p.startTimeUnixNano);
  writeTime(w, 25, p.timeUnixNano);
  writeTime(w, 33, p.count);
  writeOptionalDouble(w, 41, p.sum);
  if (p.scale !== 0) w.uint32(48).sint32(p.scale);
  writeTime(w, 57, p.zeroCount);
  writeBuckets(w, 66, p.positive);
  writeBuckets(w, 74, p.negative);
  writeUint32(w, 80, p.flags);
  for (const e of p.exemplars) writeExemplar(w, 90, e);
  writeOptionalDouble(w, 97, p.min);
  writeOptionalDouble(w, 105, p.max);
  if (!isDefaultDouble(p.zeroThreshold)) w.uint32(113).double(p.zeroThreshold);
  w.ldelim();
}

function writeSummaryPoint(w: Writer, p: SummaryDataPoint): void {
  w.uint32(10).fork();
  writeTime(w, 17, p.startTimeUnixNano);
  writeTime(w, 25, p.timeUnixNano);
  writeTime(w, 33, p.count);
  if (!isDefaultDouble(p.sum)) w.uint32(41).double(p.sum);
  for (const q of p.quantileValues) {
    w.uint32(50).fork();
    if (!isDefaultDouble(q.quantile)) w.uint32(9).double(q.quantile);
    if (!isDefaultDouble(q.value)) w.uint32(17).double(q.value);
    w.ldelim();
  }
  writeAttributes(w, 58, p.attributes);
  writeUint32(w, 64, p.flags);
  w.ldelim();
}
