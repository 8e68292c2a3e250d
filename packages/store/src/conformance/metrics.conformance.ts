/** @module TelemetryStore conformance: metrics (test-only). */
import { describe, expect, it } from 'vitest';
import type { ConformanceEnv } from '../telemetry-store.conformance.js';
import { histogramPoint, MS, metric, numberPoint, resource, SEC, T0 } from '../telemetry-store.fixtures.js';

export function metricsConformance(env: ConformanceEnv): void {
  describe('metrics', () => {
    it('returns gauge values per series with service and attribute labels', async () => {
      const store = env.store;
      const data = {
        type: 'gauge' as const,
        dataPoints: [
          numberPoint(T0, 1.5, { host: 'a' }),
          numberPoint(T0 + SEC, 2.5, { host: 'a' }),
          numberPoint(T0, 7n, { host: 'b' }),
        ],
      };
      await store.append(metric(resource('api'), 'cpu', data, '1'));
      const series = await store.queryMetrics({ name: 'cpu' });
      const byHost = Object.fromEntries(series.map((s) => [s.labels.host, s]));
      expect(byHost.a?.labels).toEqual({ service: 'api', host: 'a' });
      expect(byHost.a?.points).toEqual([
        [Number(T0 / MS), 1.5],
        [Number((T0 + SEC) / MS), 2.5],
      ]);
      expect(byHost.b?.points).toEqual([[Number(T0 / MS), 7]]);
      const filtered = await store.queryMetrics({ name: 'cpu', attributes: { host: 'b' } });
      expect(filtered.map((s) => s.labels.host)).toEqual(['b']);
      expect(await store.queryMetrics({ name: 'cpu', service: 'other' })).toEqual([]);
    });

    it('computes a counter rate across a reset, and a delta sum rate', async () => {
      const store = env.store;
      const start = T0 - 100n * SEC;
      const cumulative = {
        type: 'sum' as const,
        aggregationTemporality: 2 as const,
        isMonotonic: true,
        dataPoints: [
          numberPoint(T0, 100n, {}, start),
          numberPoint(T0 + 10n * SEC, 150n, {}, start),
          // process restarted: the counter starts again from 0
          numberPoint(T0 + 20n * SEC, 30n, {}, T0 + 15n * SEC),
          numberPoint(T0 + 30n * SEC, 90n, {}, T0 + 15n * SEC),
        ],
      };
      await store.append(metric(resource('api'), 'requests', cumulative));
      const [rate] = await store.queryMetrics({ name: 'requests', agg: 'rate' });
      expect(rate?.points.map(([, v]) => v)).toEqual([5, 3, 6]);
      const [value] = await store.queryMetrics({ name: 'requests' });
      expect(value?.points.map(([, v]) => v)).toEqual([100, 150, 30, 90]);
      const delta = {
        type: 'sum' as const,
        aggregationTemporality: 1 as const,
        isMonotonic: true,
        dataPoints: [
          numberPoint(T0 + 10n * SEC, 20n, {}, T0),
          numberPoint(T0 + 20n * SEC, 40n, {}, T0 + 10n * SEC),
        ],
      };
      await store.append(metric(resource('api'), 'delta_requests', delta));
      const [drate] = await store.queryMetrics({ name: 'delta_requests', agg: 'rate' });
      expect(drate?.points.map(([, v]) => v)).toEqual([2, 4]);
      const [stepped] = await store.queryMetrics({ name: 'delta_requests', agg: 'rate', stepMs: 60_000 });
      expect(stepped?.points.map(([, v]) => v)).toEqual([3]);
    });

    it('buckets by step with value, sum, avg, min, max, count', async () => {
      const store = env.store;
      const base = (T0 / (60n * SEC)) * 60n * SEC; // aligned to a minute
      const data = {
        type: 'gauge' as const,
        dataPoints: [1, 5, 3].map((v, i) => numberPoint(base + BigInt(i) * 10n * SEC, v + 0.5)),
      };
      await store.append(metric(resource('api'), 'temp', data));
      const at = async (agg: 'value' | 'sum' | 'avg' | 'min' | 'max' | 'count') =>
        (await store.queryMetrics({ name: 'temp', agg, stepMs: 60_000 }))[0]?.points;
      const t = Number(base / MS);
      expect(await at('value')).toEqual([[t, 3.5]]);
      expect(await at('sum')).toEqual([[t, 10.5]]);
      expect(await at('avg')).toEqual([[t, 3.5]]);
      expect(await at('min')).toEqual([[t, 1.5]]);
      expect(await at('max')).toEqual([[t, 5.5]]);
      expect(await at('count')).toEqual([[t, 3]]);
    });

    it('interpolates histogram quantiles over the increase of cumulative buckets', async () => {
      const store = env.store;
      const bounds = [10, 100, 1000];
      const data = {
        type: 'histogram' as const,
        aggregationTemporality: 2 as const,
        dataPoints: [
          histogramPoint(T0, [0n, 0n, 0n, 0n], bounds, 0),
          // 100 observations in (10, 100], 100 in (100, 1000]
          histogramPoint(T0 + 10n * SEC, [0n, 100n, 100n, 0n], bounds, 20_000),
        ],
      };
      await store.append(metric(resource('api'), 'latency', data, 'ms'));
      const q = async (agg: 'p50' | 'p90' | 'p99' | 'avg' | 'count') =>
        (await store.queryMetrics({ name: 'latency', agg }))[0]?.points.map(([, v]) => v).at(-1);
      expect(await q('p50')).toBeCloseTo(100, 9);
      expect(await q('p90')).toBeCloseTo(100 + 900 * 0.8, 9);
      expect(await q('p99')).toBeCloseTo(100 + 900 * 0.98, 9);
      expect(await q('avg')).toBeCloseTo(100, 9);
      expect(await q('count')).toBe(200);
      const names = await store.metricNames();
      expect(names).toEqual([
        { name: 'latency', type: 'histogram', unit: 'ms', description: 'latency help', services: ['api'] },
      ]);
    });
  });
}
