/**
 * @module Exact, compact JSON encoding of attribute values.
 *
 * Plain JSON loses the int/double distinction, int64 precision, NaN/±Infinity, -0 and bytes.
 * This encoding keeps all of them while staying readable and queryable (e.g. with DuckDB's
 * `json_extract_string`):
 * - string, boolean, null → themselves
 * - int (bigint) → a JSON number when it is a safe integer, else `{"$i":"<decimal>"}`
 * - double (number) → a JSON number when it is finite and not integral, else `{"$d":<n>}`
 *   (`{"$d":"NaN"}`, `{"$d":"Infinity"}`, `{"$d":"-Infinity"}`, `{"$d":"-0"}` for the non-JSON ones)
 * - bytes (Uint8Array) → `{"$b":"<base64>"}`
 * - array → a JSON array of encoded values
 * - kvlist (nested `Attributes`) → `{"$kv":{…}}`
 *
 * A top-level `Attributes` map is a plain JSON object of encoded values. Decoding is unambiguous:
 * a JSON number that is an integer is an int, any other JSON number a double, and an object in value
 * position is always one of the four tagged forms.
 */
import type { Attributes, AttrValue } from './attributes.js';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters JSON must escape
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON string literal; skips JSON.stringify for the common string that needs no escaping. */
function jsonString(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

/** Encoded attribute keys: the same few hundred keys repeat on every span. */
const keyCache = new Map<string, string>();
const KEY_CACHE_LIMIT = 10_000;

function jsonKey(k: string): string {
  let e = keyCache.get(k);
  if (e === undefined) {
    e = jsonString(k);
    if (keyCache.size < KEY_CACHE_LIMIT) keyCache.set(k, e);
  }
  return e;
}

function encodeDouble(n: number): string {
  if (Number.isFinite(n) && !Number.isInteger(n)) return JSON.stringify(n);
  if (Number.isNaN(n)) return '{"$d":"NaN"}';
  if (n === Number.POSITIVE_INFINITY) return '{"$d":"Infinity"}';
  if (n === Number.NEGATIVE_INFINITY) return '{"$d":"-Infinity"}';
  if (Object.is(n, -0)) return '{"$d":"-0"}';
  return `{"$d":${JSON.stringify(n)}}`;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function encodeInt(i: bigint): string {
  return i <= MAX_SAFE && i >= -MAX_SAFE ? i.toString() : `{"$i":"${i.toString()}"}`;
}

/** Encodes one attribute value as typed JSON text. */
export function attrValueToJson(v: AttrValue): string {
  switch (typeof v) {
    case 'string':
      return jsonString(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return encodeInt(v);
    case 'number':
      return encodeDouble(v);
    default:
      break;
  }
  if (v === null) return 'null';
  if (v instanceof Uint8Array)
    return `{"$b":"${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64')}"}`;
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) {
      if (i > 0) out += ',';
      out += attrValueToJson(v[i] as AttrValue);
    }
    return out + ']';
  }
  return `{"$kv":${attributesToJson(v)}}`;
}

/**
 * Encodes an attribute map as typed JSON text.
 * Hand-written string building (not JSON.stringify of a converted tree): this runs for every
 * span, event and log on the ingest path, and building the string directly avoids an allocation per value.
 */
export function attributesToJson(a: Attributes): string {
  let out = '{';
  let first = true;
  for (const key in a) {
    if (!first) out += ',';
    first = false;
    out += jsonKey(key);
    out += ':';
    out += attrValueToJson(a[key] as AttrValue);
  }
  return out + '}';
}

/** Sets an own property, including a key named `__proto__` (which plain assignment would not create). */
function setOwn<T>(o: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__')
    Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  else o[key] = value;
}

function decodeDouble(d: Json): number {
  if (typeof d === 'number') return d;
  switch (d) {
    case 'NaN':
      return Number.NaN;
    case 'Infinity':
      return Number.POSITIVE_INFINITY;
    case '-Infinity':
      return Number.NEGATIVE_INFINITY;
    case '-0':
      return -0;
    default:
      throw new TypeError(`typed JSON: bad double ${JSON.stringify(d)}`);
  }
}

/** Decodes an already-parsed typed JSON value (see the module comment). */
export function attrValueFromParsed(j: unknown): AttrValue {
  if (j === null || typeof j === 'string' || typeof j === 'boolean') return j;
  if (typeof j === 'number') return Number.isInteger(j) ? BigInt(j) : j;
  if (Array.isArray(j)) return j.map(attrValueFromParsed);
  if (typeof j === 'object') {
    const o = j as Record<string, Json>;
    if ('$i' in o) return BigInt(o.$i as string);
    if ('$d' in o) return decodeDouble(o.$d as Json);
    if ('$b' in o) return new Uint8Array(Buffer.from(o.$b as string, 'base64'));
    if ('$kv' in o) return attributesFromParsed(o.$kv);
  }
  throw new TypeError(`typed JSON: unexpected value ${JSON.stringify(j)}`);
}

/** Decodes an already-parsed typed JSON attribute map. */
export function attributesFromParsed(j: unknown): Attributes {
  if (typeof j !== 'object' || j === null || Array.isArray(j)) {
    throw new TypeError('typed JSON: attributes must be an object');
  }
  const out: Attributes = {};
  for (const [k, v] of Object.entries(j)) setOwn(out, k, attrValueFromParsed(v));
  return out;
}

/** Decodes typed JSON text produced by `attrValueToJson`. */
export function attrValueFromJson(s: string): AttrValue {
  return attrValueFromParsed(JSON.parse(s));
}

/** Decodes typed JSON text produced by `attributesToJson`. */
export function attributesFromJson(s: string): Attributes {
  return attributesFromParsed(JSON.parse(s));
}

function plainValue(v: AttrValue): unknown {
  switch (typeof v) {
    case 'bigint': {
      const n = Number(v);
      return Number.isSafeInteger(n) ? n : v.toString();
    }
    case 'number':
      return Number.isFinite(v) ? v : String(v);
    case 'string':
    case 'boolean':
      return v;
    default:
      break;
  }
  if (v === null) return null;
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
  if (Array.isArray(v)) return v.map(plainValue);
  return attributesToPlainJson(v);
}

/**
 * Lossy, human-friendly rendering for HTTP/JSON APIs: ints become numbers (decimal strings when
 * not safe), non-finite doubles strings, bytes base64 strings, kvlists nested objects.
 */
export function attributesToPlainJson(a: Attributes): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in a) setOwn(out, key, plainValue(a[key] as AttrValue));
  return out;
}

/** `attributesToPlainJson` for a single value. */
export function attrValueToPlainJson(v: AttrValue): unknown {
  return plainValue(v);
}
