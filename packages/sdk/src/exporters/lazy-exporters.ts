/**
 * @module Log and metric exporters whose real exporter is created asynchronously (an optional package loaded
 * with `import()`), like LazySpanExporter for spans. Exports wait for it; if it cannot be created every
 * export fails with that error, which the counting wrapper records on the handle.
 */
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import {
  AggregationTemporality,
  type InstrumentType,
  type PushMetricExporter,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';

function settle<T>(create: () => Promise<T>, onError?: (error: Error) => void): Promise<T | Error> {
  return create().catch((error: unknown) => {
    const e = error instanceof Error ? error : new Error(String(error));
    onError?.(e);
    return e;
  });
}

export class LazyLogExporter implements LogRecordExporter {
  private readonly ready: Promise<LogRecordExporter | Error>;

  constructor(create: () => Promise<LogRecordExporter>, onError?: (error: Error) => void) {
    this.ready = settle(create, onError);
  }

  export(logs: ReadableLogRecord[], resultCallback: (result: ExportResult) => void): void {
    void this.ready.then((inner) => {
      if (inner instanceof Error) resultCallback({ code: ExportResultCode.FAILED, error: inner });
      else inner.export(logs, resultCallback);
    });
  }

  async shutdown(): Promise<void> {
    const inner = await this.ready;
    if (!(inner instanceof Error)) await inner.shutdown();
  }

  async forceFlush(): Promise<void> {
    const inner = await this.ready;
    if (!(inner instanceof Error)) await inner.forceFlush?.();
  }
}

export class LazyMetricExporter implements PushMetricExporter {
  private readonly ready: Promise<PushMetricExporter | Error>;

  /** The temporality is fixed up front: the metric reader asks for it before the exporter exists. */
  constructor(
    create: () => Promise<PushMetricExporter>,
    private readonly temporality: AggregationTemporality = AggregationTemporality.CUMULATIVE,
    onError?: (error: Error) => void,
  ) {
    this.ready = settle(create, onError);
  }

  export(metrics: ResourceMetrics, resultCallback: (result: ExportResult) => void): void {
    void this.ready.then((inner) => {
      if (inner instanceof Error) resultCallback({ code: ExportResultCode.FAILED, error: inner });
      else inner.export(metrics, resultCallback);
    });
  }

  selectAggregationTemporality(_instrumentType: InstrumentType): AggregationTemporality {
    return this.temporality;
  }

  async shutdown(): Promise<void> {
    const inner = await this.ready;
    if (!(inner instanceof Error)) await inner.shutdown();
  }

  async forceFlush(): Promise<void> {
    const inner = await this.ready;
    if (!(inner instanceof Error)) await inner.forceFlush();
  }
}
