import { describe, expect, it } from 'vitest';
import { type ExportResult, permanent, retryable, SUCCESS } from '../component/export-result.js';
import type { Exporter } from '../component/exporter.js';
import { spanBatch } from '../exporters/testing/spans.js';
import { SelfMetrics } from '../self/self-metrics.js';
import { CircuitBreakerExporter, circuitBreakerConfigSchema } from './circuit-breaker.js';

function switchable(): Exporter & { result: ExportResult; calls: number } {
  return {
    name: 'dest',
    result: SUCCESS,
    calls: 0,
    async push() {
      this.calls++;
      return this.result;
    },
    async shutdown() {},
  };
}

function setup() {
  let clock = 1000;
  const inner = switchable();
  const metrics = new SelfMetrics();
  const lines: string[] = [];
  const breaker = new CircuitBreakerExporter(
    inner,
    circuitBreakerConfigSchema.parse({ failureThreshold: 3, coolDownMs: 500 }),
    { metrics, log: (l) => lines.push(l), now: () => clock },
  );
  return { inner, breaker, metrics, lines, advance: (ms: number) => (clock += ms) };
}

const batch = spanBatch(1, 1);

describe('CircuitBreakerExporter', () => {
  it('opens after N consecutive retryable failures and then fails fast without calling the destination', async () => {
    const { inner, breaker, metrics } = setup();
    inner.result = retryable('503');
    for (let i = 0; i < 3; i++) await breaker.push(batch);
    expect(breaker.state).toBe('open');
    const r = await breaker.push(batch);
    expect(r).toEqual({ kind: 'retryable', message: 'dest: circuit open', retryAfterMs: 500 });
    expect(inner.calls).toBe(3);
    expect(metrics.value('switchyard_exporter_circuit_state', { exporter: 'dest' })).toBe(2);
  });

  it('lets one probe through after the cool-down and closes when it succeeds', async () => {
    const { inner, breaker, metrics, advance } = setup();
    inner.result = retryable('503');
    for (let i = 0; i < 3; i++) await breaker.push(batch);
    advance(500);
    expect(breaker.state).toBe('half_open');
    inner.result = SUCCESS;
    expect(await breaker.push(batch)).toEqual(SUCCESS);
    expect(breaker.state).toBe('closed');
    expect(
      metrics.value('switchyard_exporter_circuit_transitions_total', { exporter: 'dest', to: 'closed' }),
    ).toBe(1);
  });

  it('re-opens for another cool-down when the probe fails', async () => {
    const { inner, breaker, advance } = setup();
    inner.result = retryable('503');
    for (let i = 0; i < 3; i++) await breaker.push(batch);
    advance(600);
    await breaker.push(batch);
    expect(breaker.state).toBe('open');
    expect(breaker.canAttempt()).toBe(false);
    advance(500);
    expect(breaker.canAttempt()).toBe(true);
  });

  it('does not trip on permanent failures, and a success resets the failure count', async () => {
    const { inner, breaker } = setup();
    inner.result = permanent('400');
    for (let i = 0; i < 5; i++) await breaker.push(batch);
    inner.result = retryable('503');
    await breaker.push(batch);
    await breaker.push(batch);
    inner.result = SUCCESS;
    await breaker.push(batch);
    inner.result = retryable('503');
    await breaker.push(batch);
    await breaker.push(batch);
    expect(breaker.state).toBe('closed');
  });

  it('reports state changes to listeners', async () => {
    const { inner, breaker, advance } = setup();
    const seen: string[] = [];
    breaker.onStateChange((s) => seen.push(s));
    inner.result = retryable('503');
    for (let i = 0; i < 3; i++) await breaker.push(batch);
    advance(500);
    inner.result = SUCCESS;
    await breaker.push(batch);
    expect(seen).toEqual(['open', 'half_open', 'closed']);
  });
  it('logs the opening once and then only the 1st, 10th, 100th failed probe of a long outage', async () => {
    const { inner, breaker, lines, advance } = setup();
    inner.result = retryable('503');
    for (let i = 0; i < 3; i++) await breaker.push(batch);
    for (let probe = 0; probe < 25; probe++) {
      advance(500);
      await breaker.push(batch);
      expect(breaker.state).toBe('open');
    }
    expect(lines).toEqual([
      'exporter dest: circuit opened after 3 failures (last: 503)',
      'exporter dest: circuit stays open, 1 probe(s) failed (last: 503)',
      'exporter dest: circuit stays open, 10 probe(s) failed (last: 503)',
    ]);
    inner.result = SUCCESS;
    advance(500);
    await breaker.push(batch);
    expect(lines.at(-1)).toBe('exporter dest: circuit closed, destination recovered');
  });
});
