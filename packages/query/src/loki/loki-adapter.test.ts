import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_GUARDRAILS } from '../http/guardrails.js';
import { HttpClient } from '../http/http-client.js';
import { parseUnifiedQuery } from '../model/parse-query.js';
import { type Loopback, startLoopback } from '../testing/loopback-server.js';
import { LokiAdapter } from './loki-adapter.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function make(
  url: string,
  minePatterns?: (r: readonly { body: string }[]) => { pattern: string; count: number }[],
) {
  return new LokiAdapter({
    source: { name: 'loki', type: 'loki' },
    http: new HttpClient({
      baseUrl: url,
      headers: { 'X-Scope-OrgID': 'tenant-1' },
      timeoutMs: 5000,
      maxResponseBytes: 1 << 20,
    }),
    guardrails: DEFAULT_GUARDRAILS,
    minePatterns,
  });
}

const tNs = (ms: number) => `${ms}000000`;
const streams = {
  status: 'success',
  data: {
    resultType: 'streams',
    result: [
      {
        stream: { service_name: 'checkout', detected_level: 'error' },
        values: [
          [tNs(NOW - 1000), 'payment timeout after 3000ms'],
          [tNs(NOW - 3000), 'payment timeout after 2000ms'],
        ],
      },
      {
        stream: { service_name: 'checkout', level: 'WARNING', trace_id: 'abc' },
        values: [[tNs(NOW - 2000), 'slow timeout warning']],
      },
    ],
    stats: {},
  },
};

describe('LokiAdapter', () => {
  it('runs query_range backward with the limit, merges streams newest first, and fetches patterns', async () => {
    server = await startLoopback({
      'GET /loki/api/v1/query_range': { json: streams },
      'GET /loki/api/v1/patterns': {
        json: {
          status: 'success',
          data: [
            {
              pattern: 'payment timeout after <_>ms',
              samples: [
                [1714564740, 2],
                [1714564800, 1],
              ],
            },
            { pattern: 'slow <_> warning', samples: [[1714564800, 1]] },
          ],
        },
      },
    });
    const r = await make(server.url).query(
      parseUnifiedQuery({
        signal: 'logs',
        service: 'checkout',
        text: 'timeout',
        time: { start: 'now-15m' },
        limit: 50,
      }),
      { nowMs: NOW },
    );
    const q = server.requests.find((x) => x.path === '/loki/api/v1/query_range')!;
    expect(q.query.get('query')).toBe('{service_name="checkout"} |~ "(?i)timeout"');
    expect(q.query.get('start')).toBe(tNs(NOW - 900_000));
    expect(q.query.get('end')).toBe(tNs(NOW));
    expect(q.query.get('limit')).toBe('50');
    expect(q.query.get('direction')).toBe('backward');
    expect(q.headers['x-scope-orgid']).toBe('tenant-1');
    const pq = server.requests.find((x) => x.path === '/loki/api/v1/patterns')!;
    expect(pq.query.get('query')).toBe('{service_name="checkout"}');
    expect(r.records.map((x) => x.timeMs)).toEqual([NOW - 1000, NOW - 2000, NOW - 3000]);
    expect(r.records[1]).toMatchObject({ service: 'checkout', severity: 'warn', traceId: 'abc' });
    expect(r.summary).toEqual({ total: 3, byService: { checkout: 3 }, bySeverity: { error: 2, warn: 1 } });
    expect(r.patterns).toEqual([
      { pattern: 'payment timeout after <_>ms', count: 3 },
      { pattern: 'slow <_> warning', count: 1 },
    ]);
    expect(r.truncated).toBe(false);
    expect(r.nativeQuery).toBe('{service_name="checkout"} |~ "(?i)timeout"');
  });

  it('falls back to the pattern miner when the patterns endpoint fails, and reports truncation', async () => {
    server = await startLoopback({
      'GET /loki/api/v1/query_range': { json: streams },
      'GET /loki/api/v1/patterns': { status: 404, text: 'not found' },
    });
    const r = await make(server.url, (recs) => [{ pattern: 'mined', count: recs.length }]).query(
      parseUnifiedQuery({ signal: 'logs', service: 'checkout', limit: 2 }),
      { nowMs: NOW },
    );
    expect(r.patterns).toEqual([{ pattern: 'mined', count: 2 }]);
    expect(r.records).toHaveLength(2);
    expect(r.truncated).toBe(true);
    expect(r.warnings.some((w) => w.includes('patterns endpoint unavailable'))).toBe(true);
  });

  it('lists services from the service label', async () => {
    server = await startLoopback({
      'GET /loki/api/v1/label/service_name/values': { json: { status: 'success', data: ['web', 'api'] } },
    });
    expect(await make(server.url).services()).toEqual(['api', 'web']);
  });

  it('rejects a metric LogQL result', async () => {
    server = await startLoopback({
      'GET /loki/api/v1/query_range': {
        json: { status: 'success', data: { resultType: 'matrix', result: [] } },
      },
    });
    const q = parseUnifiedQuery({
      signal: 'logs',
      native: { language: 'logql', query: 'rate({a="b"}[1m])' },
    });
    await expect(make(server.url).query(q, { nowMs: NOW })).rejects.toThrow(/expected a log query/);
  });
});
