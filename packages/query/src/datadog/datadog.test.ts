import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_GUARDRAILS } from '../http/guardrails.js';
import { HttpClient } from '../http/http-client.js';
import { parseUnifiedQuery } from '../model/parse-query.js';
import type { LogsResult, MetricsResult, TracesResult } from '../model/results.js';
import type { UnifiedQueryInput } from '../model/unified-query.js';
import { type Loopback, startLoopback } from '../testing/loopback-server.js';
import { DatadogAdapter } from './datadog-adapter.js';
import { translateDatadogLogs, translateDatadogMetric, translateDatadogSpans } from './translate-datadog.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const RANGE = { startMs: NOW - 3_600_000, endMs: NOW };
const M = (x: Partial<UnifiedQueryInput>): UnifiedQueryInput => ({ signal: 'metrics', ...x });

const METRIC_GOLDEN: [string, UnifiedQueryInput, string, string][] = [
  [
    'error rate',
    M({ service: 'web', intent: { kind: 'error_rate' } }),
    'sum:trace.http.request.errors{service:web}.as_count() / sum:trace.http.request.hits{service:web}.as_count()',
    'ratio',
  ],
  [
    'p99 latency in ms',
    M({ service: 'web', intent: { kind: 'latency', stat: 99 } }),
    'p99:trace.http.request{service:web} * 1000',
    'ms',
  ],
  [
    'average latency',
    M({ intent: { kind: 'latency', stat: 'avg' } }),
    'avg:trace.http.request{*} * 1000',
    'ms',
  ],
  [
    'throughput by env',
    M({ service: 'web', intent: { kind: 'throughput' }, groupBy: ['env'] }),
    'sum:trace.http.request.hits{service:web} by {env}.as_rate()',
    '1/s',
  ],
  [
    'cpu',
    M({ service: 'web', intent: { kind: 'saturation', resource: 'cpu' } }),
    'avg:system.cpu.user{service:web}',
    'percent',
  ],
  [
    'memory',
    M({ intent: { kind: 'saturation', resource: 'memory' }, groupBy: ['service'] }),
    'avg:system.mem.used{*} by {service}',
    'bytes',
  ],
  [
    'explicit metric with filters',
    M({
      metric: 'kafka.lag',
      filters: [
        { key: 'env', value: 'prod' },
        { key: 'topic', op: '!=', value: 'x' },
      ],
    }),
    'avg:kafka.lag{env:prod,!topic:x}',
    '',
  ],
  ['explicit max', M({ metric: 'kafka.lag', aggregation: 'max' }), 'max:kafka.lag{*}', ''],
  [
    'explicit rate',
    M({ metric: 'requests', aggregation: 'rate', service: 'a' }),
    'sum:requests{service:a}.as_rate()',
    '1/s',
  ],
  ['explicit count', M({ metric: 'requests', aggregation: 'count' }), 'sum:requests{*}.as_count()', ''],
  ['native', M({ native: { language: 'datadog', query: 'avg:x{*}' } }), 'avg:x{*}', ''],
];

describe('Datadog translation', () => {
  for (const [name, input, query, unit] of METRIC_GOLDEN) {
    it(`metric: ${name}`, () => {
      expect(translateDatadogMetric(parseUnifiedQuery(input))).toEqual({ query, unit });
    });
  }

  it('uses a configured trace operation', () => {
    const q = parseUnifiedQuery(M({ service: 'a', intent: { kind: 'throughput' } }));
    expect(translateDatadogMetric(q, { traceOperation: 'express.request' }).query).toBe(
      'sum:trace.express.request.hits{service:a}.as_rate()',
    );
  });

  it('rejects regex filters in metric scopes', () => {
    const q = parseUnifiedQuery(M({ metric: 'x', filters: [{ key: 'a', op: '=~', value: 'b' }] }));
    expect(() => translateDatadogMetric(q)).toThrow(/regular expressions/);
  });

  it('builds the documented logs search body', () => {
    const q = parseUnifiedQuery({
      signal: 'logs',
      service: 'checkout',
      severity: 'error',
      text: 'card declined',
      filters: [
        { key: 'http.method', value: 'POST' },
        { key: 'env', op: '!=', value: 'dev' },
      ],
    });
    expect(translateDatadogLogs(q, RANGE, 50)).toEqual({
      query:
        'service:checkout @http.method:POST -@env:dev status:(error OR critical OR alert OR emergency) "card declined"',
      body: {
        filter: {
          query:
            'service:checkout @http.method:POST -@env:dev status:(error OR critical OR alert OR emergency) "card declined"',
          from: '2024-05-01T11:00:00.000Z',
          to: '2024-05-01T12:00:00.000Z',
        },
        page: { limit: 50 },
        sort: '-timestamp',
      },
    });
  });

  it('builds the documented spans search body with durations in ns', () => {
    const q = parseUnifiedQuery({
      signal: 'traces',
      service: 'web',
      status: 'error',
      minDurationMs: 250,
      operation: 'GET /cart',
    });
    const t = translateDatadogSpans(q, RANGE, 20);
    expect(t.query).toBe('service:web resource_name:"GET /cart" status:error @duration:>=250000000');
    expect(t.body).toEqual({
      data: {
        type: 'search_request',
        attributes: {
          filter: { query: t.query, from: '2024-05-01T11:00:00.000Z', to: '2024-05-01T12:00:00.000Z' },
          page: { limit: 20 },
          sort: '-timestamp',
        },
      },
    });
  });
});

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const make = (url: string) =>
  new DatadogAdapter({
    source: { name: 'dd', type: 'datadog' },
    http: new HttpClient({
      baseUrl: url,
      headers: { 'DD-API-KEY': 'api-key', 'DD-APPLICATION-KEY': 'app-key' },
      timeoutMs: 5000,
      maxResponseBytes: 1 << 20,
    }),
    guardrails: DEFAULT_GUARDRAILS,
  });

