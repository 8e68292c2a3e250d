/**
 * @module The queue contract shared by the bounded memory queue and the durable disk queue.
 */
import type { Signal, TelemetryBatch } from '@switchyard/core';
import type { ConsumeResult } from '../component/consumer.js';

export interface QueuedRecord {
  readonly signal: Signal;
  readonly items: number;
  readonly bytes: number;
  /** The batch; rejects when a durable record turns out damaged on disk (then ack it to skip it). */
  load(): Promise<TelemetryBatch>;
  /** Durable records: the verified OTLP protobuf request bytes, without decoding (pass-through). */
  loadEncoded?(): Promise<Uint8Array>;
}

export interface QueueStats {
  /** Items and bytes accepted and not yet acknowledged (including those being delivered). */
  items: number;
  bytes: number;
}

export interface BatchQueue {
  readonly durable: boolean;
  /** `accepted` once queued (for a durable queue: on disk per its fsync policy); `refused` when full. */
  enqueue(batch: TelemetryBatch, sizeBytes: number): Promise<ConsumeResult>;
  /** The next record not yet handed out, waiting for one; undefined once the queue is closed. */
  next(): Promise<QueuedRecord | undefined>;
  /** Marks a record delivered (or dead-lettered); it will not be handed out again, even after a restart. */
  ack(record: QueuedRecord): void;
  stats(): QueueStats;
  /** Stops handing out records and releases resources; a durable queue fsyncs first. Idempotent. */
  close(): Promise<void>;
}
