/**
 * @module A failover group (`exportTo: { failover: ['datadog', 'otlp'] }`): one queue, members tried in order.
 * Each batch goes to the first healthy member; if that export fails (after the member's own retries) the same
 * batch goes to the next, and so on. A member that failed is skipped for `cooldownMillis` (a circuit breaker),
 * then tried first again, so traffic returns to the primary once it recovers. Members keep their own counters:
 * `sent` where a batch was accepted, `failed` for attempts that failed over.
 */
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type {
  AggregationOption,
  AggregationTemporality,
  InstrumentType,
  PushMetricExporter,
  ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

type Callback = (result: ExportResult) => void;

interface Exporter<T> {
  export(items: T, resultCallback: Callback): void;
  shutdown(): Promise<void>;
  forceFlush?(): Promise<void>;
}

export const DEFAULT_FAILOVER_COOLDOWN_MS = 30_000;

/** Order in which to try members now: healthy ones in list order, then those cooling down. */
export class FailoverOrder {
  private readonly failedAt: number[];

  constructor(
    size: number,
    private readonly cooldownMillis = DEFAULT_FAILOVER_COOLDOWN_MS,
    private readonly now: () => number = Date.now,
  ) {
    this.failedAt = new Array<number>(size).fill(Number.NEGATIVE_INFINITY);
  }

  order(): number[] {
    const t = this.now();
    const all = this.failedAt.map((_, i) => i);
    const healthy = all.filter((i) => t - this.failedAt[i]! >= this.cooldownMillis);
    return [...healthy, ...all.filter((i) => !healthy.includes(i))];
  }

  failed(i: number): void {
    this.failedAt[i] = this.now();
  }

  succeeded(i: number): void {
    this.failedAt[i] = Number.NEGATIVE_INFINITY;
  }
}

class FailoverBase<T> {
  protected readonly order: FailoverOrder;

  constructor(
    protected readonly members: readonly Exporter<T>[],
    cooldownMillis?: number,
  ) {
    this.order = new FailoverOrder(members.length, cooldownMillis);
  }

  export(items: T, resultCallback: Callback): void {
    const sequence = this.order.order();
    let last: ExportResult = {
      code: ExportResultCode.FAILED,
      error: new Error('no exporter in the failover group'),
    };
    const attempt = (k: number): void => {
      const i = sequence[k];
      if (i === undefined) {
        resultCallback(last);
        return;
      }
      let settled = false;
      const done = (result: ExportResult): void => {
        if (settled) return;
        settled = true;
        if (result.code === ExportResultCode.SUCCESS) {
          this.order.succeeded(i);
          resultCallback(result);
        } else {
          this.order.failed(i);
          last = result;
          attempt(k + 1);
        }
      };
      try {
        this.members[i]!.export(items, done);
      } catch (error) {
        done({
          code: ExportResultCode.FAILED,
          error: error instanceof Error ? error : new Error(String(error)),
        });
      }
    };
    attempt(0);
  }

  async shutdown(): Promise<void> {
    await Promise.allSettled(this.members.map((m) => m.shutdown()));
  }

  async forceFlush(): Promise<void> {
    await Promise.allSettled(this.members.map((m) => m.forceFlush?.()));
  }
}

export class FailoverSpanExporter extends FailoverBase<ReadableSpan[]> implements SpanExporter {}

export class FailoverLogExporter extends FailoverBase<ReadableLogRecord[]> implements LogRecordExporter {}

export class FailoverMetricExporter extends FailoverBase<ResourceMetrics> implements PushMetricExporter {
  /** The reader asks once for a temporality: the primary's is used for the whole group. */
  constructor(
    private readonly metricMembers: readonly PushMetricExporter[],
    cooldownMillis?: number,
  ) {
    super(metricMembers, cooldownMillis);
  }

  selectAggregationTemporality(instrumentType: InstrumentType): AggregationTemporality {
    return this.metricMembers[0]!.selectAggregationTemporality!(instrumentType);
  }

  selectAggregation(instrumentType: InstrumentType): AggregationOption {
    return this.metricMembers[0]!.selectAggregation!(instrumentType);
  }
}
