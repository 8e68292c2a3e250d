/**
 * @module The counters and gauges every queue reports, labelled by exporter.
 */
import type { SelfMetrics } from '../self/self-metrics.js';
import type { QueueStats } from './batch-queue.js';
import { addGaugeSource } from './gauge-sources.js';
import { type Log, rateLimitedLog, stderrLog } from './log.js';

export interface QueueContext {
  /** The exporter (or failover group) this queue feeds. */
  name: string;
  metrics?: SelfMetrics;
  log?: Log;
}

export class QueueMetrics {
  readonly refused: (by?: number) => void;
  readonly corrupt: (by?: number) => void;
  private readonly drops = new Map<string, (by?: number) => void>();
  private readonly dropLog: Log;
  private readonly removeGauges: (() => void)[];

  constructor(
    private readonly context: QueueContext,
    stats: () => QueueStats,
  ) {
    const { name, metrics } = context;
    const labels = { exporter: name };
    this.refused =
      metrics?.counter(
        'switchyard_queue_refused_requests_total',
        'Requests refused because a queue was full',
        labels,
      ) ?? noop;
    this.corrupt =
      metrics?.counter(
        'switchyard_queue_corrupt_records_total',
        'Damaged durable-queue records skipped on recovery or read',
        labels,
      ) ?? noop;
    this.dropLog = rateLimitedLog(context.log ?? stderrLog);
    this.removeGauges = [
      addGaugeSource(metrics, 'switchyard_queue_items', 'Items queued for an exporter', () => [
        { labels, value: stats().items },
      ]),
      addGaugeSource(metrics, 'switchyard_queue_bytes', 'Encoded bytes queued for an exporter', () => [
        { labels, value: stats().bytes },
      ]),
    ];
  }

  /** Counts and logs (rate-limited) items dropped without delivery. */
  dropped(items: number, reason: string): void {
    let c = this.drops.get(reason);
    if (!c) {
      c =
        this.context.metrics?.counter(
          'switchyard_exporter_dropped_items_total',
          'Items dropped without delivery',
          {
            exporter: this.context.name,
            reason,
          },
        ) ?? noop;
      this.drops.set(reason, c);
    }
    c(items);
    this.dropLog(`queue ${this.context.name}: dropped ${items} items (${reason})`);
  }

  unregister(): void {
    for (const r of this.removeGauges) r();
  }
}

function noop(): void {}
