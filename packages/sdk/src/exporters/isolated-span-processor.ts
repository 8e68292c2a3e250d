/**
 * @module One exporter's own batch processor with a bounded queue whose overflow is counted.
 * OpenTelemetry's BatchSpanProcessor drops silently when full (it only logs), so this wrapper keeps its
 * own count of spans queued but not yet handed to the exporter, refuses spans beyond `maxQueueSize`
 * itself and records them as dropped on the exporter's stats.
 */
import type { Context } from '@opentelemetry/api';
import { TraceFlags } from '@opentelemetry/api';
import {
  BatchSpanProcessor,
  type ReadableSpan,
  type Span,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { BatchSettings } from '../config/env-settings.js';
import { CountingSpanExporter } from './counting-exporters.js';
import type { StatsRecorder } from './exporter-stats.js';

export class IsolatedSpanProcessor implements SpanProcessor {
  private readonly batch: BatchSpanProcessor;
  private readonly exporter: CountingSpanExporter;
  private readonly maxQueueSize: number;
  private readonly exportTimeoutMillis: number;
  private queued = 0;
  private enqueuedTotal = 0;
  private handedOverTotal = 0;

  constructor(
    exporter: SpanExporter,
    private readonly recorder: StatsRecorder,
    settings: BatchSettings = {},
  ) {
    this.maxQueueSize = settings.maxQueueSize ?? 2048;
    this.exportTimeoutMillis = settings.exportTimeoutMillis ?? 30_000;
    const counting = new CountingSpanExporter(exporter, recorder);
    counting.onHandedOver = (count) => {
      this.queued = Math.max(0, this.queued - count);
      this.handedOverTotal += count;
    };
    this.exporter = counting;
    this.batch = new BatchSpanProcessor(counting, {
      maxQueueSize: this.maxQueueSize,
      maxExportBatchSize: Math.min(settings.maxExportBatchSize ?? 512, this.maxQueueSize),
      scheduledDelayMillis: settings.scheduleDelayMillis ?? 5000,
      exportTimeoutMillis: this.exportTimeoutMillis,
    });
  }

  onStart(span: Span, parentContext: Context): void {
    this.batch.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    // Unsampled spans are ignored by the batch processor too; do not count them.
    if ((span.spanContext().traceFlags & TraceFlags.SAMPLED) === 0) return;
    if (this.queued >= this.maxQueueSize) {
      this.recorder.recordDropped(1);
      return;
    }
    this.queued++;
    this.enqueuedTotal++;
    this.batch.onEnd(span);
  }

  async forceFlush(): Promise<void> {
    // The batch processor flushes only what is still queued; an export it started on its own (queue reached
    // the batch size) is awaited through the exporter.
    const target = this.enqueuedTotal;
    await this.batch.forceFlush().catch(() => {});
    // Spans taken from the queue may still wait for async resource attributes before reaching the exporter.
    // Wait for those queued before this call only, so a steady stream of new spans cannot hold the flush.
    const deadline = Date.now() + this.exportTimeoutMillis;
    while (this.handedOverTotal < target && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    await this.exporter.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.batch.shutdown().catch(() => {});
  }
}