describe('DatadogAdapter', () => {
  it('queries metrics with keys, from/to in seconds, and reads pointlists', async () => {
    server = await startLoopback({
      'GET /api/v1/query': {
        json: {
          status: 'ok',
          res_type: 'time_series',
          query: 'x',
          from_date: NOW - 3_600_000,
          to_date: NOW,
          series: [
            {
              metric: 'trace.http.request.hits',
              display_name: 'trace.http.request.hits',
              scope: 'env:prod,service:web',
              tag_set: ['env:prod', 'service:web'],
              expression: 'x',
              pointlist: [
                [NOW - 120_000, 1.5],
                [NOW - 60_000, null],
                [NOW, 2.5],
              ],
            },
          ],
        },
      },
    });
    const r = (await make(server.url).query(
      parseUnifiedQuery(M({ service: 'web', intent: { kind: 'throughput' }, groupBy: ['env'] })),
      {
        nowMs: NOW,
      },
    )) as MetricsResult;
    const req = server.requests[0]!;
    expect(req.headers['dd-api-key']).toBe('api-key');
    expect(req.headers['dd-application-key']).toBe('app-key');
    expect(req.query.get('from')).toBe(String((NOW - 3_600_000) / 1000));
    expect(req.query.get('to')).toBe(String(NOW / 1000));
    expect(req.query.get('query')).toBe('sum:trace.http.request.hits{service:web} by {env}.as_rate()');
    expect(r.series).toEqual([
      {
        labels: { env: 'prod', service: 'web' },
        points: [
          [NOW - 120_000, 1.5],
          [NOW, 2.5],
        ],
      },
    ]);
    expect(r.summary.average).toBe(2);
  });

  it('searches logs by POST and reports more pages as truncation', async () => {
    server = await startLoopback({
      'POST /api/v2/logs/events/search': {
        json: {
          data: [
            {
              id: 'AAA',
              type: 'log',
              attributes: {
                timestamp: '2024-05-01T11:59:00.000Z',
                service: 'checkout',
                status: 'error',
                message: 'card declined',
                host: 'h1',
                tags: ['env:prod'],
                attributes: { trace_id: 'abc', http: { method: 'POST' } },
              },
            },
          ],
          links: { next: 'https://api.datadoghq.com/api/v2/logs/events?page[cursor]=x' },
          meta: { page: { after: 'x' }, status: 'done', elapsed: 12 },
        },
      },
    });
    const r = (await make(server.url).query(
      parseUnifiedQuery({ signal: 'logs', service: 'checkout', limit: 1 }),
      { nowMs: NOW },
    )) as LogsResult;
    const body = JSON.parse(server.requests[0]!.body);
    expect(body.filter.query).toBe('service:checkout');
    expect(server.requests[0]!.headers['content-type']).toBe('application/json');
    expect(r.records).toEqual([
      {
        timeMs: Date.parse('2024-05-01T11:59:00.000Z'),
        service: 'checkout',
        severity: 'error',
        body: 'card declined',
        attributes: { trace_id: 'abc', http: '{"method":"POST"}' },
        traceId: 'abc',
      },
    ]);
    expect(r.truncated).toBe(true);
  });

  it('searches spans and groups them by trace', async () => {
    const span = (id: string, parent: string, start: string, end: string, status: string) => ({
      id,
      type: 'spans',
      attributes: {
        trace_id: 't1',
        span_id: id,
        parent_id: parent,
        service: 'web',
        resource_name: `op-${id}`,
        start_timestamp: start,
        end_timestamp: end,
        status,
        type: 'web',
        custom: { duration: 1 },
        attributes: {},
      },
    });
    server = await startLoopback({
      'POST /api/v2/spans/events/search': {
        json: {
          data: [
            span('1', '0', '2024-05-01T11:59:00.000Z', '2024-05-01T11:59:00.500Z', 'ok'),
            span('2', '1', '2024-05-01T11:59:00.100Z', '2024-05-01T11:59:00.400Z', 'error'),
          ],
          meta: { page: {} },
        },
      },
    });
    const r = (await make(server.url).query(parseUnifiedQuery({ signal: 'traces', service: 'web' }), {
      nowMs: NOW,
    })) as TracesResult;
    expect(JSON.parse(server.requests[0]!.body).data.type).toBe('search_request');
    expect(r.traces).toEqual([
      {
        traceId: 't1',
        rootService: 'web',
        rootName: 'op-1',
        startMs: Date.parse('2024-05-01T11:59:00.000Z'),
        durationMs: 500,
        spanCount: 2,
        errorCount: 1,
        services: ['web'],
      },
    ]);
    expect(r.analysis.errorOrigin?.name).toBe('op-2');
  });
});
