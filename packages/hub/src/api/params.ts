/**
 * @module Query-string parsing for the HTTP API and the CLI. Every error names its parameter.
 */
import {
  didYouMean,
  ParameterError,
  parseDurationNs,
  parseTimeNs,
  SeverityLevel,
  type SeverityName,
} from '@switchyard/core';
import type { MetricAggregation } from '@switchyard/store';

export type Params = URLSearchParams;

export function optionalString(p: Params, name: string, maxLength = 1024): string | undefined {
  const v = p.get(name);
  if (v === null || v === '') return undefined;
  if (v.length > maxLength) throw new ParameterError(name, `longer than ${maxLength} characters`);
  return v;
}

export function intParam(p: Params, name: string, fallback: number, min: number, max: number): number {
  const v = p.get(name);
  if (v === null || v === '') return fallback;
  if (!/^-?\d+$/.test(v)) throw new ParameterError(name, `'${v}' is not an integer`);
  const n = Number(v);
  if (n < min || n > max) throw new ParameterError(name, `${n} is outside ${min}..${max}`);
  return n;
}

export function numberParam(p: Params, name: string): number | undefined {
  const v = p.get(name);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new ParameterError(name, `'${v}' is not a non-negative number`);
  return n;
}

export function timeParam(p: Params, name: string, now: bigint): bigint | undefined {
  const v = p.get(name);
  if (v === null || v === '') return undefined;
  return parseTimeNs(v, name, now);
}

/** Step as milliseconds (`60000`) or a duration (`30s`, `5m`). */
export function stepParam(p: Params, name: string): number | undefined {
  const v = p.get(name);
  if (v === null || v === '') return undefined;
  if (/^\d+$/.test(v)) {
    const n = Number(v);
    if (n < 1) throw new ParameterError(name, 'must be at least 1 ms');
    return n;
  }
  const ns = parseDurationNs(v);
  if (ns === undefined || ns < 1_000_000n)
    throw new ParameterError(name, `'${v}' is not a duration`, 'use milliseconds or e.g. 30s, 5m, 1h');
  return Number(ns / 1_000_000n);
}

export function enumParam<T extends string>(p: Params, name: string, values: readonly T[]): T | undefined {
  const v = p.get(name);
  if (v === null || v === '') return undefined;
  if (!(values as readonly string[]).includes(v))
    throw new ParameterError(name, `'${v}' is not one of ${values.join(', ')}`);
  return v as T;
}

export function severityParam(p: Params, name: string): number | undefined {
  const v = p.get(name);
  if (v === null || v === '') return undefined;
  const key = v.toLowerCase() === 'warning' ? 'warn' : v.toLowerCase();
  if (key in SeverityLevel) return SeverityLevel[key as SeverityName];
  if (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 24) return Number(v);
  throw new ParameterError(
    name,
    `'${v}' is not a severity`,
    'use trace, debug, info, warn, error, fatal or 1..24',
  );
}

/** `attr.<key>=<value>` parameters as a map. */
export function attributeParams(p: Params): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  for (const [k, v] of p) {
    if (!k.startsWith('attr.')) continue;
    const key = k.slice(5);
    if (key === '' || key.length > 256)
      throw new ParameterError(k, 'attribute key must be 1..256 characters');
    out ??= {};
    out[key] = v;
  }
  return out;
}

export function traceIdParam(value: string, name: string): string {
  if (!/^[0-9a-fA-F]{32}$/.test(value))
    throw new ParameterError(name, `'${value.slice(0, 64)}' is not a 32-character hex trace id`);
  return value.toLowerCase();
}

export const METRIC_AGGREGATIONS: readonly MetricAggregation[] = [
  'value',
  'rate',
  'sum',
  'avg',
  'min',
  'max',
  'count',
  'p50',
  'p90',
  'p95',
  'p99',
];

/** Rejects parameters the endpoint does not know, suggesting the nearest. */
export function rejectUnknown(p: Params, known: readonly string[]): void {
  for (const k of p.keys()) {
    if (k.startsWith('attr.') || known.includes(k)) continue;
    const near = didYouMean(k, known);
    throw new ParameterError(
      k,
      'unknown parameter',
      near ? `did you mean '${near}'?` : `known: ${known.join(', ')}`,
    );
  }
}
