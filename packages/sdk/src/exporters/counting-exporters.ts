/**
 * @module Wrappers that count what each exporter delivered or lost, and turn anything an exporter
 * throws into a failed result, so one broken exporter never throws into the application.
 */
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import {
  type AggregationOption,
  AggregationTemporality,
  AggregationType,
  type InstrumentType,
  type PushMetricExporter,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { StatsRecorder } from './exporter-stats.js';

type Callback = (result: ExportResult) => void;

function guardedExport<T>(
  items: T,
  count: number,
  recorder: StatsRecorder,
  run: (items: T, cb: Callback) => void,
  done: Callback,
  onExported?: () => void,
): void {
  let finished = false;
  const finish = (result: ExportResult): void => {
    if (finished) return;
    finished = true;
    if (result.code === ExportResultCode.SUCCESS) recorder.recordSent(count);
    else recorder.recordFailed(count, result.error ?? new Error('export failed'));
    onExported?.();
    done(result);
  };
  try {
    run(items, finish);
  } catch (error) {
    finish({
      code: ExportResultCode.FAILED,
      error: error instanceof Error ? error : new Error(String(error)),
    });
  }
}

/** Told the size of each batch a batch processor hands to its exporter (queue accounting, see CountedQueue). */
export interface HandOverListener {
  handedOver(count: number): void;
}

interface ListExporter<T> {
  export(items: T[], resultCallback: Callback): void;
  shutdown(): Promise<void>;
  forceFlush?(): Promise<void>;
}

/** Spans and log records: exporters of arrays, counted per item. */
class CountingListExporter<T> {
  constructor(
    private readonly inner: ListExporter<T>,
    private readonly recorder: StatsRecorder,
    private readonly queue?: HandOverListener,
  ) {}

  export(items: T[], resultCallback: Callback): void {
    this.queue?.handedOver(items.length);
    guardedExport(items, items.length, this.recorder, (i, cb) => this.inner.export(i, cb), resultCallback);
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown().catch(() => {});
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.().catch(() => {}) ?? Promise.resolve();
  }
}

export class CountingSpanExporter extends CountingListExporter<ReadableSpan> implements SpanExporter {}

export class CountingLogExporter
  extends CountingListExporter<ReadableLogRecord>
  implements LogRecordExporter {}

function dataPointCount(metrics: ResourceMetrics): number {
  let n = 0;
  for (const scope of metrics.scopeMetrics) for (const m of scope.metrics) n += m.dataPoints.length;
  return n;
}

export class CountingMetricExporter implements PushMetricExporter {
  constructor(
    private readonly inner: PushMetricExporter,
    private readonly recorder: StatsRecorder,
  ) {}

  export(metrics: ResourceMetrics, resultCallback: Callback): void {
    guardedExport(
      metrics,
      dataPointCount(metrics),
      this.recorder,
      (m, cb) => this.inner.export(m, cb),
      resultCallback,
    );
  }

  selectAggregationTemporality(instrumentType: InstrumentType): AggregationTemporality {
    return this.inner.selectAggregationTemporality?.(instrumentType) ?? AggregationTemporality.CUMULATIVE;
  }

  selectAggregation(instrumentType: InstrumentType): AggregationOption {
    return this.inner.selectAggregation?.(instrumentType) ?? { type: AggregationType.DEFAULT };
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown().catch(() => {});
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush().catch(() => {});
  }
}
