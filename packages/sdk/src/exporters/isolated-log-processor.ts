/**
 * @module One exporter's own log batch processor with a bounded queue whose overflow is counted
 * (OpenTelemetry's BatchLogRecordProcessor drops silently when full). Same accounting as
 * IsolatedSpanProcessor: records queued but not yet handed to the exporter are capped at `maxQueueSize`.
 */
import {
  BatchLogRecordProcessor,
  type LogRecordExporter,
  type LogRecordProcessor,
  type ReadWriteLogRecord,
} from '@opentelemetry/sdk-logs';
import type { BatchSettings } from '../config/env-settings.js';
import { CountingLogExporter } from './counting-exporters.js';
import type { StatsRecorder } from './exporter-stats.js';

export class IsolatedLogProcessor implements LogRecordProcessor {
  private readonly batch: BatchLogRecordProcessor;
  private readonly exporter: CountingLogExporter;
  private readonly maxQueueSize: number;
  private readonly exportTimeoutMillis: number;
  private queued = 0;
  private enqueuedTotal = 0;
  private handedOverTotal = 0;

  constructor(
    exporter: LogRecordExporter,
    private readonly recorder: StatsRecorder,
    settings: BatchSettings = {},
  ) {
    this.maxQueueSize = settings.maxQueueSize ?? 2048;
    this.exportTimeoutMillis = settings.exportTimeoutMillis ?? 30_000;
    this.exporter = new CountingLogExporter(exporter, recorder);
    this.exporter.onHandedOver = (count) => {
      this.queued = Math.max(0, this.queued - count);
      this.handedOverTotal += count;
    };
    this.batch = new BatchLogRecordProcessor({
      exporter: this.exporter,
      maxQueueSize: this.maxQueueSize,
      maxExportBatchSize: Math.min(settings.maxExportBatchSize ?? 512, this.maxQueueSize),
      scheduledDelayMillis: settings.scheduleDelayMillis ?? 1000,
      exportTimeoutMillis: this.exportTimeoutMillis,
    });
  }

  onEmit(logRecord: ReadWriteLogRecord): void {
    if (this.queued >= this.maxQueueSize) {
      this.recorder.recordDropped(1);
      return;
    }
    this.queued++;
    this.enqueuedTotal++;
    this.batch.onEmit(logRecord);
  }

  async forceFlush(): Promise<void> {
    const target = this.enqueuedTotal;
    await this.batch.forceFlush().catch(() => {});
    const deadline = Date.now() + this.exportTimeoutMillis;
    while (this.handedOverTotal < target && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    await this.exporter.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.batch.shutdown().catch(() => {});
  }
}
