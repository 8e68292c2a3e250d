/**
 * @module A Consumer that puts batches in a queue (memory or durable) and drain workers that deliver them
 * through an exporter: timeout → retry with backoff and jitter (honouring Retry-After) → ack. Permanent
 * failures, and batches that exhaust the retry time, go to the dead-letter file with the reason. Every
 * item is counted: queued (gauge), sent, retried, failed, dead-lettered, dropped.
 */
import type { Signal, TelemetryBatch } from '@switchyard/core';
import type { ConsumeResult, Consumer, Lifecycle } from '../component/consumer.js';
import type { ExportResult } from '../component/export-result.js';
import type { Exporter } from '../component/exporter.js';
import { backoffDelayMs, type RetryPolicy } from '../delivery/retry-policy.js';
import { pushWithTimeout } from '../delivery/timeout.js';
import type { SelfMetrics } from '../self/self-metrics.js';
import type { BatchQueue, QueuedRecord } from './batch-queue.js';
import type { DeadLetterFile } from './dead-letter.js';
import { type Log, stderrLog } from './log.js';

export interface QueuedExporterConsumerOptions {
  exporter: Exporter;
  queue: BatchQueue;
  retry: RetryPolicy;
  /** Bound on one push attempt. */
  timeoutMs: number;
  /** Parallel drain workers. */
  concurrency: number;
  deadLetter?: DeadLetterFile;
  /** Memory queues: how long shutdown keeps delivering before dropping the rest. */
  shutdownDrainMs?: number;
  metrics?: SelfMetrics;
  log?: Log;
}

type Count = (by?: number) => void;
type SignalCount = (signal: Signal, by?: number) => void;

export class QueuedExporterConsumer implements Consumer, Lifecycle {
  private stopping = false;
  private readonly workers: Promise<void>[];
  private readonly wakeups = new Set<() => void>();
  private readonly sent: SignalCount;
  private readonly failed: SignalCount;
  private readonly retried: SignalCount;
  private readonly deadLettered: SignalCount;
  private readonly abandoned: Count;
  private readonly log: Log;
  private shutdownPromise: Promise<void> | undefined;

  constructor(private readonly options: QueuedExporterConsumerOptions) {
    const m = options.metrics;
    const labels = { exporter: options.exporter.name };
    const counter = (name: string, help: string, extra: Record<string, string> = {}): Count =>
      m?.counter(name, help, { ...labels, ...extra }) ?? noop;
    const perSignal = (name: string, help: string): SignalCount => {
      const cells = new Map<Signal, Count>();
      return (signal, by) => {
        let c = cells.get(signal);
        if (!c) {
          c = counter(name, help, { signal });
          cells.set(signal, c);
        }
        c(by);
      };
    };
    this.sent = perSignal('switchyard_exporter_sent_items_total', 'Items delivered by an exporter');
    this.failed = perSignal('switchyard_exporter_failed_items_total', 'Items an exporter gave up on');
    this.retried = perSignal('switchyard_exporter_retries_total', 'Push attempts that were retried');
    this.deadLettered = perSignal(
      'switchyard_exporter_dead_lettered_items_total',
      'Items written to the dead-letter file',
    );
    this.abandoned = counter('switchyard_exporter_dropped_items_total', 'Items dropped without delivery', {
      reason: 'shutdown',
    });
    this.log = options.log ?? stderrLog;
    this.workers = Array.from({ length: options.concurrency }, () => this.work());
  }

  get name(): string {
    return this.options.exporter.name;
  }

  consume(batch: TelemetryBatch, sizeBytes: number): Promise<ConsumeResult> {
    if (this.stopping) return Promise.resolve({ kind: 'failed', message: `${this.name} is shutting down` });
    return this.options.queue.enqueue(batch, sizeBytes);
  }

  private async work(): Promise<void> {
    const { queue } = this.options;
    for (;;) {
      const record = await queue.next();
      if (!record) return;
      let batch: TelemetryBatch;
      try {
        batch = await record.load();
      } catch {
        queue.ack(record); // Damaged on disk: counted by the queue, skipped here.
        continue;
      }
      await this.deliver(record, batch);
      if (this.stopping && queue.durable) return;
    }
  }

  private async deliver(record: QueuedRecord, batch: TelemetryBatch): Promise<void> {
    const { exporter, queue, retry, timeoutMs } = this.options;
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      const r: ExportResult = await pushWithTimeout(exporter, batch, timeoutMs);
      if (r.kind === 'success') {
        this.sent(record.signal, record.items);
        queue.ack(record);
        return;
      }
      const outOfTime = retry.maxElapsedMs > 0 && Date.now() - started >= retry.maxElapsedMs;
      if (r.kind === 'permanent' || !retry.enabled || outOfTime) {
        const reason = r.kind === 'permanent' ? r.message : `gave up after ${attempt} attempts: ${r.message}`;
        this.giveUp(record, batch, reason);
        return;
      }
      if (this.stopping) {
        // Durable: the record stays on disk and is delivered after restart. Memory: it is lost, counted.
        if (!queue.durable) {
          this.abandoned(record.items);
          queue.ack(record);
        }
        return;
      }
      this.retried(record.signal);
      await this.sleep(backoffDelayMs(retry, attempt, r.retryAfterMs));
    }
  }

  private giveUp(record: QueuedRecord, batch: TelemetryBatch, reason: string): void {
    const { deadLetter, exporter, queue } = this.options;
    this.failed(record.signal, record.items);
    if (deadLetter?.write(exporter.name, batch, reason)) this.deadLettered(record.signal, record.items);
    this.log(
      `exporter ${exporter.name}: ${record.items} ${record.signal} items failed (${reason})` +
        (deadLetter ? `, written to ${deadLetter.path}` : ''),
    );
    queue.ack(record);
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

  /** Memory queue: delivers for up to shutdownDrainMs first. Durable: stops promptly, data stays on disk. */
  shutdown(): Promise<void> {
    this.shutdownPromise ??= this.stop();
    return this.shutdownPromise;
  }

  private async stop(): Promise<void> {
    const { queue, exporter } = this.options;
    if (!queue.durable) {
      const deadline = Date.now() + (this.options.shutdownDrainMs ?? 5000);
      while (queue.stats().items > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    }
    this.stopping = true;
    for (const wake of [...this.wakeups]) wake();
    if (queue.durable) {
      // In-flight pushes end by their timeout; un-acked records are redelivered after restart.
      await queue.close();
      await Promise.race([Promise.all(this.workers), new Promise((r) => setTimeout(r, 1000).unref())]);
    } else {
      await queue.close();
      await Promise.all(this.workers);
    }
    this.options.deadLetter?.close();
    await exporter.shutdown();
  }
}

function noop(): void {}
