/**
 * @module OTLP/JSON for common.proto / resource.proto: AnyValue, KeyValue lists,
 * InstrumentationScope and Resource, in both directions, plus the scalar writers
 * shared by the signal-specific JSON codecs.
 */
import { type Attributes, type AttrValue, isKvList } from '../model/attributes.js';
import { emptyResource, emptyScope, type InstrumentationScope, type Resource } from '../model/resource.js';
import { MAX_ANY_VALUE_DEPTH, setAttr } from './attr-set.js';
import { at, fail } from './decode-failure.js';
import {
  bytesOf,
  doubleOf,
  get,
  isObject,
  type JsonObject,
  readArray,
  readBool,
  readInt64,
  readMessage,
  readObject,
  readString,
  readUint32,
} from './json-read.js';

const ANY_VALUE_KEYS: readonly (readonly [string, string])[] = [
  ['stringValue', 'string_value'],
  ['boolValue', 'bool_value'],
  ['intValue', 'int_value'],
  ['doubleValue', 'double_value'],
  ['arrayValue', 'array_value'],
  ['kvlistValue', 'kvlist_value'],
  ['bytesValue', 'bytes_value'],
];

export function anyValueFromJson(o: JsonObject, depth: number): AttrValue {
  if (depth > MAX_ANY_VALUE_DEPTH) fail('', `AnyValue nested deeper than ${MAX_ANY_VALUE_DEPTH} levels`);
  let which = -1;
  for (let i = 0; i < ANY_VALUE_KEYS.length; i++) {
    const [camel, snake] = ANY_VALUE_KEYS[i]!;
    const v = get(o, camel, snake);
    if (v === undefined || v === null) continue;
    if (which >= 0) fail(camel, `AnyValue already has ${ANY_VALUE_KEYS[which]![0]} set`);
    which = i;
  }
  switch (which) {
    case 0:
      return readString(o, 'stringValue', 'string_value');
    case 1:
      return readBool(o, 'boolValue', 'bool_value');
    case 2:
      return readInt64(o, 'intValue', 'int_value');
    case 3:
      return doubleOf(get(o, 'doubleValue', 'double_value'), 'doubleValue');
    case 4: {
      const arr = readObject(o, 'arrayValue', 'array_value')!;
      const values = readArray(arr, 'values', 'values');
      const out: AttrValue[] = [];
      for (let i = 0; i < values.length; i++) {
        try {
          const el = values[i];
          if (!isObject(el)) fail('', 'expected an AnyValue object');
          out.push(anyValueFromJson(el, depth + 1));
        } catch (e) {
          throw at(at(e, `values[${i}]`), 'arrayValue');
        }
      }
      return out;
    }
    case 5: {
      const kv = readObject(o, 'kvlistValue', 'kvlist_value')!;
      try {
        return attributesFromJson(kv, 'values', 'values', depth + 1);
      } catch (e) {
        throw at(e, 'kvlistValue');
      }
    }
    case 6:
      return bytesOf(get(o, 'bytesValue', 'bytes_value'), 'bytesValue');
    default:
      return null;
  }
}

/** Reads a repeated KeyValue field into an attribute map. */
export function attributesFromJson(o: JsonObject, camel: string, snake: string, depth = 1): Attributes {
  const list = readArray(o, camel, snake);
  const attrs: Attributes = {};
  for (let i = 0; i < list.length; i++) {
    try {
      const kv = list[i];
      if (!isObject(kv)) fail('', 'expected a KeyValue object');
      const key = readString(kv, 'key', 'key');
      const value = readMessage(kv, 'value', 'value', (v) => anyValueFromJson(v, depth));
      setAttr(attrs, key, value ?? null);
    } catch (e) {
      throw at(e, `${camel}[${i}]`);
    }
  }
  return attrs;
}

export function resourceFromJson(o: JsonObject | undefined): Resource {
  if (o === undefined) return emptyResource();
  return {
    attributes: attributesFromJson(o, 'attributes', 'attributes'),
    droppedAttributesCount: readUint32(o, 'droppedAttributesCount', 'dropped_attributes_count'),
  };
}

export function scopeFromJson(o: JsonObject | undefined): InstrumentationScope {
  if (o === undefined) return emptyScope();
  return {
    name: readString(o, 'name', 'name'),
    version: readString(o, 'version', 'version'),
    attributes: attributesFromJson(o, 'attributes', 'attributes'),
    droppedAttributesCount: readUint32(o, 'droppedAttributesCount', 'dropped_attributes_count'),
  };
}

// ---- writers -------------------------------------------------------------------------------

/** A double for JSON: non-finite values and -0 as strings (JSON numbers cannot carry them). */
export function jsonDouble(v: number): number | string {
  if (Number.isFinite(v)) return v === 0 && 1 / v < 0 ? '-0' : v;
  return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
}

export function anyValueToJson(v: AttrValue): JsonObject {
  switch (typeof v) {
    case 'string':
      return { stringValue: v };
    case 'boolean':
      return { boolValue: v };
    case 'bigint':
      return { intValue: v.toString() };
    case 'number':
      return { doubleValue: jsonDouble(v) };
  }
  if (v === null) return {};
  if (v instanceof Uint8Array)
    return { bytesValue: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
  if (Array.isArray(v)) return { arrayValue: { values: v.map(anyValueToJson) } };
  if (isKvList(v)) return { kvlistValue: { values: attributesToJson(v) } };
  return {};
}

export function attributesToJson(attrs: Attributes): JsonObject[] {
  return Object.keys(attrs).map((key) => ({ key, value: anyValueToJson(attrs[key] ?? null) }));
}

/** Sets `out[key]` unless `v` is the proto3 default (0, '', false, empty list, 0n). */
export function put(out: JsonObject, key: string, v: unknown): void {
  if (v === 0 || v === '' || v === false || v === 0n || v === undefined) {
    if (!(v === 0 && 1 / v < 0)) return;
  }
  if (Array.isArray(v) && v.length === 0) return;
  out[key] = typeof v === 'bigint' ? v.toString() : typeof v === 'number' ? jsonDouble(v) : v;
}

export function putAttributes(out: JsonObject, key: string, attrs: Attributes): void {
  if (Object.keys(attrs).length > 0) out[key] = attributesToJson(attrs);
}

export function resourceToJson(r: Resource): JsonObject {
  const out: JsonObject = {};
  putAttributes(out, 'attributes', r.attributes);
  put(out, 'droppedAttributesCount', r.droppedAttributesCount);
  return out;
}

export function scopeToJson(s: InstrumentationScope): JsonObject {
  const out: JsonObject = {};
  put(out, 'name', s.name);
  put(out, 'version', s.version);
  putAttributes(out, 'attributes', s.attributes);
  put(out, 'droppedAttributesCount', s.droppedAttributesCount);
  return out;
}

/** Parses JSON text into an object, failing with a decode failure on syntax errors. */
export function parseJsonObject(text: string): JsonObject {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return fail('', `malformed JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!isObject(v)) fail('', 'expected a JSON object at the top level');
  return v;
}
