import type { TelemetryBatch } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import type { ConsumeResult, Consumer } from '../component/consumer.js';
import { SelfMetrics } from '../self/self-metrics.js';
import { MemoryLimiter } from './memory-limiter.js';

const batch: TelemetryBatch = { signal: 'logs', data: { resourceLogs: [] } };

class Gate implements Consumer {
  release: () => void = () => {};
  consume(): Promise<ConsumeResult> {
    return new Promise((resolve) => {
      this.release = () => resolve({ kind: 'accepted' });
    });
  }
}

describe('MemoryLimiter', () => {
  it('refuses with 429 and Retry-After when in-flight bytes would exceed the limit, and counts it', async () => {
    const gate = new Gate();
    const metrics = new SelfMetrics();
    const ml = new MemoryLimiter(
      { maxInFlightBytes: 1000, maxHeapMiB: 100_000, checkIntervalMs: 1000, retryAfterMs: 2000 },
      gate,
      metrics,
    );
    const first = ml.consume(batch, 800);
    const second = await ml.consume(batch, 300);
    expect(second).toMatchObject({ kind: 'refused', status: 429, retryAfterMs: 2000 });
    expect(metrics.value('switchyard_refused_requests_total', { reason: 'in_flight' })).toBe(1);
    gate.release();
    expect((await first).kind).toBe('accepted');
    expect(ml.inFlight).toBe(0);
    ml.shutdown();
  });

  it('always admits a single request when nothing is in flight, however large', async () => {
    const ml = new MemoryLimiter(
      { maxInFlightBytes: 10, maxHeapMiB: 100_000, checkIntervalMs: 1000, retryAfterMs: 1 },
      { consume: async () => ({ kind: 'accepted' }) },
    );
    expect((await ml.consume(batch, 10_000)).kind).toBe('accepted');
    ml.shutdown();
  });

  it('refuses with 503 when the heap is above its limit', async () => {
    const ml = new MemoryLimiter(
      { maxInFlightBytes: 1e9, maxHeapMiB: 1, checkIntervalMs: 1000, retryAfterMs: 500 },
      { consume: async () => ({ kind: 'accepted' }) },
    );
    expect(await ml.consume(batch, 1)).toMatchObject({ kind: 'refused', status: 503 });
    ml.shutdown();
  });
});
