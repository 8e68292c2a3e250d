/**
 * @module What receivers hand data to. `accepted` means the data is stored or queued as durably as the
 * destination is configured to be, so the receiver may acknowledge it to the sender.
 */
import type { TelemetryBatch } from '@switchyard/core';

export type ConsumeResult =
  | { kind: 'accepted' }
  /** Load shedding: the sender should retry after `retryAfterMs` (HTTP 429/503 with Retry-After). */
  | { kind: 'refused'; status: 429 | 503; retryAfterMs: number; reason: string }
  /** Nothing was kept, and retrying will not help. */
  | { kind: 'failed'; message: string };

export const ACCEPTED: ConsumeResult = { kind: 'accepted' };

export interface Consumer {
  /** `sizeBytes` is the decoded request size, used for memory accounting. */
  consume(batch: TelemetryBatch, sizeBytes: number): Promise<ConsumeResult>;
}

export interface Lifecycle {
  /** Flushes buffered data downstream and stops timers. Idempotent. */
  shutdown(): Promise<void>;
}
