/** @module TelemetryStore conformance: durability and retention (test-only). */
import { describe, expect, it } from 'vitest';
import type { ConformanceEnv } from '../telemetry-store.conformance.js';
import {
  log,
  logs,
  MS,
  metric,
  numberPoint,
  resource,
  SCOPE,
  SEC,
  span,
  spanId,
  T0,
  traceId,
  traces,
} from '../telemetry-store.fixtures.js';

export function durabilityConformance(env: ConformanceEnv): void {
  describe('durability and retention', () => {
    it('keeps data across close and reopen; close is idempotent', async () => {
      let store = env.store;
      await store.append(
        traces(resource('api', { big: 2n ** 62n }), [span({ traceId: traceId(7), spanId: spanId(1) })]),
      );
      await store.recordChangeEvent({
        timeUnixNano: T0,
        kind: 'deployment',
        service: 'api',
        description: 'd',
        attributes: {},
      });
      store = await env.reopen();
      const [s] = await store.getTrace(traceId(7));
      expect(s?.resource.attributes.big).toBe(2n ** 62n);
      expect(s?.scope).toEqual(SCOPE);
      expect(await store.changeEvents({ limit: 5 })).toHaveLength(1);
      // a new resource after reopen gets a fresh id, the old one is reused
      await store.append(
        traces(resource('api', { big: 2n ** 62n }), [span({ traceId: traceId(8), spanId: spanId(1) })]),
      );
      await store.append(traces(resource('web'), [span({ traceId: traceId(9), spanId: spanId(1) })]));
      expect((await store.getTrace(traceId(8)))[0]?.resource.attributes.big).toBe(2n ** 62n);
      expect((await store.getTrace(traceId(9)))[0]?.resource.attributes['service.name']).toBe('web');
      await store.close();
      await store.close();
    });

    it('deletes data older than maxAgeMs', async () => {
      const store = env.store;
      const now = BigInt(Date.now()) * MS;
      const old = now - 3_600n * SEC;
      await store.append(
        traces(resource('api'), [
          span({
            traceId: traceId(1),
            spanId: spanId(1),
            startTimeUnixNano: old,
            endTimeUnixNano: old + 1n,
          }),
          span({
            traceId: traceId(2),
            spanId: spanId(1),
            startTimeUnixNano: now,
            endTimeUnixNano: now + 1n,
          }),
        ]),
      );
      await store.append(logs(resource('api'), [log({ timeUnixNano: old }), log({ timeUnixNano: now })]));
      await store.append(
        metric(resource('api'), 'g', {
          type: 'gauge',
          dataPoints: [numberPoint(old, 1n), numberPoint(now, 2n)],
        }),
      );
      const result = await store.enforceRetention({ maxAgeMs: 60_000 });
      expect(result).toEqual({ deletedSpans: 1, deletedLogs: 1, deletedPoints: 1 });
      expect(await store.getTrace(traceId(1))).toEqual([]);
      expect(await store.getTrace(traceId(2))).toHaveLength(1);
    });

    it('deletes the oldest data until under maxBytes', async () => {
      const store = env.store;
      // Enough rows for several DuckDB row groups (space is reclaimed a row group at a time).
      const res = resource('bulk');
      const batches = 6;
      const perBatch = 50_000;
      for (let b = 0; b < batches; b++) {
        const spans = Array.from({ length: perBatch }, (_, i) =>
          span({
            traceId: traceId(b * perBatch + i),
            spanId: spanId(1),
            startTimeUnixNano: T0 + BigInt(b) * SEC + BigInt(i),
            attributes: { i: BigInt(i) },
          }),
        );
        await store.append(traces(res, spans));
      }
      await store.enforceRetention({}); // settles the write-ahead log so sizes compare like for like
      const before = await store.stats();
      const limit = Math.floor(before.bytes / 2);
      const result = await store.enforceRetention({ maxBytes: limit });
      const after = await store.stats();
      expect(result.deletedSpans).toBeGreaterThan(0);
      expect(result.deletedSpans).toBeLessThan(before.spans);
      expect(after.bytes).toBeLessThanOrEqual(limit);
      expect(after.spans).toBe(before.spans - result.deletedSpans);
      // the newest data is what survives
      expect(await store.getTrace(traceId(batches * perBatch - 1))).toHaveLength(1);
      expect(await store.getTrace(traceId(0))).toEqual([]);
    });
  });
}
