/**
 * @module A failover group as one Exporter: pushes go to the most preferred member whose circuit allows an
 * attempt. When a push fails and that failure opens the member's circuit, the same batch is offered to
 * the next member at once (failover does not wait out retries); when the preferred member's cool-down
 * ends, its probe is the next push, and a success there brings traffic back.
 */
import type { TelemetryBatch } from '@switchyard/core';
import { type ExportResult, retryable } from '../component/export-result.js';
import type { Exporter } from '../component/exporter.js';
import type { CircuitBreakerExporter } from '../delivery/circuit-breaker.js';
import { addGaugeSource } from '../queue/gauge-sources.js';
import { type Log, stderrLog } from '../queue/log.js';
import type { SelfMetrics } from '../self/self-metrics.js';

export class FailoverExporter implements Exporter {
  private lastServed: string | undefined;
  private readonly removeGauge: () => void;
  private readonly log: Log;

  constructor(
    readonly name: string,
    private readonly members: readonly CircuitBreakerExporter[],
    options: { metrics?: SelfMetrics; log?: Log } = {},
  ) {
    this.log = options.log ?? stderrLog;
    this.removeGauge = addGaugeSource(
      options.metrics,
      'switchyard_failover_active',
      'Member of a failover group currently receiving traffic (1) or not (0)',
      () =>
        members.map((m) => ({
          labels: { group: name, exporter: m.name },
          value: m.name === this.active ? 1 : 0,
        })),
    );
  }

  /** The member the next push goes to (the preferred one when every circuit is open). */
  get active(): string {
    return (this.members.find((m) => m.canAttempt()) ?? this.members[0]!).name;
  }

  async push(batch: TelemetryBatch, signal?: AbortSignal): Promise<ExportResult> {
    let last: ExportResult | undefined;
    for (const m of this.members) {
      if (!m.canAttempt()) continue;
      const r = await m.push(batch, signal);
      if (r.kind !== 'retryable') {
        this.served(m.name);
        return r;
      }
      last = r;
      // Still closed: an ordinary failure, retried later on the same member. Just opened: move on now.
      if (m.canAttempt() || signal?.aborted) return r;
    }
    return last ?? retryable(`${this.name}: every member's circuit is open`);
  }

  private served(member: string): void {
    if (member === this.lastServed) return;
    if (this.lastServed !== undefined) this.log(`failover group ${this.name}: now sending to ${member}`);
    this.lastServed = member;
  }

  async shutdown(): Promise<void> {
    this.removeGauge();
    await Promise.all(this.members.map((m) => m.shutdown()));
  }
}
