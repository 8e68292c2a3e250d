/** @module TelemetryStore conformance: traces (test-only). */
import { describe, expect, it } from 'vitest';
import type { ConformanceEnv } from '../telemetry-store.conformance.js';
import { MS, resource, SCOPE, SEC, span, spanId, T0, traceId, traces } from '../telemetry-store.fixtures.js';
import type { TelemetryStore } from '../telemetry-store.js';

export function tracesConformance(env: ConformanceEnv): void {
  describe('traces', () => {
    it('reads back a trace exactly: events, links, status, resource, scope, ordered by start', async () => {
      const store = env.store;
      const res = resource('checkout', { 'host.name': 'h1', 'process.pid': 42n });
      const child = span({
        traceId: traceId(1),
        spanId: spanId(2),
        parentSpanId: spanId(1),
        name: 'db.query',
        kind: 3,
        startTimeUnixNano: T0 + 1n,
        endTimeUnixNano: T0 + 5n * MS,
        status: { code: 2, message: 'boom' },
        attributes: { 'db.statement': 'SELECT 1', rows: 3n },
        events: [
          {
            timeUnixNano: T0 + 2n,
            name: 'exception',
            attributes: { 'exception.type': 'E' },
            droppedAttributesCount: 1,
          },
        ],
        links: [
          {
            traceId: traceId(9),
            spanId: spanId(9),
            traceState: 'k=v',
            attributes: { l: true },
            droppedAttributesCount: 0,
            flags: 1,
          },
        ],
        droppedEventsCount: 2,
        droppedLinksCount: 3,
        droppedAttributesCount: 4,
        traceState: 'a=b',
      });
      const root = span({ traceId: traceId(1), spanId: spanId(1), name: 'GET /cart' });
      await store.append(traces(res, [child, root]));
      const got = await store.getTrace(traceId(1));
      expect(got.map((s) => s.spanId)).toEqual([spanId(1), spanId(2)]);
      expect(got[1]).toEqual({ ...child, resource: res, scope: SCOPE });
      expect(got[0]).toEqual({ ...root, resource: res, scope: SCOPE });
      expect(await store.getTrace(traceId(404))).toEqual([]);
    });

    it('keeps ns timestamps above 2^53, int vs double, big ints, NaN, bytes, arrays and kvlists', async () => {
      const store = env.store;
      const attributes = {
        int: 5n,
        double: 5,
        frac: 0.1,
        max: 9_223_372_036_854_775_807n,
        min: -9_223_372_036_854_775_808n,
        nan: Number.NaN,
        inf: Number.NEGATIVE_INFINITY,
        bytes: new Uint8Array([0, 1, 254]),
        arr: [1n, 'two', 3.5, [false]],
        kv: { nested: { deep: 1n }, list: [] },
        empty: null,
        text: 'line\nbreak\ttab "quoted" \\ \u0002\u001f',
      };
      const s = span({
        traceId: traceId(2),
        spanId: spanId(1),
        startTimeUnixNano: T0 + 1n,
        endTimeUnixNano: T0 + 999n,
        attributes,
        name: 'name\nwith\u001fcontrol',
      });
      await store.append(traces(resource('exact'), [s]));
      const [got] = await store.getTrace(traceId(2));
      expect(got?.startTimeUnixNano).toBe(1_700_000_000_123_456_790n);
      expect(got?.endTimeUnixNano).toBe(T0 + 999n);
      expect(got?.name).toBe('name\nwith\u001fcontrol');
      expect(got?.attributes).toEqual(attributes);
      expect(typeof got?.attributes.int).toBe('bigint');
      expect(typeof got?.attributes.double).toBe('number');
      expect(Object.is(got?.attributes.double, 5)).toBe(true);
    });

    it('finds traces by service, operation, status, duration, time, attributes; newest first', async () => {
      const store = env.store;
      const a = resource('api', { 'deployment.environment': 'prod' });
      const b = resource('db');
      await store.append(
        traces(a, [
          span({
            traceId: traceId(10),
            spanId: spanId(1),
            name: 'GET /a',
            startTimeUnixNano: T0,
            endTimeUnixNano: T0 + 100n * MS,
          }),
          span({
            traceId: traceId(11),
            spanId: spanId(1),
            name: 'GET /b',
            startTimeUnixNano: T0 + SEC,
            endTimeUnixNano: T0 + SEC + 5n * MS,
            attributes: { 'http.route': '/b', code: 200n },
          }),
          span({
            traceId: traceId(12),
            spanId: spanId(1),
            name: 'GET /c',
            startTimeUnixNano: T0 + 2n * SEC,
            endTimeUnixNano: T0 + 2n * SEC + 50n * MS,
          }),
        ]),
      );
      await store.append(
        traces(b, [
          span({
            traceId: traceId(10),
            spanId: spanId(2),
            parentSpanId: spanId(1),
            name: 'SELECT',
            startTimeUnixNano: T0 + MS,
            endTimeUnixNano: T0 + 300n * MS,
            status: { code: 2, message: 'x' },
          }),
        ]),
      );
      const all = await store.findTraces({ limit: 10 });
      expect(all.map((t) => t.traceId)).toEqual([traceId(12), traceId(11), traceId(10)]);
      const t10 = all[2]!;
      expect(t10).toEqual({
        traceId: traceId(10),
        rootService: 'api',
        rootName: 'GET /a',
        startTimeUnixNano: T0,
        durationNs: 300n * MS,
        spanCount: 2,
        errorCount: 1,
        services: ['api', 'db'],
      });
      const ids = async (q: Parameters<TelemetryStore['findTraces']>[0]) =>
        (await store.findTraces(q)).map((t) => t.traceId);
      expect(await ids({ limit: 10, service: 'db' })).toEqual([traceId(10)]);
      expect(await ids({ limit: 10, operation: 'GET /b' })).toEqual([traceId(11)]);
      expect(await ids({ limit: 10, status: 'error' })).toEqual([traceId(10)]);
      expect(await ids({ limit: 10, status: 'ok' })).toEqual([traceId(12), traceId(11)]);
      expect(await ids({ limit: 10, minDurationNs: 40n * MS })).toEqual([traceId(12), traceId(10)]);
      expect(await ids({ limit: 10, maxDurationNs: 60n * MS })).toEqual([traceId(12), traceId(11)]);
      expect(await ids({ limit: 10, startNs: T0 + SEC, endNs: T0 + SEC })).toEqual([traceId(11)]);
      expect(await ids({ limit: 10, attributes: { 'http.route': '/b' } })).toEqual([traceId(11)]);
      expect(await ids({ limit: 10, attributes: { code: '200' } })).toEqual([traceId(11)]);
      expect(await ids({ limit: 10, attributes: { 'deployment.environment': 'prod' } })).toEqual([
        traceId(12),
        traceId(11),
        traceId(10),
      ]);
      expect(await ids({ limit: 10, attributes: { "x' OR 1=1 --": 'y' } })).toEqual([]);
      expect(await ids({ limit: 1 })).toEqual([traceId(12)]);
    });
  });
}
