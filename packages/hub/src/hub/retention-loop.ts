/**
 * @module Enforces the store's retention policy periodically while the hub runs.
 */
import type { SelfMetrics } from '@switchyard/pipeline';
import type { RetentionPolicy, TelemetryStore } from '@switchyard/store';

export class RetentionLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly deleted: Record<'spans' | 'logs' | 'points', (n?: number) => void>;

  constructor(
    private readonly store: TelemetryStore,
    private readonly policy: RetentionPolicy,
    private readonly intervalMs: number,
    metrics: SelfMetrics,
    private readonly log: (line: string) => void,
  ) {
    const help = 'Items deleted by retention';
    this.deleted = {
      spans: metrics.counter('switchyard_retention_deleted_total', help, { signal: 'traces' }),
      logs: metrics.counter('switchyard_retention_deleted_total', help, { signal: 'logs' }),
      points: metrics.counter('switchyard_retention_deleted_total', help, { signal: 'metrics' }),
    };
  }

  start(): void {
    if (this.policy.maxAgeMs === undefined && this.policy.maxBytes === undefined) return;
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.runOnce().finally(() => (this.running = undefined));
    }, this.intervalMs);
    this.timer.unref();
  }

  async runOnce(): Promise<void> {
    try {
      const r = await this.store.enforceRetention(this.policy);
      this.deleted.spans(r.deletedSpans);
      this.deleted.logs(r.deletedLogs);
      this.deleted.points(r.deletedPoints);
    } catch (err) {
      this.log(`retention failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
