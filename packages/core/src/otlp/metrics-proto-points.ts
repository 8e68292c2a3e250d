/**
 * @module Protobuf decoding of metric data points and exemplars (metrics.proto v1).
 * Hand-written on protobufjs's Reader: part of the hub's ingest hot path.
 */
import type { AttrValue } from '../model/attributes.js';
import type {
  Exemplar,
  ExponentialHistogramBuckets,
  ExponentialHistogramDataPoint,
  HistogramDataPoint,
  NumberDataPoint,
  SummaryDataPoint,
} from '../model/metric.js';
import { buildAttributes } from './attr-builder.js';
import { at, fail } from './decode-failure.js';
import { decodeAttribute, nested, readPackedUint64 } from './proto-common.js';
import {
  checkEnd,
  type Reader,
  readDouble,
  readFixed64,
  readId,
  readLen,
  readSFixed64,
  readUint64,
  skipField,
} from './proto-primitives.js';

// biome-ignore format: indexed by field number
const NUMBER_FIELDS = ['', '', 'startTimeUnixNano', 'timeUnixNano', 'asDouble', 'exemplars', 'asInt', 'attributes',
  'flags'];
// biome-ignore format: indexed by field number
const HISTOGRAM_FIELDS = ['', '', 'startTimeUnixNano', 'timeUnixNano', 'count', 'sum', 'bucketCounts',
  'explicitBounds', 'exemplars', 'attributes', 'flags', 'min', 'max'];
// biome-ignore format: indexed by field number
const EXP_FIELDS = ['', 'attributes', 'startTimeUnixNano', 'timeUnixNano', 'count', 'sum', 'scale', 'zeroCount',
  'positive', 'negative', 'flags', 'exemplars', 'min', 'max', 'zeroThreshold'];
const BUCKETS_FIELDS = ['', 'offset', 'bucketCounts'];
// biome-ignore format: indexed by field number
const SUMMARY_FIELDS = ['', '', 'startTimeUnixNano', 'timeUnixNano', 'count', 'sum', 'quantileValues',
  'attributes', 'flags'];
const QUANTILE_FIELDS = ['', 'quantile', 'value'];
// biome-ignore format: indexed by field number
const EXEMPLAR_FIELDS = ['', '', 'timeUnixNano', 'asDouble', 'spanId', 'traceId', 'asInt', 'filteredAttributes'];

function decodeExemplarInto(r: Reader, end: number, out: Exemplar[]): void {
  const stop = readLen(r, end, 'exemplars');
  try {
    out.push(decodeExemplar(r, stop));
  } catch (e) {
    throw at(e, `exemplars[${out.length}]`);
  }
}

export function decodeNumberPoint(r: Reader, end: number): NumberDataPoint {
  const attributesK: string[] = [];
  const attributesV: AttrValue[] = [];
  let startTimeUnixNano = 0n;
  let timeUnixNano = 0n;
  let value: bigint | number = 0;
  const exemplars: Exemplar[] = [];
  let flags = 0;
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 17:
        startTimeUnixNano = readFixed64(r, end, 'startTimeUnixNano');
        break;
      case 25:
        timeUnixNano = readFixed64(r, end, 'timeUnixNano');
        break;
      case 33:
        value = readDouble(r, end, 'asDouble');
        break;
      case 42:
        decodeExemplarInto(r, end, exemplars);
        break;
      case 49:
        value = readSFixed64(r, end, 'asInt');
        break;
      case 58:
        decodeAttribute(r, end, attributesK, attributesV, 'attributes');
        break;
      case 64:
        flags = r.uint32();
        break;
      default:
        skipField(r, tag, end, NUMBER_FIELDS);
    }
  }
  checkEnd(r, end);
  return {
    attributes: buildAttributes(attributesK, attributesV),
    startTimeUnixNano,
    timeUnixNano,
    flags,
    value,
    exemplars,
  };
}

/** Reads a packed (wire type 2) repeated fixed64 field into `out`. */
function readPackedFixed64(r: Reader, end: number, field: string, out: bigint[]): void {
  const stop = readLen(r, end, field);
  if ((stop - r.pos) % 8 !== 0) fail(field, `packed fixed64 length ${stop - r.pos} is not a multiple of 8`);
  while (r.pos < stop) out.push(readFixed64(r, stop, field));
}

