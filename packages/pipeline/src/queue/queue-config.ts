/**
 * @module Queue settings per exporter (memory or durable), shared by the routing config.
 */
import { z } from 'zod';

const MiB = 1024 * 1024;

export const queueConfigSchema = z.strictObject({
  /** Capacity: encoded bytes waiting for delivery. */
  maxBytes: z
    .number()
    .int()
    .positive()
    .default(256 * MiB),
  /** When full: refuse new data (receivers answer 503 + Retry-After) or drop the oldest queued data. */
  full: z.enum(['backpressure', 'drop_oldest']).default('backpressure'),
  /** What senders are told to wait when the queue refuses data. */
  retryAfterMs: z.number().int().positive().default(1000),
  /** Parallel pushes to the destination. */
  concurrency: z.number().int().min(1).max(64).default(4),
  /** Durable only: size at which a segment file is closed and a new one started. */
  segmentBytes: z
    .number()
    .int()
    .min(64 * 1024)
    .default(8 * MiB),
  /**
   * Durable only: when segment data is fsynced. `adaptive`: as soon as a write waits for its acknowledgement
   * (group commit: one fsync covers every write pending when it starts, the next starts when it ends), and
   * on the `fsyncIntervalMs` timer for writes nobody waits on. `interval`: only on the timer, so with
   * ackAfterFsync each sender waits about half the interval (fewer fsyncs; throughput ≈ writers × request
   * size per interval). `always`: after every write, even when nobody waits. All policies also fsync on
   * shutdown.
   */
  fsync: z.enum(['adaptive', 'interval', 'always']).default('adaptive'),
  /** Durable only: the longest a written record stays unsynced (upper bound under every policy). */
  fsyncIntervalMs: z.number().int().positive().default(200),
  /** Durable only: acknowledge a batch to the sender only once it has been fsynced. */
  ackAfterFsync: z.boolean().default(true),
  /** Memory only: how long shutdown keeps delivering before dropping what is left (counted). */
  shutdownDrainMs: z.number().int().nonnegative().default(5000),
});
export type QueueConfig = z.infer<typeof queueConfigSchema>;
