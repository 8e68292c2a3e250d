/**
 * @module Span, log and metric exporters whose real exporter is created asynchronously (an optional package
 * loaded with `import()`). Exports wait for it; if it cannot be created, every export fails with that error,
 * which the counting wrapper records on the handle.
 */
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import {
  AggregationTemporality,
  type InstrumentType,
  type PushMetricExporter,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

interface Exporter<T> {
  export(items: T, resultCallback: (result: ExportResult) => void): void;
  shutdown(): Promise<void>;
  forceFlush?(): Promise<void>;
}

class LazyExporter<T, E extends Exporter<T>> {
  private readonly ready: Promise<E | Error>;

  constructor(create: () => Promise<E>, onError?: (error: Error) => void) {
    this.ready = create().catch((error: unknown) => {
      const e = error instanceof Error ? error : new Error(String(error));
      onError?.(e);
      return e;
    });
  }

  export(items: T, resultCallback: (result: ExportResult) => void): void {
    void this.ready.then((inner) => {
      if (inner instanceof Error) resultCallback({ code: ExportResultCode.FAILED, error: inner });
      else inner.export(items, resultCallback);
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

export class LazySpanExporter extends LazyExporter<ReadableSpan[], SpanExporter> implements SpanExporter {}

export class LazyLogExporter
  extends LazyExporter<ReadableLogRecord[], LogRecordExporter>
  implements LogRecordExporter {}

export class LazyMetricExporter
  extends LazyExporter<ResourceMetrics, PushMetricExporter>
  implements PushMetricExporter
{
  /** The temporality is fixed up front: the metric reader asks for it before the exporter exists. */
  constructor(
    create: () => Promise<PushMetricExporter>,
    private readonly temporality: AggregationTemporality = AggregationTemporality.CUMULATIVE,
    onError?: (error: Error) => void,
  ) {
    super(create, onError);
  }

  selectAggregationTemporality(_instrumentType: InstrumentType): AggregationTemporality {
    return this.temporality;
  }
}
