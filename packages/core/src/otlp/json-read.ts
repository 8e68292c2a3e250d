/**
 * @module Typed field readers for OTLP/JSON (the protobuf JSON mapping with OTLP's
 * exceptions: hex trace/span ids, integer enums). Every reader accepts the
 * lowerCamelCase name and the original snake_case name, treats null as absent,
 * and fails with the field name when the type is wrong.
 */
import { at, fail } from './decode-failure.js';
import { hexToBytes } from './hex.js';

export type JsonObject = { [key: string]: unknown };

/** The value of a field under its lowerCamelCase name, else its snake_case name. */
export function get(o: JsonObject, camel: string, snake: string): unknown {
  const v = o[camel];
  return v !== undefined && v !== null ? v : o[snake];
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A message-typed field; undefined when absent. */
export function readObject(o: JsonObject, camel: string, snake: string): JsonObject | undefined {
  const v = get(o, camel, snake);
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) fail(camel, `expected an object, got ${describe(v)}`);
  return v;
}

/** Decodes a nested message field with `decode`, prefixing error paths; undefined when absent. */
export function readMessage<T>(
  o: JsonObject,
  camel: string,
  snake: string,
  decode: (o: JsonObject) => T,
): T | undefined {
  const v = readObject(o, camel, snake);
  if (v === undefined) return undefined;
  try {
    return decode(v);
  } catch (e) {
    throw at(e, camel);
  }
}

/** Decodes each element of a repeated message field. */
export function readRepeated<T>(
  o: JsonObject,
  camel: string,
  snake: string,
  decode: (o: JsonObject) => T,
): T[] {
  const arr = readArray(o, camel, snake);
  const out: T[] = [];
  for (let i = 0; i < arr.length; i++) {
    try {
      const el = arr[i];
      if (!isObject(el)) fail('', `expected an object, got ${describe(el)}`);
      out.push(decode(el));
    } catch (e) {
      throw at(e, `${camel}[${i}]`);
    }
  }
  return out;
}

export function readArray(o: JsonObject, camel: string, snake: string): unknown[] {
  const v = get(o, camel, snake);
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) fail(camel, `expected an array, got ${describe(v)}`);
  return v;
}

export function readString(o: JsonObject, camel: string, snake: string): string {
  const v = get(o, camel, snake);
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') fail(camel, `expected a string, got ${describe(v)}`);
  return v;
}

export function readBool(o: JsonObject, camel: string, snake: string): boolean {
  const v = get(o, camel, snake);
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') fail(camel, `expected a boolean, got ${describe(v)}`);
  return v;
}

function integerOf(v: unknown, field: string): bigint {
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) fail(field, `expected an integer, got ${v}`);
    return BigInt(v);
  }
  if (typeof v === 'string') {
    if (!/^-?\d+$/.test(v)) fail(field, `expected a decimal integer string, got '${v.slice(0, 40)}'`);
    return BigInt(v);
  }
  return fail(field, `expected an integer, got ${describe(v)}`);
}

function ranged(v: unknown, field: string, min: bigint, max: bigint, what: string): bigint {
  const n = integerOf(v, field);
  if (n < min || n > max) fail(field, `${n} is out of range for ${what}`);
  return n;
}

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;
const U64_MAX = 2n ** 64n - 1n;

/** int64 / sfixed64: decimal string or JSON number. */
export function readInt64(o: JsonObject, camel: string, snake: string): bigint {
  const v = get(o, camel, snake);
  return v === undefined || v === null ? 0n : ranged(v, camel, I64_MIN, I64_MAX, 'int64');
}

/** uint64 / fixed64 (timestamps, counts): decimal string or JSON number. */
export function readUint64(o: JsonObject, camel: string, snake: string): bigint {
  const v = get(o, camel, snake);
  return v === undefined || v === null ? 0n : ranged(v, camel, 0n, U64_MAX, 'uint64');
}

/** uint64 list element. */
export function uint64Of(v: unknown, field: string): bigint {
  return ranged(v, field, 0n, U64_MAX, 'uint64');
}

export function readUint32(o: JsonObject, camel: string, snake: string): number {
  const v = get(o, camel, snake);
  return v === undefined || v === null ? 0 : Number(ranged(v, camel, 0n, 0xffffffffn, 'uint32'));
}

export function readInt32(o: JsonObject, camel: string, snake: string): number {
  const v = get(o, camel, snake);
  return v === undefined || v === null ? 0 : Number(ranged(v, camel, -(2n ** 31n), 2n ** 31n - 1n, 'int32'));
}

/** An enum: its integer value, or its name from `names`. */
export function readEnum(o: JsonObject, camel: string, snake: string, names: Record<string, number>): number {
  const v = get(o, camel, snake);
  if (typeof v === 'string' && !/^-?\d+$/.test(v)) {
    const n = names[v];
    if (n === undefined || !Object.hasOwn(names, v)) fail(camel, `unknown enum value '${v.slice(0, 60)}'`);
    return n;
  }
  return readInt32(o, camel, snake);
}

/** double: JSON number, or a string holding a number, "NaN", "Infinity" or "-Infinity". */
export function doubleOf(v: unknown, field: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    if (v === 'NaN') return Number.NaN;
    if (v === 'Infinity') return Number.POSITIVE_INFINITY;
    if (v === '-Infinity') return Number.NEGATIVE_INFINITY;
    const n = Number(v);
    if (v.trim() !== '' && Number.isFinite(n)) return n;
  }
  return fail(field, `expected a number, got ${describe(v)}`);
}

export function readDouble(o: JsonObject, camel: string, snake: string): number {
  const v = get(o, camel, snake);
  return v === undefined || v === null ? 0 : doubleOf(v, camel);
}

export function readOptionalDouble(o: JsonObject, camel: string, snake: string): number | undefined {
  const v = get(o, camel, snake);
  return v === undefined || v === null ? undefined : doubleOf(v, camel);
}

/** A trace id (16 bytes) or span id (8 bytes) as hex, either case; returned lowercase, '' when empty. */
export function readId(o: JsonObject, camel: string, snake: string, size: number): string {
  const v = readString(o, camel, snake);
  if (v === '') return '';
  if (v.length !== size * 2 || hexToBytes(v) === undefined)
    fail(camel, `expected ${size * 2} hex characters, got '${v.slice(0, 80)}'`);
  return v.toLowerCase();
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;
const BASE64URL = /^[A-Za-z0-9_-]*={0,2}$/;

/** bytes: standard or URL-safe base64, padded or not. */
export function bytesOf(v: unknown, field: string): Uint8Array {
  if (typeof v !== 'string') return fail(field, `expected a base64 string, got ${describe(v)}`);
  if (!BASE64.test(v) && !(BASE64URL.test(v) && v.replace(/=+$/, '').length % 4 !== 1))
    fail(field, 'invalid base64');
  const b = Buffer.from(v, BASE64.test(v) ? 'base64' : 'base64url');
  return new Uint8Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `string '${v.slice(0, 40)}'`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}