function readPackedDouble(r: Reader, end: number, field: string, out: number[]): void {
  const stop = readLen(r, end, field);
  if ((stop - r.pos) % 8 !== 0) fail(field, `packed double length ${stop - r.pos} is not a multiple of 8`);
  while (r.pos < stop) out.push(r.double());
}

export function decodeHistogramPoint(r: Reader, end: number): HistogramDataPoint {
  const attributesK: string[] = [];
  const attributesV: AttrValue[] = [];
  let startTimeUnixNano = 0n;
  let timeUnixNano = 0n;
  let count = 0n;
  let sum: number | undefined;
  const bucketCounts: bigint[] = [];
  const explicitBounds: number[] = [];
  const exemplars: Exemplar[] = [];
  let flags = 0;
  let min: number | undefined;
  let max: number | undefined;
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 17:
        startTimeUnixNano = readFixed64(r, end, 'startTimeUnixNano');
        break;
      case 25:
        timeUnixNano = readFixed64(r, end, 'timeUnixNano');
        break;
      case 33:
        count = readFixed64(r, end, 'count');
        break;
      case 41:
        sum = readDouble(r, end, 'sum');
        break;
      case 50:
        readPackedFixed64(r, end, 'bucketCounts', bucketCounts);
        break;
      case 49:
        bucketCounts.push(readFixed64(r, end, 'bucketCounts'));
        break;
      case 58:
        readPackedDouble(r, end, 'explicitBounds', explicitBounds);
        break;
      case 57:
        explicitBounds.push(readDouble(r, end, 'explicitBounds'));
        break;
      case 66:
        decodeExemplarInto(r, end, exemplars);
        break;
      case 74:
        decodeAttribute(r, end, attributesK, attributesV, 'attributes');
        break;
      case 80:
        flags = r.uint32();
        break;
      case 89:
        min = readDouble(r, end, 'min');
        break;
      case 97:
        max = readDouble(r, end, 'max');
        break;
      default:
        skipField(r, tag, end, HISTOGRAM_FIELDS);
    }
  }
  checkEnd(r, end);
  const p: HistogramDataPoint = {
    attributes: buildAttributes(attributesK, attributesV),
    startTimeUnixNano,
    timeUnixNano,
    flags,
    count,
    bucketCounts,
    explicitBounds,
    exemplars,
  };
  if (sum !== undefined) p.sum = sum;
  if (min !== undefined) p.min = min;
  if (max !== undefined) p.max = max;
  return p;
}

function decodeBuckets(r: Reader, end: number): ExponentialHistogramBuckets {
  let offset = 0;
  const bucketCounts: bigint[] = [];
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 8) offset = r.sint32();
    else if (tag === 18) readPackedUint64(r, end, 'bucketCounts', bucketCounts);
    else if (tag === 16) bucketCounts.push(readUint64(r, end, 'bucketCounts'));
    else skipField(r, tag, end, BUCKETS_FIELDS);
  }
  checkEnd(r, end);
  return { offset, bucketCounts };
}

