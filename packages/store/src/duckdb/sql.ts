/**
 * @module Small helpers for parameterised SQL: values are always bound (`$1`, `$2`, …), never
 * interpolated; only fixed fragments chosen by code are concatenated.
 */
import { ParameterError } from '@switchyard/core';

export type Row = Record<string, unknown>;
export type SqlValue = string | number | bigint | boolean;

/** Runs a read-only query and returns rows as plain JS objects (BIGINT → bigint). */
export interface SqlReader {
  all(sql: string, params?: SqlValue[]): Promise<Row[]>;
}

/** Collects bound values; `add` returns the placeholder to put in the SQL text. */
export class Params {
  readonly values: SqlValue[] = [];

  add(v: SqlValue): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: keys with control characters are rejected
const SAFE_KEY = /^[^"\\\x00-\x1f]+$/;

/**
 * SQL condition: attribute `key` of the typed-JSON column `column` renders as `value`. Ints and
 * doubles stored tagged (`{"$i":…}`, `{"$d":…}`) match their plain rendering too. The JSON path is
 * bound as a parameter; keys that cannot be written as a quoted JSON path are rejected.
 */
export function attributeEquals(column: string, key: string, value: string, params: Params): string {
  if (!SAFE_KEY.test(key)) {
    throw new ParameterError(
      'attributes',
      `attribute key ${JSON.stringify(key)} is not supported`,
      'keys may not contain quotes, backslashes or control characters',
    );
  }
  const path = `$."${key}"`;
  const v = params.add(value);
  // The substring test is a cheap pre-filter (typed JSON writes such keys as "key":) before parsing JSON.
  return (
    `(contains(${column}, ${params.add(`"${key}":`)}) AND ` +
    `list_contains(json_extract_string(${column}, [${params.add(path)}, ${params.add(`${path}."$i"`)}, ` +
    `${params.add(`${path}."$d"`)}]), ${v}))`
  );
}

export function toNumber(v: unknown): number {
  return typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : Number(v ?? 0);
}

export function toBigInt(v: unknown): bigint {
  return typeof v === 'bigint' ? v : BigInt(toNumber(v));
}

export function toStr(v: unknown): string {
  return typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
}
