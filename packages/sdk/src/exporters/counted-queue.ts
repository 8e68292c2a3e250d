/**
 * @module The bounded, counted queue shared by IsolatedSpanProcessor and IsolatedLogProcessor. OpenTelemetry's
 * batch processors drop silently when full (they only log), so each isolated processor keeps its own count of
 * items queued but not yet handed to the exporter, refuses items beyond `maxQueueSize` itself and records them
 * as dropped on the exporter's stats. It also resolves the batch processor's options from BatchSettings and
 * implements the flush that waits, up to the export timeout, for items queued before it to reach the exporter.
 */
import type { BatchSettings } from '../config/env-settings.js';
import type { HandOverListener } from './counting-exporters.js';
import type { StatsRecorder } from './exporter-stats.js';

/** The options both OpenTelemetry batch processors take (besides the exporter). */
export interface BatchProcessorOptions {
  maxQueueSize: number;
  maxExportBatchSize: number;
  scheduledDelayMillis: number;
  exportTimeoutMillis: number;
}

interface Flushable {
  forceFlush(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class CountedQueue implements HandOverListener {
  readonly options: BatchProcessorOptions;
  private queued = 0;
  private enqueuedTotal = 0;
  private handedOverTotal = 0;

  /** `defaultScheduleDelayMillis` differs per signal (OpenTelemetry: 5000 for spans, 1000 for logs). */
  constructor(
    private readonly recorder: StatsRecorder,
    settings: BatchSettings,
    defaultScheduleDelayMillis: number,
  ) {
    const maxQueueSize = settings.maxQueueSize ?? 2048;
    this.options = {
      maxQueueSize,
      maxExportBatchSize: Math.min(settings.maxExportBatchSize ?? 512, maxQueueSize),
      scheduledDelayMillis: settings.scheduleDelayMillis ?? defaultScheduleDelayMillis,
      exportTimeoutMillis: settings.exportTimeoutMillis ?? 30_000,
    };
  }

  /**
   * Hot path: called for every span ended and every log record emitted, so it only compares and increments
   * counters (no allocation). Returns false, and counts the item as dropped, when the queue is full.
   */
  admit(): boolean {
    if (this.queued >= this.options.maxQueueSize) {
      this.recorder.recordDropped(1);
      return false;
    }
    this.queued++;
    this.enqueuedTotal++;
    return true;
  }

  /** Called by the counting exporter with the size of each batch the batch processor hands over. */
  handedOver(count: number): void {
    this.queued = Math.max(0, this.queued - count);
    this.handedOverTotal += count;
  }

  /**
   * Flushes `batch`, then waits (up to the export timeout) until every item admitted before this call has
   * been handed to the exporter, then flushes `exporter`. The batch processor flushes only what is still
   * queued; an export it started on its own (queue reached the batch size) is awaited through the exporter.
   * Items taken from the queue may still wait for async resource attributes before reaching the exporter;
   * only those admitted before this call are waited for, so a steady stream of new ones cannot hold the flush.
   */
  async flush(batch: Flushable, exporter: Flushable): Promise<void> {
    const target = this.enqueuedTotal;
    await batch.forceFlush().catch(() => {});
    const deadline = Date.now() + this.options.exportTimeoutMillis;
    while (this.handedOverTotal < target && Date.now() < deadline) await sleep(5);
    await exporter.forceFlush();
  }
}
