/**
 * @module Start-up recovery of a durable queue directory: drops segments before the ack cursor, verifies
 * every remaining record's CRC, skips (and counts) damaged or truncated records, deletes empty segments.
 */
import { readFileSync, unlinkSync } from 'node:fs';
import type { Signal } from '@switchyard/core';
import { SEGMENT_MAGIC, scanSegment } from './record-format.js';
import { listSegments, readCursor, segmentPath } from './segment-files.js';

/** One record of the queue, in memory: where it is and whether it was handed out or finished. */
export interface DiskEntry {
  segment: number;
  offset: number;
  size: number;
  signal: Signal;
  items: number;
  handedOut: boolean;
  /** Acknowledged or dropped. */
  done: boolean;
}

export interface Recovered {
  entries: DiskEntry[];
  /** Segments kept on disk, ascending. */
  segments: number[];
  /** Damaged regions skipped. */
  corrupt: number;
  nextSegmentId: number;
}

export function recoverSegments(dir: string): Recovered {
  const cursor = readCursor(dir);
  const entries: DiskEntry[] = [];
  const segments: number[] = [];
  let corrupt = 0;
  let maxId = cursor.segment;
  for (const id of listSegments(dir)) {
    maxId = Math.max(maxId, id);
    const path = segmentPath(dir, id);
    if (id < cursor.segment) {
      unlinkSync(path);
      continue;
    }
    const buf = readFileSync(path);
    if (buf.length < SEGMENT_MAGIC.length || !SEGMENT_MAGIC.equals(buf.subarray(0, SEGMENT_MAGIC.length))) {
      if (buf.length > 0) corrupt++;
      unlinkSync(path);
      continue;
    }
    const start =
      id === cursor.segment ? Math.max(cursor.offset, SEGMENT_MAGIC.length) : SEGMENT_MAGIC.length;
    const scan = scanSegment(buf, start);
    corrupt += scan.corrupt;
    if (scan.records.length === 0) {
      unlinkSync(path);
      continue;
    }
    segments.push(id);
    for (const r of scan.records) {
      entries.push({ segment: id, ...r, handedOut: false, done: false });
    }
  }
  return { entries, segments, corrupt, nextSegmentId: maxId + 1 };
}
