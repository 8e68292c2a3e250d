/** @module TelemetryStore conformance: logs (test-only). */
import { describe, expect, it } from 'vitest';
import type { ConformanceEnv } from '../telemetry-store.conformance.js';
import { log, logs, resource, SCOPE, SEC, spanId, T0, traceId } from '../telemetry-store.fixtures.js';
import type { TelemetryStore } from '../telemetry-store.js';

export function logsConformance(env: ConformanceEnv): void {
  describe('logs', () => {
    it('finds logs by service, severity, text, trace id and time; newest first; bodies exact', async () => {
      const store = env.store;
      await store.append(
        logs(resource('api'), [
          log({ timeUnixNano: T0, body: 'User LOGGED in', severityNumber: 9 }),
          log({
            timeUnixNano: T0 + SEC,
            body: '100% done_now',
            severityNumber: 13,
            traceId: traceId(5),
            spanId: spanId(5),
          }),
          log({
            timeUnixNano: 0n,
            observedTimeUnixNano: T0 + 2n * SEC,
            body: { msg: 'structured', n: 7n },
            severityNumber: 17,
          }),
        ]),
      );
      await store.append(
        logs(resource('db'), [log({ timeUnixNano: T0 + 3n * SEC, body: 'db up', attributes: { k: 1.5 } })]),
      );
      const all = await store.findLogs({ limit: 10 });
      expect(all.map((l) => l.body)).toEqual([
        'db up',
        { msg: 'structured', n: 7n },
        '100% done_now',
        'User LOGGED in',
      ]);
      expect(all[0]?.resource.attributes['service.name']).toBe('db');
      expect(all[0]?.attributes).toEqual({ k: 1.5 });
      expect(all[0]?.scope).toEqual(SCOPE);
      const bodies = async (q: Parameters<TelemetryStore['findLogs']>[0]) =>
        (await store.findLogs(q)).map((l) => l.body);
      expect(await bodies({ limit: 10, service: 'db' })).toEqual(['db up']);
      expect(await bodies({ limit: 10, minSeverity: 13 })).toEqual([
        { msg: 'structured', n: 7n },
        '100% done_now',
      ]);
      expect(await bodies({ limit: 10, text: 'logged' })).toEqual(['User LOGGED in']);
      expect(await bodies({ limit: 10, text: '% done_' })).toEqual(['100% done_now']);
      expect(await bodies({ limit: 10, text: '_' })).toEqual(['100% done_now']);
      expect(await bodies({ limit: 10, text: 'STRUCTURED' })).toEqual([{ msg: 'structured', n: 7n }]);
      expect(await bodies({ limit: 10, traceId: traceId(5) })).toEqual(['100% done_now']);
      expect(await bodies({ limit: 10, startNs: T0 + SEC, endNs: T0 + 2n * SEC })).toEqual([
        { msg: 'structured', n: 7n },
        '100% done_now',
      ]);
      expect(await bodies({ limit: 2 })).toHaveLength(2);
      const [traced] = await store.findLogs({ limit: 1, traceId: traceId(5) });
      expect(traced?.spanId).toBe(spanId(5));
      expect(traced?.timeUnixNano).toBe(T0 + SEC);
    });
  });
}
