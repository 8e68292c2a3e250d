/**
 * @module Admission control in front of the pipeline. Refuses (429/503 with Retry-After) instead of
 * failing when data in flight or the heap is above its limit — never a 500 for load, never an OOM.
 */
import type { TelemetryBatch } from '@switchyard/core';
import { z } from 'zod';
import type { ConsumeResult, Consumer } from '../component/consumer.js';
import type { ComponentFactory } from '../component/factory.js';
import type { SelfMetrics } from '../self/self-metrics.js';

export const memoryLimiterConfigSchema = z.strictObject({
  /** Decoded bytes accepted but not yet delivered downstream. */
  maxInFlightBytes: z
    .number()
    .int()
    .positive()
    .default(256 * 1024 * 1024),
  /** Refuse new data while the V8 heap is above this many MiB. */
  maxHeapMiB: z.number().int().positive().default(1536),
  /** How often the heap is sampled. */
  checkIntervalMs: z.number().int().positive().default(200),
  /** What senders are told to wait. */
  retryAfterMs: z.number().int().positive().default(1000),
});
export type MemoryLimiterConfig = z.infer<typeof memoryLimiterConfigSchema>;

export class MemoryLimiter implements Consumer {
  private inFlightBytes = 0;
  private heapBytes = process.memoryUsage().heapUsed;
  private readonly timer: NodeJS.Timeout;
  private readonly refusedInFlight: (by?: number) => void;
  private readonly refusedHeap: (by?: number) => void;

  constructor(
    private readonly config: MemoryLimiterConfig,
    private readonly next: Consumer,
    metrics?: SelfMetrics,
  ) {
    this.timer = setInterval(() => {
      this.heapBytes = process.memoryUsage().heapUsed;
    }, config.checkIntervalMs);
    this.timer.unref();
    const help = 'Requests refused by the memory limiter';
    this.refusedInFlight =
      metrics?.counter('switchyard_refused_requests_total', help, { reason: 'in_flight' }) ?? noop;
    this.refusedHeap =
      metrics?.counter('switchyard_refused_requests_total', help, { reason: 'heap' }) ?? noop;
    metrics?.gauge('switchyard_in_flight_bytes', 'Decoded bytes accepted and not yet delivered', () => [
      { labels: {}, value: this.inFlightBytes },
    ]);
  }

  get inFlight(): number {
    return this.inFlightBytes;
  }

  /** Cheap pre-check receivers may call before decoding a body. */
  admit(sizeBytes: number): ConsumeResult | undefined {
    if (this.heapBytes > this.config.maxHeapMiB * 1024 * 1024) {
      this.refusedHeap();
      return {
        kind: 'refused',
        status: 503,
        retryAfterMs: this.config.retryAfterMs,
        reason: 'memory limit reached',
      };
    }
    if (this.inFlightBytes > 0 && this.inFlightBytes + sizeBytes > this.config.maxInFlightBytes) {
      this.refusedInFlight();
      return {
        kind: 'refused',
        status: 429,
        retryAfterMs: this.config.retryAfterMs,
        reason: 'too much data in flight',
      };
    }
    return undefined;
  }

  async consume(batch: TelemetryBatch, sizeBytes: number): Promise<ConsumeResult> {
    const refused = this.admit(sizeBytes);
    if (refused) return refused;
    this.inFlightBytes += sizeBytes;
    try {
      return await this.next.consume(batch, sizeBytes);
    } finally {
      this.inFlightBytes -= sizeBytes;
    }
  }

  shutdown(): void {
    clearInterval(this.timer);
  }
}

function noop(): void {}

export const memoryLimiterFactory: ComponentFactory<
  MemoryLimiterConfig,
  MemoryLimiter,
  { next: Consumer; metrics?: SelfMetrics }
> = {
  type: 'memory_limiter',
  kind: 'processor',
  stability: { traces: 'beta', metrics: 'beta', logs: 'beta' },
  configSchema: memoryLimiterConfigSchema,
  createDefaultConfig: () => memoryLimiterConfigSchema.parse({}),
  create: (config, { next, metrics }) => new MemoryLimiter(config, next, metrics),
};
