/**
 * @module Segment file naming, listing and the persisted ack cursor of a durable queue directory.
 * If the cursor is lost or stale after a crash, records are delivered again (at-least-once), never skipped.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';

export interface Cursor {
  /** Segment holding the first unacknowledged record. */
  segment: number;
  /** Byte offset of that record in the segment. */
  offset: number;
}

const SEGMENT_RE = /^segment-(\d{12})\.log$/;

export function segmentPath(dir: string, id: number): string {
  return join(dir, `segment-${String(id).padStart(12, '0')}.log`);
}

/** Segment ids present in `dir`, ascending. */
export function listSegments(dir: string): number[] {
  return readdirSync(dir)
    .map((f) => SEGMENT_RE.exec(f)?.[1])
    .filter((id): id is string => id !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

const CURSOR_FILE = 'cursor.bin';
const CURSOR_BYTES = 20;

/** Reads the persisted cursor; a missing or damaged one means "from the oldest segment". */
export function readCursor(dir: string): Cursor {
  try {
    const b = readFileSync(join(dir, CURSOR_FILE));
    if (b.length === CURSOR_BYTES && b.readUInt32LE(16) === crc32(b.subarray(0, 16))) {
      return { segment: Number(b.readBigUInt64LE(0)), offset: Number(b.readBigUInt64LE(8)) };
    }
  } catch {
    // Missing: a new queue, or one that never acknowledged anything.
  }
  return { segment: 0, offset: 0 };
}

/**
 * The ack cursor as a fixed 20-byte record (segment, offset, CRC32) overwritten in place: no new blocks are
 * needed, so acknowledgements still persist on a full disk; a torn write fails the CRC and reads as "from
 * the oldest segment" (duplicates, not losses).
 */
export class CursorFile {
  private readonly fd: number;
  private readonly buf = Buffer.alloc(CURSOR_BYTES);

  constructor(dir: string) {
    const path = join(dir, CURSOR_FILE);
    const fresh = !existsSync(path) || statSync(path).size !== CURSOR_BYTES;
    this.fd = openSync(path, fresh ? 'w+' : 'r+');
    if (fresh) this.write({ segment: 0, offset: 0 });
  }

  write(cursor: Cursor): void {
    this.buf.writeBigUInt64LE(BigInt(cursor.segment), 0);
    this.buf.writeBigUInt64LE(BigInt(cursor.offset), 8);
    this.buf.writeUInt32LE(crc32(this.buf.subarray(0, 16)), 16);
    writeSync(this.fd, this.buf, 0, CURSOR_BYTES, 0);
  }

  /** The descriptor to fsync with the segments. */
  get descriptor(): number {
    return this.fd;
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** Makes file creations and deletions in `dir` durable. */
export function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
