import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_GUARDRAILS } from '../http/guardrails.js';
import { HttpClient } from '../http/http-client.js';
import { parseUnifiedQuery } from '../model/parse-query.js';
import type { LogsResult, MetricsResult, TracesResult } from '../model/results.js';
import type { UnifiedQueryInput } from '../model/unified-query.js';
import { type Loopback, startLoopback } from '../testing/loopback-server.js';
import { NewRelicAdapter } from './newrelic-adapter.js';
import { translateNrql } from './translate-nrql.js';

const NOW = 1714564800000;
const RANGE = { startMs: NOW - 3_600_000, endMs: NOW };
const W = ` SINCE ${NOW - 3_600_000} UNTIL ${NOW}`;

const GOLDEN: [string, UnifiedQueryInput, string][] = [
  [
    'error rate',
    { signal: 'metrics', service: 'web', intent: { kind: 'error_rate' } },
    `SELECT filter(count(*), WHERE error IS true) / count(*) AS 'value' FROM Transaction WHERE appName = 'web'${W} TIMESERIES 60 seconds`,
  ],
  [
    'p99 latency',
    { signal: 'metrics', service: 'web', intent: { kind: 'latency', stat: 99 } },
    `SELECT percentile(duration, 99) * 1000 AS 'value' FROM Transaction WHERE appName = 'web'${W} TIMESERIES 60 seconds`,
  ],
  [
    'average latency by host',
    { signal: 'metrics', intent: { kind: 'latency', stat: 'avg' }, groupBy: ['host'] },
    `SELECT average(duration) * 1000 AS 'value' FROM Transaction FACET host${W} TIMESERIES 60 seconds`,
  ],
  [
    'throughput by service',
    { signal: 'metrics', intent: { kind: 'throughput' }, groupBy: ['service'] },
    `SELECT rate(count(*), 1 second) AS 'value' FROM Transaction FACET appName${W} TIMESERIES 60 seconds`,
  ],
  [
    'cpu',
    { signal: 'metrics', service: 'web', intent: { kind: 'saturation', resource: 'cpu' } },
    `SELECT average(apm.service.cpu.usertime.utilization) * 100 AS 'value' FROM Metric WHERE appName = 'web'${W} TIMESERIES 60 seconds`,
  ],
  [
    'explicit metric p95 with regex filter',
    {
      signal: 'metrics',
      metric: 'http.server.duration',
      aggregation: 'p95',
      filters: [{ key: 'http.route', op: '=~', value: '/api/.*' }],
    },
    `SELECT percentile(http.server.duration, 95) AS 'value' FROM Metric WHERE http.route RLIKE r'/api/.*'${W} TIMESERIES 60 seconds`,
  ],
  [
    'logs with text and severity',
    { signal: 'logs', service: 'web', text: "can't connect", severity: 'error', limit: 50 },
    `SELECT * FROM Log WHERE service.name = 'web' AND message LIKE '%can\\'t connect%' AND level IN ('error', 'ERROR', 'fatal', 'FATAL')${W} LIMIT 50`,
  ],
  [
    'slow error traces',
    { signal: 'traces', service: 'web', status: 'error', minDurationMs: 500, limit: 20 },
    `SELECT * FROM Span WHERE service.name = 'web' AND (error IS true OR otel.status_code = 'ERROR') AND duration.ms >= 500${W} LIMIT 20`,
  ],
  [
    'odd attribute names are backquoted, != and !~',
    {
      signal: 'logs',
      filters: [
        { key: 'my key', op: '!=', value: 'x' },
        { key: 'env', op: '!~', value: 'dev.*' },
      ],
    },
    `SELECT * FROM Log WHERE \`my key\` != 'x' AND env NOT RLIKE r'dev.*'${W} LIMIT 100`,
  ],
  [
    'native NRQL',
    { signal: 'metrics', native: { language: 'nrql', query: 'SELECT count(*) FROM Transaction' } },
    'SELECT count(*) FROM Transaction',
  ],
];

describe('translateNrql golden cases', () => {
  for (const [name, input, nrql] of GOLDEN) {
    it(name, () => {
      const q = parseUnifiedQuery(input);
      expect(translateNrql(q, RANGE, 60_000, q.limit).nrql).toBe(nrql);
    });
  }
  it('keeps TIMESERIES within 366 buckets', () => {
    const q = parseUnifiedQuery({ signal: 'metrics', intent: { kind: 'throughput' } });
    expect(translateNrql(q, { startMs: 0, endMs: 7 * 86_400_000 }, 60_000, 100).nrql).toContain(
      'TIMESERIES 1653 seconds',
    );
  });
  it('rejects native text that is not NRQL', () => {
    const q = parseUnifiedQuery({
      signal: 'metrics',
      native: { language: 'nrql', query: 'DROP everything' },
    });
    expect(() => translateNrql(q, RANGE, 60_000, 100)).toThrow(/SELECT or FROM/);
  });
});

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const make = (url: string) =>
  new NewRelicAdapter({
    source: { name: 'nr', type: 'newrelic' },
    http: new HttpClient({
      baseUrl: url,
      headers: { 'API-Key': 'NRAK-test' },
      timeoutMs: 5000,
      maxResponseBytes: 1 << 20,
    }),
    guardrails: DEFAULT_GUARDRAILS,
    accountId: 1234567,
  });

