import type { TelemetryBatch } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { ACCEPTED, type Consumer } from '../component/consumer.js';
import { spanBatch } from '../exporters/testing/spans.js';
import { SelfMetrics } from '../self/self-metrics.js';
import { SpanMetricsConnector, spanMetricsConfigSchema } from './span-metrics.js';

function recorder(): Consumer & { batches: TelemetryBatch[] } {
  const batches: TelemetryBatch[] = [];
  return {
    batches,
    consume: async (b) => {
      batches.push(b);
      return ACCEPTED;
    },
  };
}

function withDurations(first: number, durationsMs: number[], service: string, error = false): TelemetryBatch {
  const b = spanBatch(first, durationsMs.length, service);
  if (b.signal !== 'traces') throw new Error('traces');
  b.data.resourceSpans[0]!.scopeSpans[0]!.spans.forEach((s, i) => {
    s.name = 'GET /cart';
    s.endTimeUnixNano = s.startTimeUnixNano + BigInt(durationsMs[i]! * 1e6);
    if (error) s.status = { code: 2, message: 'boom' };
  });
  return b;
}

describe('SpanMetricsConnector', () => {
  it('passes spans through and derives calls and duration per service, operation, kind and status', async () => {
    const traces = recorder();
    const metricsOut = recorder();
    const c = new SpanMetricsConnector(
      spanMetricsConfigSchema.parse({ bucketsMs: [10, 100] }),
      traces,
      metricsOut,
    );
    await c.consume(withDurations(1, [5, 50, 500], 'cart'), 1);
    await c.consume(withDurations(10, [20], 'cart', true), 1);
    await c.consume(withDurations(20, [1], 'ledger'), 1);
    await c.shutdown();
    expect(traces.batches).toHaveLength(3);
    const out = metricsOut.batches[0] as Extract<TelemetryBatch, { signal: 'metrics' }>;
    const cart = out.data.resourceMetrics.find((rm) => rm.resource.attributes['service.name'] === 'cart')!;
    const [calls, duration] = cart.scopeMetrics[0]!.metrics;
    expect(calls!.data).toMatchObject({ type: 'sum', isMonotonic: true, aggregationTemporality: 2 });
    const callPoints = calls!.data!.dataPoints.map((p) => [
      p.attributes.status_code,
      (p as { value: bigint }).value,
    ]);
    expect(callPoints).toEqual([
      ['STATUS_CODE_UNSET', 3n],
      ['STATUS_CODE_ERROR', 1n],
    ]);
    expect(calls!.data!.dataPoints[0]!.attributes).toEqual({
      span_name: 'GET /cart',
      span_kind: 'SPAN_KIND_SERVER',
      status_code: 'STATUS_CODE_UNSET',
    });
    expect(duration!.data!.dataPoints[0]).toMatchObject({
      count: 3n,
      sum: 555,
      bucketCounts: [1n, 1n, 1n],
      explicitBounds: [10, 100],
    });
    expect(out.data.resourceMetrics).toHaveLength(2);
  });

  it('folds series past maxSeries into one overflow series per service, counted', () => {
    const self = new SelfMetrics();
    const c = new SpanMetricsConnector(
      spanMetricsConfigSchema.parse({ maxSeries: 2 }),
      recorder(),
      recorder(),
      self,
    );
    void c.consume(spanBatch(0, 7, 'api'), 1); // span names op-0 … op-6
    const snap = c.snapshot() as Extract<TelemetryBatch, { signal: 'metrics' }>;
    void c.shutdown();
    const points = snap.data.resourceMetrics[0]!.scopeMetrics[0]!.metrics[0]!.data!.dataPoints;
    expect(points.map((p) => p.attributes)).toEqual([
      { span_name: 'op-0', span_kind: 'SPAN_KIND_SERVER', status_code: 'STATUS_CODE_UNSET' },
      { span_name: 'op-1', span_kind: 'SPAN_KIND_SERVER', status_code: 'STATUS_CODE_UNSET' },
      { 'otel.metric.overflow': true },
    ]);
    expect((points[2] as { value: bigint }).value).toBe(5n);
    expect(self.value('switchyard_span_metrics_overflow_total')).toBe(5);
  });
});
