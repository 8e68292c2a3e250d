/**
 * @module Reads durable-queue records back from their segment files through a read-ahead block: records are
 * small and consumed in order, and one 1 MiB read instead of one read per record is what makes draining run
 * near sequential-read speed. Keeps one read descriptor per segment until the segment is forgotten.
 */
import { closeSync, openSync, read } from 'node:fs';
import { promisify } from 'node:util';
import { verifiedPayload } from './record-format.js';
import type { DiskEntry } from './recover-segments.js';
import { segmentPath } from './segment-files.js';

const readAsync = promisify(read);
const READ_AHEAD_BYTES = 1024 * 1024;

interface ReadBlock {
  segment: number;
  offset: number;
  bytes: Buffer;
}

export class SegmentReader {
  private readonly fds = new Map<number, number>();
  private block: ReadBlock | undefined;

  constructor(private readonly dir: string) {}

  /** The record's payload if its CRC checks out, else undefined (the caller counts the damage). */
  async payload(e: DiskEntry): Promise<Uint8Array | undefined> {
    const block = await this.blockFor(e);
    const start = e.offset - block.offset;
    return verifiedPayload(block.bytes.subarray(start, start + e.size));
  }

  /** Closes the segment's descriptor and drops its cached block (the segment is being deleted). */
  forget(segment: number): void {
    const fd = this.fds.get(segment);
    if (fd !== undefined) closeSync(fd);
    this.fds.delete(segment);
    if (this.block?.segment === segment) this.block = undefined;
  }

  close(): void {
    for (const fd of this.fds.values()) closeSync(fd);
    this.fds.clear();
    this.block = undefined;
  }

  private async blockFor(e: DiskEntry): Promise<ReadBlock> {
    const cached = this.block;
    if (
      cached &&
      cached.segment === e.segment &&
      e.offset >= cached.offset &&
      e.offset + e.size <= cached.offset + cached.bytes.length
    ) {
      return cached;
    }
    let fd = this.fds.get(e.segment);
    if (fd === undefined) {
      fd = openSync(segmentPath(this.dir, e.segment), 'r');
      this.fds.set(e.segment, fd);
    }
    const buf = Buffer.allocUnsafe(Math.max(e.size, READ_AHEAD_BYTES));
    const { bytesRead } = await readAsync(fd, buf, 0, buf.length, e.offset);
    // Bytes below the append position never change, so the block stays valid for later records.
    const block = { segment: e.segment, offset: e.offset, bytes: buf.subarray(0, bytesRead) };
    this.block = block;
    return block;
  }
}