export function decodeExpPoint(r: Reader, end: number): ExponentialHistogramDataPoint {
  const attributesK: string[] = [];
  const attributesV: AttrValue[] = [];
  let startTimeUnixNano = 0n;
  let timeUnixNano = 0n;
  let count = 0n;
  let sum: number | undefined;
  let scale = 0;
  let zeroCount = 0n;
  let positive: ExponentialHistogramBuckets = { offset: 0, bucketCounts: [] };
  let negative: ExponentialHistogramBuckets = { offset: 0, bucketCounts: [] };
  let flags = 0;
  const exemplars: Exemplar[] = [];
  let min: number | undefined;
  let max: number | undefined;
  let zeroThreshold = 0;
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 10:
        decodeAttribute(r, end, attributesK, attributesV, 'attributes');
        break;
      case 17:
        startTimeUnixNano = readFixed64(r, end, 'startTimeUnixNano');
        break;
      case 25:
        timeUnixNano = readFixed64(r, end, 'timeUnixNano');
        break;
      case 33:
        count = readFixed64(r, end, 'count');
        break;
      case 41:
        sum = readDouble(r, end, 'sum');
        break;
      case 48:
        scale = r.sint32();
        break;
      case 57:
        zeroCount = readFixed64(r, end, 'zeroCount');
        break;
      case 66:
        positive = nested(r, end, 'positive', decodeBuckets);
        break;
      case 74:
        negative = nested(r, end, 'negative', decodeBuckets);
        break;
      case 80:
        flags = r.uint32();
        break;
      case 90:
        decodeExemplarInto(r, end, exemplars);
        break;
      case 97:
        min = readDouble(r, end, 'min');
        break;
      case 105:
        max = readDouble(r, end, 'max');
        break;
      case 113:
        zeroThreshold = readDouble(r, end, 'zeroThreshold');
        break;
      default:
        skipField(r, tag, end, EXP_FIELDS);
    }
  }
  checkEnd(r, end);
  const p: ExponentialHistogramDataPoint = {
    attributes: buildAttributes(attributesK, attributesV),
    startTimeUnixNano,
    timeUnixNano,
    flags,
    count,
    scale,
    zeroCount,
    positive,
    negative,
    exemplars,
    zeroThreshold,
  };
  if (sum !== undefined) p.sum = sum;
  if (min !== undefined) p.min = min;
  if (max !== undefined) p.max = max;
  return p;
}

function decodeQuantile(r: Reader, end: number): { quantile: number; value: number } {
  let quantile = 0;
  let value = 0;
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 9) quantile = readDouble(r, end, 'quantile');
    else if (tag === 17) value = readDouble(r, end, 'value');
    else skipField(r, tag, end, QUANTILE_FIELDS);
  }
  checkEnd(r, end);
  return { quantile, value };
}

export function decodeSummaryPoint(r: Reader, end: number): SummaryDataPoint {
  const attributesK: string[] = [];
  const attributesV: AttrValue[] = [];
  let startTimeUnixNano = 0n;
  let timeUnixNano = 0n;
  let count = 0n;
  let sum = 0;
  const quantileValues: { quantile: number; value: number }[] = [];
  let flags = 0;
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 17:
        startTimeUnixNano = readFixed64(r, end, 'startTimeUnixNano');
        break;
      case 25:
        timeUnixNano = readFixed64(r, end, 'timeUnixNano');
        break;
      case 33:
        count = readFixed64(r, end, 'count');
        break;
      case 41:
        sum = readDouble(r, end, 'sum');
        break;
      case 50: {
        const stop = readLen(r, end, 'quantileValues');
        try {
          quantileValues.push(decodeQuantile(r, stop));
        } catch (e) {
          throw at(e, `quantileValues[${quantileValues.length}]`);
        }
        break;
      }
      case 58:
        decodeAttribute(r, end, attributesK, attributesV, 'attributes');
        break;
      case 64:
        flags = r.uint32();
        break;
      default:
        skipField(r, tag, end, SUMMARY_FIELDS);
    }
  }
  checkEnd(r, end);
  return {
    attributes: buildAttributes(attributesK, attributesV),
    startTimeUnixNano,
    timeUnixNano,
    flags,
    count,
    sum,
    quantileValues,
  };
}

function decodeExemplar(r: Reader, end: number): Exemplar {
  const filteredAttributesK: string[] = [];
  const filteredAttributesV: AttrValue[] = [];
  let timeUnixNano = 0n;
  let value: bigint | number = 0;
  let spanId = '';
  let traceId = '';
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 17) timeUnixNano = readFixed64(r, end, 'timeUnixNano');
    else if (tag === 25) value = readDouble(r, end, 'asDouble');
    else if (tag === 34) spanId = readId(r, end, 8, 'spanId');
    else if (tag === 42) traceId = readId(r, end, 16, 'traceId');
    else if (tag === 49) value = readSFixed64(r, end, 'asInt');
    else if (tag === 58)
      decodeAttribute(r, end, filteredAttributesK, filteredAttributesV, 'filteredAttributes');
    else skipField(r, tag, end, EXEMPLAR_FIELDS);
  }
  checkEnd(r, end);
  return {
    filteredAttributes: buildAttributes(filteredAttributesK, filteredAttributesV),
    timeUnixNano,
    value,
    spanId,
    traceId,
  };
}
