/**
 * @module The bounded in-memory queue (`durable: false`): same contract as the durable queue, capacity in
 * the decoded bytes receivers report. Data still queued when it is closed is dropped and counted.
 */
import { itemCount, type Signal, type TelemetryBatch } from '@switchyard/core';
import { ACCEPTED, type ConsumeResult } from '../component/consumer.js';
import type { BatchQueue, QueuedRecord, QueueStats } from './batch-queue.js';
import type { QueueConfig } from './queue-config.js';
import { type QueueContext, QueueMetrics } from './queue-metrics.js';

class MemoryRecord implements QueuedRecord {
  done = false;
  readonly signal: Signal;
  constructor(
    readonly batch: TelemetryBatch,
    readonly items: number,
    readonly bytes: number,
  ) {
    this.signal = batch.signal;
  }
  load(): Promise<TelemetryBatch> {
    return Promise.resolve(this.batch);
  }
}

export class MemoryQueue implements BatchQueue {
  readonly durable = false;
  private queued: MemoryRecord[] = [];
  private head = 0;
  private items = 0;
  private bytes = 0;
  private closed = false;
  private readonly waiting: ((r: QueuedRecord | undefined) => void)[] = [];
  private readonly metrics: QueueMetrics;

  constructor(
    private readonly config: Pick<QueueConfig, 'maxBytes' | 'full' | 'retryAfterMs'>,
    context: QueueContext,
  ) {
    this.metrics = new QueueMetrics(context, () => this.stats());
  }

  stats(): QueueStats {
    return { items: this.items, bytes: this.bytes };
  }

  async enqueue(batch: TelemetryBatch, sizeBytes: number): Promise<ConsumeResult> {
    if (this.closed) return { kind: 'failed', message: 'queue is closed' };
    const items = itemCount(batch);
    const bytes = Math.max(1, sizeBytes);
    if (bytes > this.config.maxBytes) {
      this.metrics.dropped(items, 'larger_than_queue');
      return { kind: 'failed', message: `batch of ${bytes} bytes exceeds the queue capacity` };
    }
    if (this.bytes + bytes > this.config.maxBytes) {
      if (this.config.full === 'backpressure') {
        this.metrics.refused();
        return {
          kind: 'refused',
          status: 503,
          retryAfterMs: this.config.retryAfterMs,
          reason: 'destination queue is full',
        };
      }
      this.dropOldest(bytes);
    }
    const record = new MemoryRecord(batch, items, bytes);
    this.items += items;
    this.bytes += bytes;
    const w = this.waiting.shift();
    if (w) w(record);
    else this.queued.push(record);
    return ACCEPTED;
  }

  /** Drops queued (not yet handed out) records, oldest first, until `needed` bytes fit. */
  private dropOldest(needed: number): void {
    let items = 0;
    while (this.head < this.queued.length && this.bytes + needed > this.config.maxBytes) {
      const r = this.queued[this.head++]!;
      items += r.items;
      this.finish(r);
    }
    this.compact();
    if (items > 0) this.metrics.dropped(items, 'queue_full');
  }

  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.queued.length) {
      this.queued = this.queued.slice(this.head);
      this.head = 0;
    }
  }

  next(): Promise<QueuedRecord | undefined> {
    if (this.head < this.queued.length) {
      const r = this.queued[this.head++]!;
      this.compact();
      return Promise.resolve(r);
    }
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  ack(record: QueuedRecord): void {
    if (record instanceof MemoryRecord) this.finish(record);
  }

  private finish(r: MemoryRecord): void {
    if (r.done) return;
    r.done = true;
    this.items -= r.items;
    this.bytes -= r.bytes;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const w of this.waiting.splice(0)) w(undefined);
    const left = this.queued.slice(this.head);
    this.queued = [];
    this.head = 0;
    const items = left.reduce((n, r) => n + r.items, 0);
    for (const r of left) this.finish(r);
    if (items > 0) this.metrics.dropped(items, 'shutdown');
    this.metrics.unregister();
  }
}
