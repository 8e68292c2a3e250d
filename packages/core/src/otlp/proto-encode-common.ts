/**
 * @module Protobuf encoding helpers and common.proto / resource.proto messages,
 * on protobufjs's low-level Writer (the hub re-encodes every forwarded batch).
 */
import protobuf from 'protobufjs/minimal.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { type Attributes, type AttrValue, isKvList } from '../model/attributes.js';
import type { InstrumentationScope, Resource } from '../model/resource.js';
import { hexToBytes } from './hex.js';

export type Writer = protobuf.Writer;

export function newWriter(): Writer {
  return protobuf.Writer.create();
}

const U32 = 0xffffffffn;
const MAX_SAFE = 0x1fffffffffffffn;

/** Writes a bigint as fixed64/sfixed64 (two's complement), exactly. */
export function writeFixed64(w: Writer, v: bigint): void {
  if (v >= 0n && v <= MAX_SAFE) {
    const n = Number(v);
    w.fixed32(n >>> 0).fixed32(Math.floor(n / 4294967296));
  } else {
    const u = BigInt.asUintN(64, v);
    w.fixed32(Number(u & U32)).fixed32(Number(u >> 32n));
  }
}

/** Writes a bigint as an int64/uint64 varint (two's complement), exactly. */
export function writeVarint64(w: Writer, v: bigint): void {
  if (v >= 0n && v <= U32) {
    w.uint32(Number(v));
    return;
  }
  const u = BigInt.asUintN(64, v);
  w.uint64({ low: Number(u & U32) | 0, high: Number(u >> 32n) | 0, unsigned: true });
}

/** True for +0 only: -0 is not the proto3 default and must be written. */
export function isDefaultDouble(v: number): boolean {
  return v === 0 && 1 / v > 0;
}

/** Writes an id field (hex string); '' is the proto3 default and is omitted. */
export function writeId(w: Writer, tag: number, hex: string, size: number, field: string): void {
  if (hex === '') return;
  const b = hex.length === size * 2 ? hexToBytes(hex) : undefined;
  if (b === undefined)
    throw new SwitchyardError('OTLP_ENCODE', `${field} must be ${size * 2} hex characters, got '${hex}'`);
  w.uint32(tag).bytes(b);
}

export function writeString(w: Writer, tag: number, s: string): void {
  if (s !== '') w.uint32(tag).string(s);
}

export function writeUint32(w: Writer, tag: number, n: number): void {
  if (n !== 0) w.uint32(tag).uint32(n);
}

export function writeAnyValue(w: Writer, v: AttrValue): void {
  switch (typeof v) {
    case 'string':
      w.uint32(10).string(v);
      return;
    case 'boolean':
      w.uint32(16).bool(v);
      return;
    case 'bigint':
      w.uint32(24);
      writeVarint64(w, v);
      return;
    case 'number':
      w.uint32(33).double(v);
      return;
  }
  if (v === null) return;
  if (v instanceof Uint8Array) {
    w.uint32(58).bytes(v);
  } else if (Array.isArray(v)) {
    w.uint32(42).fork();
    for (const item of v) {
      w.uint32(10).fork();
      writeAnyValue(w, item);
      w.ldelim();
    }
    w.ldelim();
  } else if (isKvList(v)) {
    w.uint32(50).fork();
    writeAttributes(w, 10, v);
    w.ldelim();
  }
}

/** Writes each attribute as a KeyValue message under `tag`. */
export function writeAttributes(w: Writer, tag: number, attrs: Attributes): void {
  for (const key of Object.keys(attrs)) {
    w.uint32(tag).fork();
    w.uint32(10).string(key);
    const v = attrs[key] ?? null;
    w.uint32(18).fork();
    writeAnyValue(w, v);
    w.ldelim();
    w.ldelim();
  }
}

export function writeResource(w: Writer, tag: number, res: Resource): void {
  w.uint32(tag).fork();
  writeAttributes(w, 10, res.attributes);
  writeUint32(w, 16, res.droppedAttributesCount);
  w.ldelim();
}

export function writeScope(w: Writer, tag: number, scope: InstrumentationScope): void {
  w.uint32(tag).fork();
  writeString(w, 10, scope.name);
  writeString(w, 18, scope.version);
  writeAttributes(w, 26, scope.attributes);
  writeUint32(w, 32, scope.droppedAttributesCount);
  w.ldelim();
}
