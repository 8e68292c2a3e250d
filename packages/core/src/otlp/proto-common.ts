/**
 * @module Protobuf decoding of common.proto / resource.proto messages
 * (AnyValue, KeyValue, InstrumentationScope, Resource). Hand-written hot path.
 */
import type { Attributes, AttrValue } from '../model/attributes.js';
import type { InstrumentationScope, Resource } from '../model/resource.js';
import { buildAttributes, type KvScratch } from './attr-builder.js';
import { MAX_ANY_VALUE_DEPTH } from './attr-set.js';
import { at, fail } from './decode-failure.js';
import {
  checkEnd,
  type Reader,
  readBytes,
  readDouble,
  readInt64,
  readLen,
  readString,
  readUint64,
  skipField,
} from './proto-primitives.js';

const ANY_VALUE_FIELDS = [
  '',
  'stringValue',
  'boolValue',
  'intValue',
  'doubleValue',
  'arrayValue',
  'kvlistValue',
  'bytesValue',
];
const KEY_VALUE_FIELDS = ['', 'key', 'value'];
const LIST_FIELDS = ['', 'values'];
const SCOPE_FIELDS = ['', 'name', 'version', 'attributes', 'droppedAttributesCount'];
const RESOURCE_FIELDS = ['', 'attributes', 'droppedAttributesCount'];

/** Decodes an AnyValue occupying `[r.pos, end)`; `depth` counts enclosing values. */
export function decodeAnyValue(r: Reader, end: number, depth: number): AttrValue {
  if (depth > MAX_ANY_VALUE_DEPTH) fail('', `AnyValue nested deeper than ${MAX_ANY_VALUE_DEPTH} levels`);
  let v: AttrValue = null;
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 10: // string_value = 1
        v = readString(r, end, 'stringValue');
        break;
      case 16: // bool_value = 2
        v = r.uint32() !== 0;
        break;
      case 24: // int_value = 3 (int64)
        v = readInt64(r, end, 'intValue');
        break;
      case 33: // double_value = 4
        v = readDouble(r, end, 'doubleValue');
        break;
      case 42: {
        // array_value = 5
        const stop = readLen(r, end, 'arrayValue');
        try {
          v = decodeArrayValue(r, stop, depth);
        } catch (e) {
          throw at(e, 'arrayValue');
        }
        break;
      }
      case 50: {
        // kvlist_value = 6
        const stop = readLen(r, end, 'kvlistValue');
        try {
          v = decodeKeyValueList(r, stop, depth);
        } catch (e) {
          throw at(e, 'kvlistValue');
        }
        break;
      }
      case 58: // bytes_value = 7
        v = readBytes(r, end, 'bytesValue');
        break;
      default:
        skipField(r, tag, end, ANY_VALUE_FIELDS);
    }
  }
  checkEnd(r, end);
  return v;
}

function decodeArrayValue(r: Reader, end: number, depth: number): AttrValue[] {
  const out: AttrValue[] = [];
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 10) {
      const stop = readLen(r, end, 'values');
      try {
        out.push(decodeAnyValue(r, stop, depth + 1));
      } catch (e) {
        throw at(e, `values[${out.length}]`);
      }
    } else skipField(r, tag, end, LIST_FIELDS);
  }
  checkEnd(r, end);
  return out;
}

function decodeKeyValueList(r: Reader, end: number, depth: number): Attributes {
  const keys: string[] = [];
  const values: AttrValue[] = [];
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 10) {
      const stop = readLen(r, end, 'values');
      try {
        decodeKeyValue(r, stop, keys, values, depth + 1);
      } catch (e) {
        throw at(e, `values[${keys.length}]`);
      }
    } else skipField(r, tag, end, LIST_FIELDS);
  }
  checkEnd(r, end);
  return buildAttributes(keys, values);
}

