import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_GUARDRAILS } from '../http/guardrails.js';
import { HttpClient } from '../http/http-client.js';
import { parseUnifiedQuery } from '../model/parse-query.js';
import { type Loopback, startLoopback } from '../testing/loopback-server.js';
import { PrometheusAdapter } from './prometheus-adapter.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function adapter(url: string, headers: Record<string, string> = {}): PrometheusAdapter {
  return new PrometheusAdapter({
    source: { name: 'prom', type: 'prometheus' },
    http: new HttpClient({ baseUrl: url, headers, timeoutMs: 5000, maxResponseBytes: 1 << 20 }),
    guardrails: DEFAULT_GUARDRAILS,
  });
}

const names = { status: 'success', data: ['http_requests_total', 'process_cpu_seconds_total', 'up'] };
const matrix = (values: [number, string][], metric: Record<string, string> = {}) => ({
  status: 'success',
  data: { resultType: 'matrix', result: [{ metric, values }] },
});

describe('PrometheusAdapter', () => {
  it('discovers metrics, picks the status label the metric has, and runs query_range', async () => {
    server = await startLoopback({
      'GET /api/v1/label/__name__/values': { json: names },
      'GET /api/v1/labels': { json: { status: 'success', data: ['__name__', 'code', 'handler', 'job'] } },
      'POST /api/v1/query_range': {
        json: matrix([
          [NOW / 1000 - 120, '0.01'],
          [NOW / 1000 - 60, '0.02'],
          [NOW / 1000, '0.03'],
        ]),
      },
    });
    const r = await adapter(server.url, { 'X-Scope-OrgID': 'team-a' }).query(
      parseUnifiedQuery({
        signal: 'metrics',
        service: 'api',
        intent: { kind: 'error_rate' },
        time: { start: 'now-1h' },
      }),
      { nowMs: NOW },
    );
    const labelsReq = server.requests.find((x) => x.path === '/api/v1/labels')!;
    expect(labelsReq.query.getAll('match[]')).toEqual(['http_requests_total']);
    const q = server.requests.find((x) => x.path === '/api/v1/query_range')!;
    expect(q.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(q.headers['x-scope-orgid']).toBe('team-a');
    const form = new URLSearchParams(q.body);
    expect(form.get('query')).toBe(
      'sum(rate(http_requests_total{job="api", code=~"5.."}[1m])) / sum(rate(http_requests_total{job="api"}[1m]))',
    );
    expect(form.get('start')).toBe(String(NOW / 1000 - 3600));
    expect(form.get('end')).toBe(String(NOW / 1000));
    expect(form.get('step')).toBe('30');
    expect(r.source).toEqual({ name: 'prom', type: 'prometheus' });
    expect(r.nativeQuery).toBe(form.get('query'));
    expect(r.series[0]!.points).toEqual([
      [NOW - 120_000, 0.01],
      [NOW - 60_000, 0.02],
      [NOW, 0.03],
    ]);
    expect(r.summary.current).toBe(0.03);
    expect(r.summary.max).toBe(0.03);
    expect(r.summary.trend).toBe('increasing');
    expect(r.unit).toBe('ratio');
  });

  it('parses vector and scalar instant results, with +Inf and NaN', async () => {
    server = await startLoopback({
      'POST /api/v1/query': (req) =>
        new URLSearchParams(req.body).get('query') === 'scalar(up)'
          ? { json: { status: 'success', data: { resultType: 'scalar', result: [1714564800, '2'] } } }
          : {
              json: {
                status: 'success',
                data: {
                  resultType: 'vector',
                  result: [
                    { metric: { job: 'a' }, value: [1714564800.5, '+Inf'] },
                    { metric: { job: 'b' }, value: [1714564800.5, 'NaN'] },
                  ],
                },
              },
            },
    });
    const a = adapter(server.url);
    const v = await a.instant('up', NOW);
    expect(v.series[0]).toEqual({
      labels: { job: 'a' },
      points: [[1714564800500, Number.POSITIVE_INFINITY]],
    });
    expect(Number.isNaN(v.series[1]!.points[0]![1])).toBe(true);
    expect(new URLSearchParams(server.requests[0]!.body).get('time')).toBe(String(NOW / 1000));
    const s = await a.instant('scalar(up)');
    expect(s.series).toEqual([{ labels: {}, points: [[1714564800000, 2]] }]);
  });

  it('reads labels, series, metadata and services', async () => {
    server = await startLoopback({
      'GET /api/v1/label/job/values': { json: { status: 'success', data: ['b', 'a'] } },
      'GET /api/v1/series': {
        json: { status: 'success', data: [{ __name__: 'up', job: 'a', instance: 'x:1' }] },
      },
      'GET /api/v1/metadata': {
        json: { status: 'success', data: { up: [{ type: 'gauge', help: 'Target up', unit: '' }] } },
      },
    });
    const a = adapter(server.url);
    expect(await a.services()).toEqual(['a', 'b']);
    expect(await a.series(['up', 'process_start_time_seconds'], NOW - 60_000, NOW)).toEqual([
      { __name__: 'up', job: 'a', instance: 'x:1' },
    ]);
    const seriesReq = server.requests.find((x) => x.path === '/api/v1/series')!;
    expect(seriesReq.query.getAll('match[]')).toEqual(['up', 'process_start_time_seconds']);
    expect(await a.metadata('up')).toEqual([{ metric: 'up', type: 'gauge', help: 'Target up', unit: '' }]);
    expect(server.requests.find((x) => x.path === '/api/v1/metadata')!.query.get('metric')).toBe('up');
  });

  it('reports a Prometheus error envelope as a source error', async () => {
    server = await startLoopback({
      'POST /api/v1/query': { json: { status: 'error', errorType: 'execution', error: 'query timed out' } },
    });
    await expect(adapter(server.url).instant('up')).rejects.toThrow(/execution: query timed out/);
  });

  it('caps the number of series and reports truncation', async () => {
    const result = Array.from({ length: 5 }, (_, i) => ({
      metric: { i: String(i) },
      values: [[NOW / 1000, '1']],
    }));
    server = await startLoopback({
      'POST /api/v1/query_range': { json: { status: 'success', data: { resultType: 'matrix', result } } },
    });
    const a = new PrometheusAdapter({
      source: { name: 'prom', type: 'prometheus' },
      http: new HttpClient({ baseUrl: server.url, timeoutMs: 5000, maxResponseBytes: 1 << 20 }),
      guardrails: { ...DEFAULT_GUARDRAILS, maxSeries: 2 },
    });
    const r = await a.query(parseUnifiedQuery({ signal: 'metrics', metric: 'up' }), { nowMs: NOW });
    expect(r.series).toHaveLength(2);
    expect(r.truncated).toBe(true);
    expect(r.warnings).toContain('5 series; kept the first 2');
  });

  it('rejects a range beyond the maximum before sending anything', async () => {
    server = await startLoopback({});
    const q = parseUnifiedQuery({ signal: 'metrics', metric: 'up', time: { start: 'now-90d' } });
    await expect(adapter(server.url).query(q, { nowMs: NOW })).rejects.toThrow(/exceeds the maximum/);
    expect(server.requests).toHaveLength(0);
  });
});
