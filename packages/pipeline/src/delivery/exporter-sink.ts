/**
 * @module Turns an Exporter into a Consumer: timeout → retry (backoff, jitter, Retry-After) → push.
 * Counts sent, retried and failed items per exporter. Queues (memory and durable) wrap this.
 */
import { itemCount, type TelemetryBatch } from '@switchyard/core';
import type { ConsumeResult, Consumer, Lifecycle } from '../component/consumer.js';
import type { Exporter } from '../component/exporter.js';
import type { SelfMetrics } from '../self/self-metrics.js';
import { backoffDelayMs, type RetryPolicy } from './retry-policy.js';
import { pushWithTimeout } from './timeout.js';

export interface ExporterSinkOptions {
  timeoutMs: number;
  retry: RetryPolicy;
  metrics?: SelfMetrics;
}

export class ExporterSink implements Consumer, Lifecycle {
  private stopping = false;
  private readonly wakeups = new Set<() => void>();
  private readonly sent: (n?: number) => void;
  private readonly failed: (n?: number) => void;
  private readonly retried: (n?: number) => void;

  constructor(
    private readonly exporter: Exporter,
    private readonly options: ExporterSinkOptions,
  ) {
    const m = options.metrics;
    const labels = { exporter: exporter.name };
    this.sent =
      m?.counter('switchyard_exporter_sent_items_total', 'Items delivered by an exporter', labels) ?? noop;
    this.failed =
      m?.counter('switchyard_exporter_failed_items_total', 'Items an exporter gave up on', labels) ?? noop;
    this.retried =
      m?.counter('switchyard_exporter_retries_total', 'Push attempts that were retried', labels) ?? noop;
  }

  async consume(batch: TelemetryBatch): Promise<ConsumeResult> {
    const items = itemCount(batch);
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      const r = await pushWithTimeout(this.exporter, batch, this.options.timeoutMs);
      if (r.kind === 'success') {
        this.sent(items);
        return { kind: 'accepted' };
      }
      const { retry } = this.options;
      const elapsed = Date.now() - started;
      const giveUp =
        r.kind === 'permanent' ||
        !retry.enabled ||
        this.stopping ||
        (retry.maxElapsedMs > 0 && elapsed >= retry.maxElapsedMs);
      if (giveUp) {
        this.failed(items);
        return { kind: 'failed', message: r.message };
      }
      this.retried();
      await this.sleep(backoffDelayMs(retry, attempt, r.retryAfterMs));
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(t);
        this.wakeups.delete(wake);
        resolve();
      };
      const t = setTimeout(wake, ms);
      this.wakeups.add(wake);
    });
  }

  async shutdown(): Promise<void> {
    this.stopping = true;
    for (const wake of [...this.wakeups]) wake();
    await this.exporter.shutdown();
  }
}

function noop(): void {}
