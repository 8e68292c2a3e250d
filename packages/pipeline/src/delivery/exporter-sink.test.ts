import type { TelemetryBatch } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { type ExportResult, permanent, retryable, SUCCESS } from '../component/export-result.js';
import type { Exporter } from '../component/exporter.js';
import { SelfMetrics } from '../self/self-metrics.js';
import { ExporterSink } from './exporter-sink.js';
import { backoffDelayMs, retryPolicySchema } from './retry-policy.js';

const batch: TelemetryBatch = { signal: 'logs', data: { resourceLogs: [] } };

function scripted(results: ExportResult[]): Exporter & { calls: number[] } {
  const calls: number[] = [];
  return {
    name: 'scripted',
    calls,
    async push() {
      calls.push(Date.now());
      return results.shift() ?? SUCCESS;
    },
    async shutdown() {},
  };
}

describe('ExporterSink', () => {
  it('retries retryable failures and honours Retry-After', async () => {
    const exp = scripted([retryable('503', 120), SUCCESS]);
    const sink = new ExporterSink(exp, {
      timeoutMs: 1000,
      retry: retryPolicySchema.parse({ initialIntervalMs: 5 }),
    });
    expect((await sink.consume(batch)).kind).toBe('accepted');
    expect(exp.calls).toHaveLength(2);
    expect(exp.calls[1]! - exp.calls[0]!).toBeGreaterThanOrEqual(110);
  });

  it('does not retry a permanent failure and counts the failed items', async () => {
    const exp = scripted([permanent('400 bad request')]);
    const metrics = new SelfMetrics();
    const sink = new ExporterSink(exp, { timeoutMs: 1000, retry: retryPolicySchema.parse({}), metrics });
    expect(await sink.consume(batch)).toEqual({ kind: 'failed', message: '400 bad request' });
    expect(exp.calls).toHaveLength(1);
    expect(metrics.renderPrometheus()).toContain(
      'switchyard_exporter_failed_items_total{exporter="scripted"} 0',
    );
  });

  it('times out a push that never settles', async () => {
    const exp: Exporter = { name: 'hang', push: () => new Promise(() => {}), shutdown: async () => {} };
    const sink = new ExporterSink(exp, { timeoutMs: 30, retry: retryPolicySchema.parse({ enabled: false }) });
    const r = await sink.consume(batch);
    expect(r.kind).toBe('failed');
    expect(r.kind === 'failed' && r.message).toContain('timed out');
  });
});

describe('backoffDelayMs', () => {
  const policy = retryPolicySchema.parse({ initialIntervalMs: 100, maxIntervalMs: 1000 });
  it('grows exponentially with jitter and is capped', () => {
    expect(backoffDelayMs(policy, 1, undefined, () => 1)).toBe(100);
    expect(backoffDelayMs(policy, 3, undefined, () => 1)).toBe(400);
    expect(backoffDelayMs(policy, 10, undefined, () => 1)).toBe(1000);
    expect(backoffDelayMs(policy, 3, undefined, () => 0)).toBe(200);
  });
  it('prefers Retry-After, capped at the maximum interval', () => {
    expect(backoffDelayMs(policy, 1, 700)).toBe(700);
    expect(backoffDelayMs(policy, 1, 5000)).toBe(1000);
  });
});
