/** @module Small readers for untrusted JSON from sources: wrong shapes become SourceError, not crashes. */
import { SourceError } from './source-error.js';

export type JsonRecord = Record<string, unknown>;

export function isRecord(v: unknown): v is JsonRecord {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function badShape(what: string, detail: string): SourceError {
  return new SourceError('SOURCE_BAD_RESPONSE', `unexpected ${what} response: ${detail}`);
}

export function asRecord(v: unknown, what: string): JsonRecord {
  if (!isRecord(v)) throw badShape(what, 'expected an object');
  return v;
}

export function asArray(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) throw badShape(what, 'expected an array');
  return v;
}

/** A string field, or '' when absent / not a string. */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

/** A numeric field given as number or numeric string (Prometheus `"+Inf"` included); NaN otherwise. */
export function num(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    if (v === '+Inf' || v === 'Inf') return Number.POSITIVE_INFINITY;
    if (v === '-Inf') return Number.NEGATIVE_INFINITY;
    return v.trim() === '' ? Number.NaN : Number(v);
  }
  return Number.NaN;
}

/** Flattens a record of scalars into strings (nested values JSON-encoded). */
export function stringRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(v)) return out;
  for (const [k, x] of Object.entries(v)) out[k] = typeof x === 'string' ? x : JSON.stringify(x);
  return out;
}
