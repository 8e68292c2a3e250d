/**
 * @module The durable disk queue: append-only segment files (see record-format.ts), group-committed fsync,
 * a persisted ack cursor, segments deleted as soon as every record in them is acknowledged (disk use
 * shrinks), capacity in bytes with backpressure or drop-oldest, and CRC-checked recovery on open.
 *
 * Writes are synchronous (writev into the page cache is a memcpy; doing it inline keeps records in order
 * and whole); fsync and reads are asynchronous. Records are handed out in order; acks may come in any
 * order, and the cursor advances over the acknowledged prefix.
 */
import {
  closeSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  statSync,
  unlink,
  unlinkSync,
  writeSync,
  writevSync,
} from 'node:fs';
import { decodeRequest, encodeRequest, itemCount, type Signal, type TelemetryBatch } from '@switchyard/core';
import { ACCEPTED, type ConsumeResult } from '../component/consumer.js';
import type { BatchQueue, QueuedRecord, QueueStats } from './batch-queue.js';
import { type Fsync, GroupCommit, nodeFsync } from './group-commit.js';
import type { QueueConfig } from './queue-config.js';
import { type QueueContext, QueueMetrics } from './queue-metrics.js';
import { HEADER_BYTES, recordHeader, SEGMENT_MAGIC } from './record-format.js';
import { type DiskEntry, recoverSegments } from './recover-segments.js';
import { type Cursor, CursorFile, fsyncDir, segmentPath } from './segment-files.js';
import { SegmentReader } from './segment-reader.js';

class DiskRecord implements QueuedRecord {
  constructor(
    private readonly queue: DurableQueue,
    readonly entry: DiskEntry,
  ) {}
  get signal(): Signal {
    return this.entry.signal;
  }
  get items(): number {
    return this.entry.items;
  }
  get bytes(): number {
    return this.entry.size;
  }
  load(): Promise<TelemetryBatch> {
    return this.queue.read(this.entry).then((payload) => this.queue.decode(this.entry, payload));
  }
  loadEncoded(): Promise<Uint8Array> {
    return this.queue.read(this.entry);
  }
}

export class DurableQueue implements BatchQueue {
  readonly durable = true;
  private entries: DiskEntry[];
  private head = 0;
  private readIdx = 0;
  private liveItems = 0;
  private liveBytes = 0;
  private readonly segments: number[];
  private activeId: number;
  private activeFd: number;
  private activeSize = 0;
  private activeDirty = false;
  private retired: number[] = [];
  private dirDirty = false;
  private cursor: Cursor;
  private cursorDirty = false;
  private cursorUnsynced = false;
  private readonly cursorFile: CursorFile;
  private readonly reader: SegmentReader;
  private readonly removals = new Set<Promise<void>>();
  private readonly waiting: ((r: QueuedRecord | undefined) => void)[] = [];
  private closed = false;
  private readonly commit: GroupCommit;
  private readonly metrics: QueueMetrics;
  /** Damaged regions skipped when the queue was opened. */
  readonly recoveredCorrupt: number;

  constructor(
    private readonly dir: string,
    private readonly config: QueueConfig,
    context: QueueContext,
    fsyncFd: Fsync = nodeFsync,
  ) {
    this.reader = new SegmentReader(dir);
    mkdirSync(dir, { recursive: true });
    const rec = recoverSegments(dir);
    this.cursorFile = new CursorFile(dir);
    this.entries = rec.entries;
    this.segments = rec.segments;
    for (const e of this.entries) {
      this.liveItems += e.items;
      this.liveBytes += e.size;
    }
    this.metrics = new QueueMetrics(context, () => this.stats());
    this.recoveredCorrupt = rec.corrupt;
    if (rec.corrupt > 0) {
      this.metrics.corrupt(rec.corrupt);
      (context.log ?? (() => {}))(
        `queue ${context.name}: skipped ${rec.corrupt} damaged records on recovery`,
      );
    }
    this.activeId = rec.nextSegmentId;
    this.activeFd = this.createSegment(this.activeId);
    const first = this.entries[0];
    this.cursor = first ? { segment: first.segment, offset: first.offset } : this.endCursor();
    this.cursorDirty = true;
    this.commit = new GroupCommit(
      {
        takeDirty: () => this.takeDirty(),
        afterSync: () => this.afterSync(),
      },
      config.fsync,
      config.fsyncIntervalMs,
      fsyncFd,
    );
  }

