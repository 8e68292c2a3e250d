/** @module TelemetryStore conformance: catalogue, change events and stats (test-only). */
import { describe, expect, it } from 'vitest';
import type { ConformanceEnv } from '../telemetry-store.conformance.js';
import {
  log,
  logs,
  metric,
  numberPoint,
  resource,
  SEC,
  span,
  spanId,
  T0,
  traceId,
  traces,
} from '../telemetry-store.fixtures.js';

export function catalogConformance(env: ConformanceEnv): void {
  describe('catalogue, change events and stats', () => {
    it('summarises services and lists metric names per service', async () => {
      const store = env.store;
      await store.append(
        traces(resource('api'), [
          span({ traceId: traceId(1), spanId: spanId(1), endTimeUnixNano: T0 + 5n }),
          span({
            traceId: traceId(1),
            spanId: spanId(2),
            status: { code: 2, message: '' },
            endTimeUnixNano: T0 + 9n,
          }),
        ]),
      );
      await store.append(logs(resource('api'), [log({ timeUnixNano: T0 + 20n })]));
      await store.append(logs(resource('worker'), [log({ timeUnixNano: T0 })]));
      await store.append(
        metric(resource('worker'), 'jobs', { type: 'gauge', dataPoints: [numberPoint(T0 + 50n, 1n)] }),
      );
      expect(await store.services()).toEqual([
        { name: 'api', spanCount: 2, errorCount: 1, logCount: 1, lastSeenUnixNano: T0 + 20n },
        { name: 'worker', spanCount: 0, errorCount: 0, logCount: 1, lastSeenUnixNano: T0 + 50n },
      ]);
      expect((await store.metricNames('worker')).map((m) => m.name)).toEqual(['jobs']);
      expect(await store.metricNames('api')).toEqual([]);
    });

    it('records change events with generated ids and filters them', async () => {
      const store = env.store;
      const a = await store.recordChangeEvent({
        timeUnixNano: T0,
        kind: 'deployment',
        service: 'api',
        description: 'v2',
        attributes: { version: '2' },
      });
      expect(a.id).toMatch(/.+/);
      const b = await store.recordChangeEvent({
        id: 'fixed',
        timeUnixNano: T0 + SEC,
        kind: 'config',
        service: 'db',
        description: 'pool size',
        attributes: {},
      });
      expect(b.id).toBe('fixed');
      expect(await store.changeEvents({ limit: 10 })).toEqual([b, a]);
      expect(await store.changeEvents({ limit: 10, service: 'api' })).toEqual([a]);
      expect(await store.changeEvents({ limit: 10, kind: 'config' })).toEqual([b]);
      expect(await store.changeEvents({ limit: 10, startNs: T0 + 1n })).toEqual([b]);
    });

    it('coalesces concurrent appends and counts what it holds', async () => {
      const store = env.store;
      const res = resource('load');
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          store.append(
            traces(res, [
              span({ traceId: traceId(1000 + i), spanId: spanId(1) }),
              span({ traceId: traceId(1000 + i), spanId: spanId(2) }),
            ]),
          ),
        ),
      );
      const stats = await store.stats();
      expect(stats.spans).toBe(100);
      expect(stats.logs).toBe(0);
      expect(stats.points).toBe(0);
      expect(stats.bytes).toBeGreaterThan(0);
    });
  });
}
