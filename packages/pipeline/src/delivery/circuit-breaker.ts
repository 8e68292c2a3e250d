/**
 * @module A circuit breaker around an Exporter: closed → open after N consecutive retryable failures →
 * half-open (one probe) after a cool-down → closed on success. While open, pushes fail fast as retryable, so
 * queues keep their data and failover groups move to the next destination instead of waiting on retries.
 * A permanent failure counts as "the destination answered" and does not trip the breaker.
 */
import type { TelemetryBatch } from '@switchyard/core';
import { z } from 'zod';
import { type ExportResult, retryable } from '../component/export-result.js';
import type { Exporter } from '../component/exporter.js';
import { addGaugeSource } from '../queue/gauge-sources.js';
import { type Log, stderrLog } from '../queue/log.js';
import type { SelfMetrics } from '../self/self-metrics.js';

export const circuitBreakerConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Consecutive retryable failures that open the circuit. */
  failureThreshold: z.number().int().positive().default(5),
  /** Time the circuit stays open before one probe is let through. */
  coolDownMs: z.number().int().positive().default(30_000),
});
export type CircuitBreakerConfig = z.infer<typeof circuitBreakerConfigSchema>;

export type CircuitState = 'closed' | 'open' | 'half_open';
const STATE_VALUE: Record<CircuitState, number> = { closed: 0, half_open: 1, open: 2 };

export interface CircuitBreakerOptions {
  metrics?: SelfMetrics;
  log?: Log;
  now?: () => number;
}

export class CircuitBreakerExporter implements Exporter {
  readonly name: string;
  private current: CircuitState = 'closed';
  private failures = 0;
  /** Probes that failed since the circuit last opened (for rate-limited logging). */
  private failedProbes = 0;
  private openedAt = 0;
  private probing = false;
  private readonly listeners = new Set<(state: CircuitState) => void>();
  private readonly now: () => number;
  private readonly log: Log;
  private readonly metrics: SelfMetrics | undefined;
  private readonly removeGauge: () => void;

  constructor(
    readonly inner: Exporter,
    private readonly config: CircuitBreakerConfig,
    options: CircuitBreakerOptions = {},
  ) {
    this.name = inner.name;
    this.now = options.now ?? Date.now;
    this.log = options.log ?? stderrLog;
    this.metrics = options.metrics;
    this.removeGauge = addGaugeSource(
      options.metrics,
      'switchyard_exporter_circuit_state',
      'Circuit breaker state per exporter: 0 closed, 1 half-open, 2 open',
      () => [{ labels: { exporter: this.name }, value: STATE_VALUE[this.state] }],
    );
  }

  /** The state as of now (an open circuit whose cool-down is over reads as half-open). */
  get state(): CircuitState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.config.coolDownMs) return 'half_open';
    return this.current;
  }

  /** Whether a push now would reach the destination (closed, or a probe is due). */
  canAttempt(): boolean {
    if (!this.config.enabled) return true;
    const s = this.state;
    return s === 'closed' || (s === 'half_open' && !this.probing);
  }

  onStateChange(listener: (state: CircuitState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async push(batch: TelemetryBatch, signal?: AbortSignal): Promise<ExportResult> {
    if (!this.config.enabled) return this.inner.push(batch, signal);
    if (!this.canAttempt()) {
      const wait = Math.max(1, this.config.coolDownMs - (this.now() - this.openedAt));
      return retryable(`${this.name}: circuit open`, this.probing ? undefined : wait);
    }
    const probe = this.state === 'half_open';
    if (probe) {
      this.probing = true;
      this.transition('half_open');
    }
    try {
      const r = await this.inner.push(batch, signal);
      if (r.kind === 'retryable') this.recordFailure(probe, r.message);
      else this.recordSuccess();
      return r;
    } finally {
      if (probe) this.probing = false;
    }
  }

  private recordFailure(probe: boolean, message: string): void {
    this.failures++;
    if (probe || (this.current === 'closed' && this.failures >= this.config.failureThreshold)) {
      this.openedAt = this.now();
      const reopened = this.current === 'half_open';
      if (this.transition('open')) {
        if (!reopened) {
          this.failedProbes = 0;
          this.log(
            `exporter ${this.name}: circuit opened after ${this.failures} failures (last: ${message})`,
          );
        } else if (isPowerOfTen(++this.failedProbes)) {
          // A long outage fails a probe every cool-down: log the 1st, 10th, 100th… not every one.
          this.log(
            `exporter ${this.name}: circuit stays open, ${this.failedProbes} probe(s) failed (last: ${message})`,
          );
        }
      }
    }
  }

  private recordSuccess(): void {
    this.failures = 0;
    this.failedProbes = 0;
    if (this.transition('closed')) this.log(`exporter ${this.name}: circuit closed, destination recovered`);
  }

  private transition(to: CircuitState): boolean {
    if (this.current === to) return false;
    this.current = to;
    this.metrics?.counter(
      'switchyard_exporter_circuit_transitions_total',
      'Circuit breaker state changes per exporter',
      { exporter: this.name, to },
    )();
    for (const l of this.listeners) l(to);
    return true;
  }

  async shutdown(): Promise<void> {
    this.removeGauge();
    await this.inner.shutdown();
  }
}

function isPowerOfTen(n: number): boolean {
  let x = n;
  while (x >= 10 && x % 10 === 0) x /= 10;
  return x === 1;
}
