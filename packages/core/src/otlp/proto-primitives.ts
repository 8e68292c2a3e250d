/**
 * @module Low-level protobuf field readers on top of protobufjs's `Reader`.
 *
 * Hand-written because OTLP decoding is the measured hot path of the hub: every
 * reader checks bounds against the end of the enclosing message (not just the
 * buffer), builds 64-bit values exactly as bigint from 32-bit halves, and reports
 * the offending field by name through `fail`.
 */
import protobuf from 'protobufjs/minimal.js';
import { fail } from './decode-failure.js';
import { bytesToHex } from './hex.js';
import { cachedAscii, MAX_CACHED_LENGTH } from './string-cache.js';

export type Reader = protobuf.Reader;
export const { Reader: ReaderClass, Writer: WriterClass } = protobuf;
const { readStrict } = protobuf.util.utf8;

export const WIRE_VARINT = 0;
export const WIRE_I64 = 1;
export const WIRE_LEN = 2;
export const WIRE_I32 = 5;

/** Exact bigint from unsigned 32-bit halves; the Number path is exact below 2^53. */
export function joinU64(lo: number, hi: number): bigint {
  return hi < 0x200000 ? BigInt(hi * 4294967296 + lo) : (BigInt(hi) << 32n) | BigInt(lo);
}

function u32le(buf: Uint8Array, p: number): number {
  return (buf[p]! | (buf[p + 1]! << 8) | (buf[p + 2]! << 16) | (buf[p + 3]! << 24)) >>> 0;
}

/** Reads a length prefix and returns the end offset of the delimited payload. */
export function readLen(r: Reader, end: number, field: string): number {
  const n = r.uint32();
  if (n > end - r.pos) fail(field, `length ${n} exceeds the ${Math.max(0, end - r.pos)} remaining bytes`);
  return r.pos + n;
}

export function readString(r: Reader, end: number, field: string): string {
  const stop = readLen(r, end, field);
  const start = r.pos;
  r.pos = stop;
  if (stop === start) return '';
  if (stop - start <= MAX_CACHED_LENGTH) {
    const cached = cachedAscii(r.buf, start, stop);
    if (cached !== undefined) return cached;
  }
  try {
    return readStrict(r.buf, start, stop);
  } catch {
    return fail(field, 'invalid UTF-8');
  }
}

/** A copy of a bytes field (so decoded values never alias the request buffer). */
export function readBytes(r: Reader, end: number, field: string): Uint8Array {
  const stop = readLen(r, end, field);
  const out = new Uint8Array(stop - r.pos);
  out.set(r.buf.subarray(r.pos, stop));
  r.pos = stop;
  return out;
}

/** A trace id (size 16) or span id (size 8) as lowercase hex; '' when empty. */
export function readId(r: Reader, end: number, size: number, field: string): string {
  const stop = readLen(r, end, field);
  const start = r.pos;
  r.pos = stop;
  if (stop === start) return '';
  if (stop - start !== size) fail(field, `expected ${size} bytes, got ${stop - start}`);
  return bytesToHex(r.buf, start, stop);
}

/**
 * A DataView of the buffer being decoded, for 64-bit reads: `getBigUint64` allocates one bigint where
 * building it from 32-bit halves allocated up to four (timestamps are above 2^53), about 2x faster.
 */
let viewOf: Uint8Array | undefined;
let view: DataView = new DataView(new ArrayBuffer(0));

function dataView(buf: Uint8Array): DataView {
  if (buf !== viewOf) {
    viewOf = buf;
    view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  return view;
}

export function readFixed64(r: Reader, end: number, field: string): bigint {
  const p = r.pos;
  if (p + 8 > end) fail(field, 'truncated fixed64');
  r.pos = p + 8;
  return dataView(r.buf).getBigUint64(p, true);
}

export function readSFixed64(r: Reader, end: number, field: string): bigint {
  const p = r.pos;
  if (p + 8 > end) fail(field, 'truncated fixed64');
  r.pos = p + 8;
  return dataView(r.buf).getBigInt64(p, true);
}

export function readFixed32(r: Reader, end: number, field: string): number {
  const p = r.pos;
  if (p + 4 > end) fail(field, 'truncated fixed32');
  r.pos = p + 4;
  return u32le(r.buf, p);
}

export function readDouble(r: Reader, end: number, field: string): number {
  if (r.pos + 8 > end) fail(field, 'truncated double');
  return r.double();
}

/** A varint as exact unsigned 64-bit bigint. */
export function readUint64(r: Reader, end: number, field: string): bigint {
  const buf = r.buf;
  let p = r.pos;
  let lo = 0;
  let hi = 0;
  let b = 0;
  for (let shift = 0; shift < 28; shift += 7) {
    if (p >= end) fail(field, 'truncated varint');
    b = buf[p++]!;
    lo |= (b & 127) << shift;
    if (b < 128) {
      r.pos = p;
      return BigInt(lo >>> 0);
    }
  }
  if (p >= end) fail(field, 'truncated varint');
  b = buf[p++]!;
  lo |= (b & 127) << 28;
  hi = (b & 127) >>> 4;
  if (b >= 128) {
    for (let shift = 3; ; shift += 7) {
      if (shift > 63) fail(field, 'varint longer than 10 bytes');
      if (p >= end) fail(field, 'truncated varint');
      b = buf[p++]!;
      hi |= (b & 127) << shift;
      if (b < 128) break;
    }
  }
  r.pos = p;
  return joinU64(lo >>> 0, hi >>> 0);
}

/** A varint as exact signed 64-bit bigint (two's complement, as int64 is encoded). */
export function readInt64(r: Reader, end: number, field: string): bigint {
  return BigInt.asIntN(64, readUint64(r, end, field));
}

/**
 * Skips a field this decoder does not know. `names[n]` is the name of known field n:
 * a known field arriving with the wrong wire type is an error, not an unknown field.
 */
export function skipField(r: Reader, tag: number, end: number, names: readonly string[]): void {
  const field = tag >>> 3;
  const wire = tag & 7;
  if (field === 0) fail('', `invalid field number 0 at offset ${r.pos}`);
  const name = names[field];
  if (name !== undefined && name !== '') fail(name, `unexpected wire type ${wire}`);
  switch (wire) {
    case WIRE_VARINT:
      readUint64(r, end, `field ${field}`);
      return;
    case WIRE_I64:
      if (r.pos + 8 > end) fail(`field ${field}`, 'truncated fixed64');
      r.pos += 8;
      return;
    case WIRE_LEN:
      r.pos = readLen(r, end, `field ${field}`);
      return;
    case WIRE_I32:
      if (r.pos + 4 > end) fail(`field ${field}`, 'truncated fixed32');
      r.pos += 4;
      return;
    default:
      fail(`field ${field}`, `unsupported wire type ${wire}`);
  }
}

/** Verifies a message's fields ended exactly at its declared length. */
export function checkEnd(r: Reader, end: number): void {
  if (r.pos !== end) fail('', `field overruns the message end by ${r.pos - end} bytes`);
}
