/**
 * @module One exporter's own batch processor with a bounded queue whose overflow is counted.
 * OpenTelemetry's BatchSpanProcessor drops silently when full (it only logs), so this wrapper refuses spans
 * beyond `maxQueueSize` itself and records them as dropped on the exporter's stats. The queue accounting is
 * CountedQueue, shared with IsolatedLogProcessor.
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
import { CountedQueue } from './counted-queue.js';
import { CountingSpanExporter } from './counting-exporters.js';
import type { StatsRecorder } from './exporter-stats.js';

export class IsolatedSpanProcessor implements SpanProcessor {
  private readonly batch: BatchSpanProcessor;
  private readonly exporter: CountingSpanExporter;
  private readonly queue: CountedQueue;

  constructor(exporter: SpanExporter, recorder: StatsRecorder, settings: BatchSettings = {}) {
    this.queue = new CountedQueue(recorder, settings, 5000);
    this.exporter = new CountingSpanExporter(exporter, recorder, this.queue);
    this.batch = new BatchSpanProcessor(this.exporter, this.queue.options);
  }

  onStart(span: Span, parentContext: Context): void {
    this.batch.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    // Unsampled spans are ignored by the batch processor too; do not count them.
    if ((span.spanContext().traceFlags & TraceFlags.SAMPLED) === 0) return;
    if (this.queue.admit()) this.batch.onEnd(span);
  }

  forceFlush(): Promise<void> {
    return this.queue.flush(this.batch, this.exporter);
  }

  shutdown(): Promise<void> {
    return this.batch.shutdown().catch(() => {});
  }
}
