/**
 * @module Batches small requests into larger ones per signal, flushing on size or time. Every caller's
 * promise settles with the result of the flush that carried its data (group commit), so acknowledgement
 * still means "delivered downstream".
 */
import type { LogsData, MetricsData, Signal, TelemetryBatch, TraceData } from '@switchyard/core';
import { itemCount } from '@switchyard/core';
import { z } from 'zod';
import type { ConsumeResult, Consumer, Lifecycle } from '../component/consumer.js';
import type { ComponentFactory } from '../component/factory.js';

export const batchProcessorConfigSchema = z.strictObject({
  /** Flush once this many items (spans, points, log records) are pending. */
  sendBatchSize: z.number().int().positive().default(8192),
  /** Flush pending items after this long even when the batch is small. */
  timeoutMs: z.number().int().nonnegative().default(50),
});
export type BatchProcessorConfig = z.infer<typeof batchProcessorConfigSchema>;

interface Pending {
  batches: TelemetryBatch[];
  items: number;
  bytes: number;
  waiters: ((r: ConsumeResult) => void)[];
  timer: NodeJS.Timeout | undefined;
}

export class BatchProcessor implements Consumer, Lifecycle {
  private readonly pending = new Map<Signal, Pending>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly config: BatchProcessorConfig,
    private readonly next: Consumer,
  ) {}

  consume(batch: TelemetryBatch, sizeBytes: number): Promise<ConsumeResult> {
    let p = this.pending.get(batch.signal);
    if (!p) {
      p = { batches: [], items: 0, bytes: 0, waiters: [], timer: undefined };
      this.pending.set(batch.signal, p);
    }
    const entry = p;
    entry.batches.push(batch);
    entry.items += itemCount(batch);
    entry.bytes += sizeBytes;
    const result = new Promise<ConsumeResult>((resolve) => entry.waiters.push(resolve));
    if (entry.items >= this.config.sendBatchSize || this.config.timeoutMs === 0) {
      this.flush(batch.signal);
    } else if (!entry.timer) {
      entry.timer = setTimeout(() => this.flush(batch.signal), this.config.timeoutMs);
    }
    return result;
  }

  private flush(signal: Signal): void {
    const p = this.pending.get(signal);
    if (!p || p.batches.length === 0) return;
    this.pending.delete(signal);
    if (p.timer) clearTimeout(p.timer);
    const merged = mergeBatches(signal, p.batches);
    const done = this.next
      .consume(merged, p.bytes)
      .catch((err: unknown): ConsumeResult => ({ kind: 'failed', message: String(err) }))
      .then((r) => {
        for (const w of p.waiters) w(r);
      });
    this.inFlight.add(done);
    void done.finally(() => this.inFlight.delete(done));
  }

  async shutdown(): Promise<void> {
    for (const signal of [...this.pending.keys()]) this.flush(signal);
    await Promise.all([...this.inFlight]);
  }
}

/** Concatenates batches of one signal; resource/scope groups are kept as they arrived. */
export function mergeBatches(signal: Signal, batches: TelemetryBatch[]): TelemetryBatch {
  if (batches.length === 1) return batches[0]!;
  const merged = mergeData(signal, batches);
  // Concatenated protobuf messages are the merged message (repeated fields append), so protobuf pass-through
  // bytes survive batching; JSON ones do not.
  if (batches.every((b) => b.encoded?.format === 'protobuf'))
    merged.encoded = { format: 'protobuf', bytes: Buffer.concat(batches.map((b) => b.encoded!.bytes)) };
  return merged;
}

function mergeData(signal: Signal, batches: TelemetryBatch[]): TelemetryBatch {
  switch (signal) {
    case 'traces':
      return {
        signal,
        data: { resourceSpans: batches.flatMap((b) => (b.data as TraceData).resourceSpans) },
      };
    case 'metrics':
      return {
        signal,
        data: { resourceMetrics: batches.flatMap((b) => (b.data as MetricsData).resourceMetrics) },
      };
    case 'logs':
      return { signal, data: { resourceLogs: batches.flatMap((b) => (b.data as LogsData).resourceLogs) } };
  }
}

export const batchProcessorFactory: ComponentFactory<
  BatchProcessorConfig,
  BatchProcessor,
  { next: Consumer }
> = {
  type: 'batch',
  kind: 'processor',
  stability: { traces: 'beta', metrics: 'beta', logs: 'beta' },
  configSchema: batchProcessorConfigSchema,
  createDefaultConfig: () => batchProcessorConfigSchema.parse({}),
  create: (config, { next }) => new BatchProcessor(config, next),
};
