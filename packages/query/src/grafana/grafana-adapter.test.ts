import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_GUARDRAILS } from '../http/guardrails.js';
import { parseUnifiedQuery } from '../model/parse-query.js';
import type { MetricsResult } from '../model/results.js';
import { type Loopback, startLoopback } from '../testing/loopback-server.js';
import { GrafanaAdapter } from './grafana-adapter.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const make = (url: string, datasources = { prometheus: 'prom-uid', loki: 'loki-uid' }) =>
  new GrafanaAdapter({
    source: { name: 'grafana', type: 'grafana' },
    http: {
      baseUrl: url,
      headers: { Authorization: 'Bearer glsa_x' },
      timeoutMs: 5000,
      maxResponseBytes: 1 << 20,
    },
    guardrails: DEFAULT_GUARDRAILS,
    datasources,
  });

describe('GrafanaAdapter', () => {
  it('sends PromQL through the data-source proxy with the Grafana token', async () => {
    server = await startLoopback({
      'POST /api/datasources/proxy/uid/prom-uid/api/v1/query_range': {
        json: {
          status: 'success',
          data: { resultType: 'matrix', result: [{ metric: { job: 'a' }, values: [[NOW / 1000, '1']] }] },
        },
      },
    });
    const r = (await make(server.url).query(parseUnifiedQuery({ signal: 'metrics', metric: 'up' }), {
      nowMs: NOW,
    })) as MetricsResult;
    expect(server.requests[0]!.headers.authorization).toBe('Bearer glsa_x');
    expect(new URLSearchParams(server.requests[0]!.body).get('query')).toBe('up');
    expect(r.source).toEqual({ name: 'grafana', type: 'grafana' });
    expect(r.series[0]!.labels).toEqual({ job: 'a' });
  });

  it('merges services of its data sources', async () => {
    server = await startLoopback({
      'GET /api/datasources/proxy/uid/prom-uid/api/v1/label/job/values': {
        json: { status: 'success', data: ['api', 'web'] },
      },
      'GET /api/datasources/proxy/uid/loki-uid/loki/api/v1/label/service_name/values': {
        json: { status: 'success', data: ['web', 'worker'] },
      },
    });
    expect(await make(server.url).services()).toEqual(['api', 'web', 'worker']);
  });

  it('says which data source is missing for a signal', async () => {
    server = await startLoopback({});
    await expect(
      make(server.url).query(parseUnifiedQuery({ signal: 'traces' }), { nowMs: NOW }),
    ).rejects.toThrow(/no traces data source/);
  });

  it('searches and fetches dashboards', async () => {
    server = await startLoopback({
      'GET /api/search': {
        json: [
          {
            id: 1,
            uid: 'abc',
            title: 'Checkout',
            url: '/d/abc/checkout',
            type: 'dash-db',
            tags: ['red'],
            folderTitle: 'Prod',
          },
        ],
      },
      'GET /api/dashboards/uid/abc': {
        json: { dashboard: { uid: 'abc', title: 'Checkout', panels: [] }, meta: { slug: 'checkout' } },
      },
    });
    const g = make(server.url);
    expect(await g.searchDashboards('check')).toEqual([
      { uid: 'abc', title: 'Checkout', url: '/d/abc/checkout', folderTitle: 'Prod', tags: ['red'] },
    ]);
    expect(server.requests[0]!.query.get('type')).toBe('dash-db');
    expect(server.requests[0]!.query.get('query')).toBe('check');
    const d = await g.getDashboard('abc');
    expect(d.dashboard.title).toBe('Checkout');
    expect(d.meta.slug).toBe('checkout');
  });
});
