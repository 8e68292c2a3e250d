/**
 * @module Typed JSON for the data of one metric point (everything but its attributes and times),
 * so distributions read back exactly: `{"v":…}` for numbers, and for distributions
 * `{"c":count,"s":sum,"bc":[…],"eb":[…],"mn":min,"mx":max}` (explicit histograms),
 * `{"c","s","sc":scale,"z":zeroCount,"zt":zeroThreshold,"po":offset,"pb":[…],"no":offset,"nb":[…]}`
 * (exponential) or `{"c","s","q":[[quantile,value]…]}` (summaries). Ints are typed-JSON ints.
 */
import type {
  AttrValue,
  ExponentialHistogramDataPoint,
  HistogramDataPoint,
  NumberDataPoint,
  SummaryDataPoint,
} from '@switchyard/core';
import { attrValueFromParsed, attrValueToJson } from '@switchyard/core';

export function numberPointJson(p: NumberDataPoint): string {
  return `{"v":${attrValueToJson(p.value)}}`;
}

function list(values: readonly (bigint | number)[]): string {
  let out = '[';
  for (let i = 0; i < values.length; i++)
    out += (i ? ',' : '') + attrValueToJson(values[i] as bigint | number);
  return out + ']';
}

function optional(key: string, v: number | undefined): string {
  return v === undefined ? '' : `,"${key}":${attrValueToJson(v)}`;
}

export function histogramPointJson(p: HistogramDataPoint): string {
  return (
    `{"c":${attrValueToJson(p.count)}${optional('s', p.sum)},"bc":${list(p.bucketCounts)},` +
    `"eb":${list(p.explicitBounds)}${optional('mn', p.min)}${optional('mx', p.max)}}`
  );
}

export function expHistogramPointJson(p: ExponentialHistogramDataPoint): string {
  return (
    `{"c":${attrValueToJson(p.count)}${optional('s', p.sum)},"sc":${p.scale},"z":${attrValueToJson(p.zeroCount)},` +
    `"zt":${attrValueToJson(p.zeroThreshold)},"po":${p.positive.offset},"pb":${list(p.positive.bucketCounts)},` +
    `"no":${p.negative.offset},"nb":${list(p.negative.bucketCounts)}${optional('mn', p.min)}${optional('mx', p.max)}}`
  );
}

export function summaryPointJson(p: SummaryDataPoint): string {
  const q = p.quantileValues
    .map((x) => `[${attrValueToJson(x.quantile)},${attrValueToJson(x.value)}]`)
    .join(',');
  return `{"c":${attrValueToJson(p.count)},"s":${attrValueToJson(p.sum)},"q":[${q}]}`;
}

/** Decoded point data, numbers as JS numbers (query arithmetic is in doubles). */
export interface DecodedPoint {
  v?: number;
  c?: number;
  s?: number;
  bc?: number[];
  eb?: number[];
  mn?: number;
  mx?: number;
  sc?: number;
  z?: number;
  zt?: number;
  po?: number;
  pb?: number[];
  no?: number;
  nb?: number[];
  q?: [number, number][];
}

function num(v: AttrValue): number {
  return typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : Number.NaN;
}

/** Parses point JSON into doubles for aggregation. */
export function decodePoint(json: string): DecodedPoint {
  const raw = JSON.parse(json) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'q') {
      out.q = (v as unknown[][]).map((pair) => [
        num(attrValueFromParsed(pair[0])),
        num(attrValueFromParsed(pair[1])),
      ]);
    } else if (Array.isArray(v)) {
      out[k] = v.map((x) => num(attrValueFromParsed(x)));
    } else {
      out[k] = num(attrValueFromParsed(v));
    }
  }
  return out as DecodedPoint;
}
