/**
 * @module Span and log processors (and a metric exporter) that forward only once a probe has decided that their exporter is the
 * one to use (`want`). Items ended before the decision are held in a bounded buffer (overflow counted as
 * dropped) and replayed or discarded when it comes.
 */
import type { Context } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { LogRecordProcessor, ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import {
  type AggregationOption,
  AggregationTemporality,
  AggregationType,
  type InstrumentType,
  type PushMetricExporter,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ProbeGate } from './hub-probe.js';

const MAX_HELD = 2048;

class Held<T> {
  private items: T[] = [];
  dropped = 0;

  constructor(gate: ProbeGate, want: boolean, forward: (item: T) => void) {
    void gate.result.then((value) => {
      const items = this.items;
      this.items = [];
      if (value === want) for (const item of items) forward(item);
    });
  }

  hold(item: T): void {
    if (this.items.length >= MAX_HELD) this.dropped++;
    else this.items.push(item);
  }
}

export class GatedSpanProcessor implements SpanProcessor {
  private readonly held: Held<ReadableSpan>;

  constructor(
    private readonly inner: SpanProcessor,
    private readonly gate: ProbeGate,
    private readonly want: boolean,
  ) {
    this.held = new Held(gate, want, (span) => inner.onEnd(span));
  }

  onStart(span: Span, parentContext: Context): void {
    if (this.gate.value !== !this.want) this.inner.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    if (this.gate.value === undefined) this.held.hold(span);
    else if (this.gate.value === this.want) this.inner.onEnd(span);
  }

  async forceFlush(): Promise<void> {
    await this.gate.result;
    await this.inner.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
}

export class GatedLogProcessor implements LogRecordProcessor {
  private readonly held: Held<ReadWriteLogRecord>;

  constructor(
    private readonly inner: LogRecordProcessor,
    private readonly gate: ProbeGate,
    private readonly want: boolean,
  ) {
    this.held = new Held(gate, want, (record) => inner.onEmit(record));
  }

  onEmit(logRecord: ReadWriteLogRecord): void {
    if (this.gate.value === undefined) this.held.hold(logRecord);
    else if (this.gate.value === this.want) this.inner.onEmit(logRecord);
  }

  async forceFlush(): Promise<void> {
    await this.gate.result;
    await this.inner.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
}

/** Metric exporter that exports only when the probe decided for it; otherwise it succeeds silently. */
export class GatedMetricExporter implements PushMetricExporter {
  constructor(
    private readonly inner: PushMetricExporter,
    private readonly gate: ProbeGate,
    private readonly want: boolean,
  ) {}

  export(metrics: ResourceMetrics, resultCallback: (result: ExportResult) => void): void {
    void this.gate.result.then((value) => {
      if (value === this.want) this.inner.export(metrics, resultCallback);
      else resultCallback({ code: ExportResultCode.SUCCESS });
    });
  }

  selectAggregationTemporality(instrumentType: InstrumentType): AggregationTemporality {
    return this.inner.selectAggregationTemporality?.(instrumentType) ?? AggregationTemporality.CUMULATIVE;
  }

  selectAggregation(instrumentType: InstrumentType): AggregationOption {
    return this.inner.selectAggregation?.(instrumentType) ?? { type: AggregationType.DEFAULT };
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
}
