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

export class CountingSpanExporter implements SpanExporter {
  /** Called with the batch size whenever the batch processor hands spans over (queue accounting). */
  onHandedOver: (count: number) => void = () => {};

  constructor(
    private readonly inner: SpanExporter,
    private readonly recorder: StatsRecorder,
  ) {}

  export(spans: ReadableSpan[], resultCallback: Callback): void {
    this.onHandedOver(spans.length);
    guardedExport(spans, spans.length, this.recorder, (s, cb) => this.inner.export(s, cb), resultCallback);
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown().catch(() => {});
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.().catch(() => {}) ?? Promise.resolve();
  }
}

export class CountingLogExporter implements LogRecordExporter {
  /** Called with the batch size whenever the batch processor hands records over (queue accounting). */
  onHandedOver: (count: number) => void = () => {};

  constructor(
    private readonly inner: LogRecordExporter,
    private readonly recorder: StatsRecorder,
  ) {}

  export(logs: ReadableLogRecord[], resultCallback: Callback): void {
    this.onHandedOver(logs.length);
    guardedExport(logs, logs.length, this.recorder, (l, cb) => this.inner.export(l, cb), resultCallback);
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown().catch(() => {});
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.().catch(() => {}) ?? Promise.resolve();
  }
}

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