const nerd = (results: unknown[]) => ({ json: { data: { actor: { account: { nrql: { results } } } } } });

describe('NewRelicAdapter', () => {
  it('posts NerdGraph with the account and NRQL variables and reads TIMESERIES rows', async () => {
    server = await startLoopback({
      'POST /graphql': nerd([
        { beginTimeSeconds: NOW / 1000 - 60, endTimeSeconds: NOW / 1000, value: 0.02 },
        { beginTimeSeconds: NOW / 1000, endTimeSeconds: NOW / 1000 + 60, value: 0.04 },
      ]),
    });
    const r = (await make(server.url).query(
      parseUnifiedQuery({ signal: 'metrics', service: 'web', intent: { kind: 'error_rate' }, step: '1m' }),
      {
        nowMs: NOW,
      },
    )) as MetricsResult;
    const req = server.requests[0]!;
    expect(req.headers['api-key']).toBe('NRAK-test');
    const body = JSON.parse(req.body);
    expect(body.variables).toEqual({ accountId: 1234567, nrql: r.nativeQuery });
    expect(body.query).toContain('actor { account(id: $accountId) { nrql(query: $nrql');
    expect(r.series).toEqual([
      {
        labels: {},
        points: [
          [NOW - 60_000, 0.02],
          [NOW, 0.04],
        ],
      },
    ]);
    expect(r.summary.current).toBe(0.04);
  });

  it('splits FACET rows into labelled series and reads percentile objects', async () => {
    server = await startLoopback({
      'POST /graphql': nerd([
        { beginTimeSeconds: NOW / 1000, facet: 'web', value: { '99': 120 } },
        { beginTimeSeconds: NOW / 1000, facet: 'api', value: { '99': 80 } },
      ]),
    });
    const r = (await make(server.url).query(
      parseUnifiedQuery({ signal: 'metrics', intent: { kind: 'latency', stat: 99 }, groupBy: ['service'] }),
      { nowMs: NOW },
    )) as MetricsResult;
    expect(r.series).toEqual([
      { labels: { service: 'web' }, points: [[NOW, 120]] },
      { labels: { service: 'api' }, points: [[NOW, 80]] },
    ]);
  });

  it('reads logs and spans, and surfaces GraphQL errors', async () => {
    let call = 0;
    server = await startLoopback({
      'POST /graphql': () => {
        call++;
        if (call === 1)
          return nerd([
            {
              timestamp: NOW - 1000,
              message: 'boom',
              level: 'ERROR',
              'service.name': 'web',
              'trace.id': 't1',
            },
          ]);
        if (call === 2)
          return nerd([
            {
              timestamp: NOW - 2000,
              'trace.id': 't1',
              id: 'a',
              name: 'GET /',
              'service.name': 'web',
              'duration.ms': 300,
              'span.kind': 'server',
            },
            {
              timestamp: NOW - 1900,
              'trace.id': 't1',
              id: 'b',
              'parent.id': 'a',
              name: 'db',
              'service.name': 'db',
              'duration.ms': 250,
              error: true,
            },
          ]);
        return { json: { data: null, errors: [{ message: 'NRQL Syntax Error' }] } };
      },
    });
    const a = make(server.url);
    const logs = (await a.query(parseUnifiedQuery({ signal: 'logs', service: 'web' }), {
      nowMs: NOW,
    })) as LogsResult;
    expect(logs.records[0]).toMatchObject({
      timeMs: NOW - 1000,
      service: 'web',
      severity: 'error',
      body: 'boom',
      traceId: 't1',
    });
    const traces = (await a.query(parseUnifiedQuery({ signal: 'traces', service: 'web' }), {
      nowMs: NOW,
    })) as TracesResult;
    expect(traces.traces[0]).toMatchObject({
      traceId: 't1',
      rootName: 'GET /',
      durationMs: 350,
      spanCount: 2,
      errorCount: 1,
    });
    expect(traces.analysis.errorOrigin?.service).toBe('db');
    await expect(a.query(parseUnifiedQuery({ signal: 'logs' }), { nowMs: NOW })).rejects.toThrow(
      /NRQL Syntax Error/,
    );
  });
});