  stats(): QueueStats {
    return { items: this.liveItems, bytes: this.liveBytes };
  }

  /** Bytes of segment files on disk (acknowledged records stay until their whole segment is acknowledged). */
  diskUsageBytes(): number {
    return this.segments.reduce((sum, id) => sum + statSync(segmentPath(this.dir, id)).size, 0);
  }

  enqueue(batch: TelemetryBatch): Promise<ConsumeResult> {
    return this.enqueueEncoded(batch.signal, itemCount(batch), encodeRequest(batch, 'protobuf'));
  }

  /** Appends an already-encoded OTLP protobuf request (pass-through and benchmarks). */
  async enqueueEncoded(signal: Signal, items: number, payload: Uint8Array): Promise<ConsumeResult> {
    if (this.closed) return { kind: 'failed', message: 'queue is closed' };
    const size = HEADER_BYTES + payload.byteLength;
    if (size > this.config.maxBytes) {
      this.metrics.dropped(items, 'larger_than_queue');
      return { kind: 'failed', message: `batch of ${size} bytes exceeds the queue capacity` };
    }
    if (this.liveBytes + size > this.config.maxBytes) {
      if (this.config.full === 'backpressure') return this.refuse('destination queue is full');
      this.dropOldest(size);
    }
    const error = this.append(signal, items, payload, size);
    if (error) return this.refuse(`queue write failed: ${error}`);
    if (!this.config.ackAfterFsync) {
      this.commit.written();
      return ACCEPTED;
    }
    try {
      await this.commit.durable();
      return ACCEPTED;
    } catch (err) {
      return this.refuse(`queue fsync failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private refuse(reason: string): ConsumeResult {
    this.metrics.refused();
    return { kind: 'refused', status: 503, retryAfterMs: this.config.retryAfterMs, reason };
  }

  /** Writes one record; returns an error code when nothing was kept. */
  private append(signal: Signal, items: number, payload: Uint8Array, size: number): string | undefined {
    try {
      // Positional write: after a failed write is truncated away, the next record lands at the right offset.
      const written = writevSync(
        this.activeFd,
        [recordHeader(signal, items, payload), payload],
        this.activeSize,
      );
      // A short write (disk full) leaves a partial record: cut it off so the segment stays clean.
      if (written !== size) throw Object.assign(new Error('short write'), { code: 'ENOSPC' });
    } catch (err) {
      try {
        ftruncateSync(this.activeFd, this.activeSize);
      } catch {
        this.rotate(); // Recovery skips a truncated tail; new records go to a fresh segment.
      }
      return (err as { code?: string }).code ?? String(err);
    }
    this.entries.push({
      segment: this.activeId,
      offset: this.activeSize,
      size,
      signal,
      items,
      handedOut: false,
      done: false,
    });
    this.activeSize += size;
    this.activeDirty = true;
    this.liveItems += items;
    this.liveBytes += size;
    if (this.activeSize >= this.config.segmentBytes) this.rotate();
    const w = this.waiting.shift();
    if (w) w(this.takeNext());
    return undefined;
  }

  private createSegment(id: number): number {
    const fd = openSync(segmentPath(this.dir, id), 'wx');
    try {
      writeSync(fd, SEGMENT_MAGIC, 0, SEGMENT_MAGIC.length, 0);
    } catch (err) {
      closeSync(fd);
      unlinkSync(segmentPath(this.dir, id)); // an empty file would block this id's creation forever
      throw err;
    }
    this.segments.push(id);
    this.dirDirty = true;
    this.activeSize = SEGMENT_MAGIC.length;
    this.activeDirty = true;
    return fd;
  }

  private rotate(): void {
    try {
      const fd = this.createSegment(this.activeId + 1);
      this.retired.push(this.activeFd);
      this.activeFd = fd;
      this.activeId++;
    } catch {
      // No room for a new segment: keep appending to the current one; rotation is retried on the next write.
    }
  }

  private dropOldest(needed: number): void {
    let items = 0;
    for (
      let i = this.readIdx;
      i < this.entries.length && this.liveBytes + needed > this.config.maxBytes;
      i++
    ) {
      const e = this.entries[i]!;
      if (e.done || e.handedOut) continue;
      items += e.items;
      this.finish(e);
    }
    if (items > 0) this.metrics.dropped(items, 'queue_full');
    this.advanceHead();
  }

  private takeNext(): QueuedRecord | undefined {
    while (this.readIdx < this.entries.length && this.entries[this.readIdx]!.done) this.readIdx++;
    const e = this.entries[this.readIdx];
    if (!e) return undefined;
    this.readIdx++;
    e.handedOut = true;
    return new DiskRecord(this, e);
  }

  next(): Promise<QueuedRecord | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    const r = this.takeNext();
    if (r) return Promise.resolve(r);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  ack(record: QueuedRecord): void {
    if (this.closed || !(record instanceof DiskRecord)) return;
    this.finish(record.entry);
    this.advanceHead();
  }

  private finish(e: DiskEntry): void {
    if (e.done) return;
    e.done = true;
    this.liveItems -= e.items;
    this.liveBytes -= e.size;
  }

  private endCursor(): Cursor {
    return { segment: this.activeId, offset: this.activeSize };
  }

  /** Moves the cursor over the acknowledged prefix and deletes segments left fully acknowledged. */
  private advanceHead(): void {
    while (this.head < this.entries.length && this.entries[this.head]!.done) this.head++;
    if (this.head > 4096 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.readIdx -= this.head;
      this.head = 0;
    }
    const h = this.entries[this.head];
    const cursor = h ? { segment: h.segment, offset: h.offset } : this.endCursor();
    if (cursor.segment === this.cursor.segment && cursor.offset === this.cursor.offset) return;
    this.cursor = cursor;
    this.cursorDirty = true;
    while (this.segments.length > 0 && this.segments[0]! < cursor.segment) {
      const id = this.segments.shift()!;
      this.reader.forget(id);
      // Freeing a large file's extents takes milliseconds: do it off the event loop; close() waits for it.
      const removal = new Promise<void>((resolve) => unlink(segmentPath(this.dir, id), () => resolve()));
      this.removals.add(removal);
      void removal.then(() => this.removals.delete(removal));
    }
  }

  /** Reads a record's payload back and verifies its CRC; a damaged record is counted and rejects. */
  async read(e: DiskEntry): Promise<Uint8Array> {
    if (this.closed) throw new Error('queue is closed');
    const payload = await this.reader.payload(e);
    if (!payload) {
      this.metrics.corrupt();
      throw new Error(`damaged record in segment ${e.segment} at offset ${e.offset}`);
    }
    return payload;
  }

  /** Decodes a verified payload; one that does not decode (written by a buggy encoder) counts as damaged. */
  decode(e: DiskEntry, payload: Uint8Array): TelemetryBatch {
    try {
      const batch = decodeRequest(e.signal, payload, 'protobuf');
      // The stored record is the request's protobuf encoding: forwarders may send it as is.
      batch.encoded = { format: 'protobuf', bytes: payload };
      return batch;
    } catch (err) {
      this.metrics.corrupt();
      throw err;
    }
  }

  private takeDirty(): { sync: number[]; close: number[] } {
    const close = this.retired;
    this.retired = [];
    const sync = this.activeDirty ? [...close, this.activeFd] : [...close];
    if (this.cursorUnsynced) sync.push(this.cursorFile.descriptor);
    this.activeDirty = false;
    this.cursorUnsynced = false;
    return { sync, close };
  }

  private afterSync(): void {
    if (this.dirDirty) {
      fsyncDir(this.dir);
      this.dirDirty = false;
    }
    if (this.cursorDirty) {
      this.cursorFile.write(this.cursor); // flushed by the next round; a stale cursor only means duplicates
      this.cursorDirty = false;
      this.cursorUnsynced = true;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const w of this.waiting.splice(0)) w(undefined);
    await this.commit.stop();
    await Promise.all(this.removals);
    closeSync(this.activeFd);
    this.cursorFile.close();
    this.reader.close();
    this.metrics.unregister();
  }
}