/** Decodes one KeyValue, appending to the parallel key/value lists. A KeyValue without value maps to null. */
function decodeKeyValue(r: Reader, end: number, keys: string[], values: AttrValue[], depth: number): void {
  readKeyValue(r, end, depth);
  keys.push(lastKey);
  values.push(lastValue);
}

/** The KeyValue `readKeyValue` read last (set just before it returns, so nested values cannot clobber it). */
let lastKey = '';
let lastValue: AttrValue = null;

function readKeyValue(r: Reader, end: number, depth: number): void {
  let key = '';
  let value: AttrValue = null;
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 10) key = readString(r, end, 'key');
    else if (tag === 18) {
      const stop = readLen(r, end, 'value');
      try {
        value = decodeAnyValue(r, stop, depth);
      } catch (e) {
        throw at(e, 'value');
      }
    } else skipField(r, tag, end, KEY_VALUE_FIELDS);
  }
  checkEnd(r, end);
  lastKey = key;
  lastValue = value;
}

/**
 * Decodes an element of a repeated-KeyValue field (its tag already consumed) into the
 * parallel key/value lists that `buildAttributes` turns into the attribute object.
 */
export function decodeAttribute(
  r: Reader,
  end: number,
  keys: string[],
  values: AttrValue[],
  field: string,
): void {
  const stop = readLen(r, end, field);
  try {
    decodeKeyValue(r, stop, keys, values, 1);
  } catch (e) {
    throw at(e, `${field}[${keys.length}]`);
  }
}

/** `decodeAttribute` into reusable scratch lists (hot path, see `KvScratch`). */
export function decodeAttributeInto(r: Reader, end: number, into: KvScratch, field: string): void {
  const stop = readLen(r, end, field);
  try {
    readKeyValue(r, stop, 1);
  } catch (e) {
    throw at(e, `${field}[${into.n}]`);
  }
  into.keys[into.n] = lastKey;
  into.values[into.n] = lastValue;
  into.n++;
}

export function decodeScope(r: Reader, end: number): InstrumentationScope {
  let name = '';
  let version = '';
  const attributesK: string[] = [];
  const attributesV: AttrValue[] = [];
  let droppedAttributesCount = 0;
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 10:
        name = readString(r, end, 'name');
        break;
      case 18:
        version = readString(r, end, 'version');
        break;
      case 26:
        decodeAttribute(r, end, attributesK, attributesV, 'attributes');
        break;
      case 32:
        droppedAttributesCount = r.uint32();
        break;
      default:
        skipField(r, tag, end, SCOPE_FIELDS);
    }
  }
  checkEnd(r, end);
  return { name, version, attributes: buildAttributes(attributesK, attributesV), droppedAttributesCount };
}

/** Decodes a Resource; entity_refs (field 3) are skipped. */
export function decodeResource(r: Reader, end: number): Resource {
  const attributesK: string[] = [];
  const attributesV: AttrValue[] = [];
  let droppedAttributesCount = 0;
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 10) decodeAttribute(r, end, attributesK, attributesV, 'attributes');
    else if (tag === 16) droppedAttributesCount = r.uint32();
    else skipField(r, tag, end, RESOURCE_FIELDS);
  }
  checkEnd(r, end);
  return { attributes: buildAttributes(attributesK, attributesV), droppedAttributesCount };
}

/** Runs a nested-message decoder on the length-delimited field at the reader, prefixing error paths. */
export function nested<T>(r: Reader, end: number, segment: string, decode: (r: Reader, end: number) => T): T {
  const stop = readLen(r, end, segment);
  try {
    return decode(r, stop);
  } catch (e) {
    throw at(e, segment);
  }
}

/** Reads a repeated packed-or-unpacked uint64 varint element list into `out`. */
export function readPackedUint64(r: Reader, end: number, field: string, out: bigint[]): void {
  const stop = readLen(r, end, field);
  while (r.pos < stop) out.push(readUint64(r, stop, field));
}
