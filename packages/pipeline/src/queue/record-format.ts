/**
 * @module On-disk layout of the durable queue. A segment file is an 8-byte magic followed by records:
 *
 *   u32 LE payload length | u32 LE CRC32 | u8 signal | u32 LE item count | payload (OTLP protobuf request)
 *
 * The CRC covers signal, item count and payload. The item count is kept in the header so that queue gauges
 * and drop counts are exact after a restart without decoding payloads. CRC32 is zlib.crc32 (Node ≥ 20.15,
 * checked on 20.20), which runs in native code — this is the write and recovery hot path.
 */
import { crc32 } from 'node:zlib';
import type { Signal } from '@switchyard/core';

export const SEGMENT_MAGIC = Buffer.from('SYQSEG01', 'latin1');
export const HEADER_BYTES = 13;
/** Larger length fields are treated as corruption rather than trusted. */
export const MAX_PAYLOAD_BYTES = 256 * 1024 * 1024;

const SIGNAL_CODE: Record<Signal, number> = { traces: 1, metrics: 2, logs: 3 };
const CODE_SIGNAL: (Signal | undefined)[] = [undefined, 'traces', 'metrics', 'logs'];

export function recordHeader(signal: Signal, items: number, payload: Uint8Array): Buffer {
  const h = Buffer.allocUnsafe(HEADER_BYTES);
  h.writeUInt32LE(payload.byteLength, 0);
  h.writeUInt8(SIGNAL_CODE[signal], 8);
  h.writeUInt32LE(items, 9);
  h.writeUInt32LE(crc32(payload, crc32(h.subarray(8, HEADER_BYTES))), 4);
  return h;
}

export interface ScannedRecord {
  offset: number;
  /** Header + payload. */
  size: number;
  signal: Signal;
  items: number;
}

/** Parses and verifies the record at `offset` of `buf`; undefined when it is not a valid, complete record. */
export function readRecordAt(buf: Uint8Array, offset: number): ScannedRecord | undefined {
  if (offset + HEADER_BYTES > buf.length) return undefined;
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const len = b.readUInt32LE(offset);
  const signal = CODE_SIGNAL[b[offset + 8]!];
  const items = b.readUInt32LE(offset + 9);
  const end = offset + HEADER_BYTES + len;
  if (!signal || len > MAX_PAYLOAD_BYTES || end > b.length || items > len) return undefined;
  const expected = b.readUInt32LE(offset + 4);
  const actual = crc32(
    b.subarray(offset + HEADER_BYTES, end),
    crc32(b.subarray(offset + 8, offset + HEADER_BYTES)),
  );
  if (actual !== expected) return undefined;
  return { offset, size: HEADER_BYTES + len, signal, items };
}

export interface SegmentScan {
  records: ScannedRecord[];
  /** Damaged regions skipped (a bad CRC, a garbled header, or a truncated tail each count once). */
  corrupt: number;
}

/**
 * Scans a segment from `start`. After a damaged record it resynchronises on the next offset that holds a
 * record with a valid CRC, so one bad record does not cost the rest of the segment.
 */
export function scanSegment(buf: Uint8Array, start: number): SegmentScan {
  const records: ScannedRecord[] = [];
  let corrupt = 0;
  let pos = start;
  while (pos < buf.length) {
    const r = readRecordAt(buf, pos);
    if (r) {
      records.push(r);
      pos += r.size;
      continue;
    }
    corrupt++;
    let next = -1;
    for (let q = pos + 1; q + HEADER_BYTES <= buf.length; q++) {
      if (readRecordAt(buf, q)) {
        next = q;
        break;
      }
    }
    if (next < 0) break;
    pos = next;
  }
  return { records, corrupt };
}

/** Verifies a record read back from disk and returns its payload, or undefined when it is damaged. */
export function verifiedPayload(record: Uint8Array): Uint8Array | undefined {
  return readRecordAt(record, 0)?.size === record.length ? record.subarray(HEADER_BYTES) : undefined;
}
