/**
 * @module OTLP protobuf encoding of attributes (repeated KeyValue / AnyValue) for the span encoder, with the
 * same field choices as OpenTelemetry's serializer (integers in int64 range as int_value, other numbers as
 * double_value, Uint8Array as bytes_value, arrays and plain objects nested).
 *
 * Hot path: instrumentations write the same keys on every span and mostly the same few values
 * (`http.request.method: GET`, `http.response.status_code: 200`, the server address). The encoded
 * KeyValue of a (key, scalar value) pair is kept and copied instead of encoded again; a key caches at most
 * MAX_VALUES_PER_KEY values (ids and durations stop being cached at once), at most MAX_KEYS keys are kept,
 * so the memory stays bounded (~1 MB at worst).
 */
import type { Attributes, AttributeValue } from '@opentelemetry/api';
import type { ScratchWriter } from './proto-scratch-writer.js';

const MAX_KEYS = 1024;
const MAX_VALUES_PER_KEY = 16;
/** Longer string values are not cached (rarely repeated, and they would make the cache large). */
const MAX_CACHED_STRING = 64;

const MIN_INT64 = -(2 ** 63);
const MAX_INT64 = 2 ** 63;

type Scalar = string | number | boolean;

interface KeyEntry {
  /** Encoded (key, value) KeyValue messages, length prefix included, by value. */
  values: Map<Scalar, Uint8Array>;
}

const cache = new Map<string, KeyEntry>();

function writeAnyValue(w: ScratchWriter, value: unknown): void {
  const t = typeof value;
  if (t === 'string') {
    w.u32(0x0a); // string_value (1, LEN)
    w.string(value as string);
  } else if (t === 'boolean') {
    w.u32(0x10); // bool_value (2, VARINT)
    w.u32(value ? 1 : 0);
  } else if (t === 'number') {
    const n = value as number;
    if (Number.isInteger(n) && n >= MIN_INT64 && n < MAX_INT64) {
      w.u32(0x18); // int_value (3, VARINT)
      w.int64(n);
    } else {
      w.u32(0x21); // double_value (4, I64)
      w.double(n);
    }
  } else if (value instanceof Uint8Array) {
    w.u32(0x3a); // bytes_value (7, LEN)
    w.bytes(value);
  } else if (Array.isArray(value)) {
    w.u32(0x2a); // array_value (5, LEN): ArrayValue { repeated AnyValue values = 1 }
    const arr = w.begin(1);
    for (const item of value) {
      w.u32(0x0a);
      const m = w.begin(1);
      writeAnyValue(w, item);
      w.end(m, 1);
    }
    w.end(arr, 1);
  } else if (t === 'object' && value !== null) {
    w.u32(0x32); // kvlist_value (6, LEN): KeyValueList { repeated KeyValue values = 1 }
    const list = w.begin(1);
    const obj = value as Record<string, unknown>;
    for (const k in obj) {
      if (!Object.hasOwn(obj, k)) continue;
      w.u32(0x0a);
      writeKeyValue(w, k, obj[k]);
    }
    w.end(list, 1);
  }
  // Anything else (undefined, functions): nothing, as OpenTelemetry's serializer does.
}

/** A KeyValue message with its length prefix (the caller has written the field tag). */
function writeKeyValue(w: ScratchWriter, key: string, value: unknown): void {
  const m = w.begin(1);
  w.u32(0x0a); // key (1, LEN)
  w.string(key);
  w.u32(0x12); // value (2, LEN): AnyValue
  const v = w.begin(1);
  writeAnyValue(w, value);
  w.end(v, 1);
  w.end(m, 1);
}

function cacheable(value: AttributeValue | undefined): value is Scalar {
  const t = typeof value;
  return (
    t === 'number' || t === 'boolean' || (t === 'string' && (value as string).length <= MAX_CACHED_STRING)
  );
}

/** Writes `attributes` as repeated KeyValue field `field` (field tag included for each). */
export function writeAttributes(w: ScratchWriter, attributes: Attributes, field: number): void {
  const tag = (field << 3) | 2;
  for (const key in attributes) {
    if (!Object.hasOwn(attributes, key)) continue;
    const value = attributes[key];
    w.u32(tag);
    if (!cacheable(value)) {
      writeKeyValue(w, key, value);
      continue;
    }
    let entry = cache.get(key);
    const hit = entry?.values.get(value);
    if (hit) {
      w.copy(hit);
      continue;
    }
    const start = w.pos;
    writeKeyValue(w, key, value);
    if (!entry) {
      if (cache.size >= MAX_KEYS) continue;
      entry = { values: new Map() };
      cache.set(key, entry);
    }
    if (entry.values.size < MAX_VALUES_PER_KEY)
      entry.values.set(value, Uint8Array.prototype.slice.call(w.buf, start, w.pos));
  }
}
