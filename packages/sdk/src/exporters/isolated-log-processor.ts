/**
 * @module One exporter's own log batch processor with a bounded queue whose overflow is counted
 * (OpenTelemetry's BatchLogRecordProcessor drops silently when full). The queue accounting is CountedQueue,
 * shared with IsolatedSpanProcessor.
 */
import {
  BatchLogRecordProcessor,
  type LogRecordExporter,
  type LogRecordProcessor,
  type ReadWriteLogRecord,
} from '@opentelemetry/sdk-logs';
import type { BatchSettings } from '../config/env-settings.js';
import { CountedQueue } from './counted-queue.js';
import { CountingLogExporter } from './counting-exporters.js';
import type { StatsRecorder } from './exporter-stats.js';

export class IsolatedLogProcessor implements LogRecordProcessor {
  private readonly batch: BatchLogRecordProcessor;
  private readonly exporter: CountingLogExporter;
  private readonly queue: CountedQueue;

  constructor(exporter: LogRecordExporter, recorder: StatsRecorder, settings: BatchSettings = {}) {
    this.queue = new CountedQueue(recorder, settings, 1000);
    this.exporter = new CountingLogExporter(exporter, recorder, this.queue);
    this.batch = new BatchLogRecordProcessor({ exporter: this.exporter, ...this.queue.options });
  }

  onEmit(logRecord: ReadWriteLogRecord): void {
    if (this.queue.admit()) this.batch.onEmit(logRecord);
  }

  forceFlush(): Promise<void> {
    return this.queue.flush(this.batch, this.exporter);
  }

  shutdown(): Promise<void> {
    return this.batch.shutdown().catch(() => {});
  }
}
