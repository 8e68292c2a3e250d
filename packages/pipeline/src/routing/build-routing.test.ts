import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OtlpTestServer } from '../exporters/testing/otlp-test-server.js';
import { spanBatch, spanIds } from '../exporters/testing/spans.js';
import { SelfMetrics } from '../self/self-metrics.js';
import { buildRouting } from './build-routing.js';
import { routingConfigSchema } from './routing-config.js';

let dataDir: string;
const servers: OtlpTestServer[] = [];
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'syr-'));
});
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
});

async function server(port = 0): Promise<OtlpTestServer> {
  const s = new OtlpTestServer();
  await s.start(port);
  servers.push(s);
  return s;
}

const until = async (cond: () => boolean, ms = 8000) => {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
};
const idsOf = (s: OtlpTestServer) => s.delivered.flatMap((r) => spanIds(r.batch));

describe('buildRouting', () => {
  it('routes by service to a durable and a memory destination', async () => {
    const [a, b] = [await server(), await server()];
    const config = routingConfigSchema.parse({
      exporters: {
        a: { type: 'otlp_http', endpoint: `http://127.0.0.1:${a.port}`, durable: true, compression: 'none' },
        b: { type: 'otlp_http', endpoint: `http://127.0.0.1:${b.port}`, encoding: 'json' },
      },
      routes: [{ services: ['checkout'], exporters: ['a'] }, { exporters: ['b'] }],
    });
    const routing = buildRouting(config, { dataDir, log: () => {} });
    expect((await routing.consume(spanBatch(0, 3, 'checkout'), 100)).kind).toBe('accepted');
    expect((await routing.consume(spanBatch(10, 2, 'ledger'), 100)).kind).toBe('accepted');
    await until(() => idsOf(a).length === 3 && idsOf(b).length === 2);
    await routing.shutdown();
    expect(idsOf(a)).toEqual(spanIds(spanBatch(0, 3)));
    expect(idsOf(b)).toEqual(spanIds(spanBatch(10, 2)));
  });

  it('fails over when the primary is down and returns when it recovers, losing nothing', async () => {
    const primary = await server();
    const port = primary.port;
    await primary.stop();
    const secondary = await server();
    const metrics = new SelfMetrics();
    const breaker = { failureThreshold: 2, coolDownMs: 300 };
    const retry = { initialIntervalMs: 10, maxIntervalMs: 100 };
    const config = routingConfigSchema.parse({
      exporters: {
        p: { type: 'otlp_http', endpoint: `http://127.0.0.1:${port}`, circuitBreaker: breaker, retry },
        s: {
          type: 'otlp_http',
          endpoint: `http://127.0.0.1:${secondary.port}`,
          circuitBreaker: breaker,
          retry,
        },
      },
      failover: { ps: { exporters: ['p', 's'] } },
      routes: [{ exporters: ['ps'] }],
    });
    const routing = buildRouting(config, { dataDir, metrics, log: () => {} });
    for (let i = 0; i < 20; i++) await routing.consume(spanBatch(i * 5, 5), 100);
    await until(() => idsOf(secondary).length >= 100);
    expect(routing.breakers.get('p')!.state).toBe('open');
    expect(metrics.value('switchyard_failover_active', { group: 'ps', exporter: 's' })).toBe(1);

    const back = await server(port);
    await new Promise((r) => setTimeout(r, 350));
    for (let i = 20; i < 40; i++) await routing.consume(spanBatch(i * 5, 5), 100);
    await until(() => idsOf(back).length + idsOf(secondary).length >= 200);
    await routing.shutdown();
    const all = new Set([...idsOf(secondary), ...idsOf(back)]);
    expect(all.size).toBe(200);
    expect(idsOf(back).length).toBeGreaterThan(0);
    expect(routing.breakers.get('p')!.state).toBe('closed');
  });

  it('builds every registered exporter type from config', async () => {
    const config = routingConfigSchema.parse({
      exporters: {
        prom: { type: 'prometheus_remote_write', endpoint: 'http://127.0.0.1:9090/api/v1/write' },
        zipkin: { type: 'zipkin', endpoint: 'http://127.0.0.1:9411/api/v2/spans' },
        loki: { type: 'loki', endpoint: 'http://127.0.0.1:3100' },
        splunk: { type: 'splunk_hec', endpoint: 'http://127.0.0.1:8088', token: 't' },
        es: { type: 'elasticsearch', endpoint: 'http://127.0.0.1:9200' },
        archive: { type: 'file', path: join(dataDir, 'archive.jsonl') },
        ai: {
          type: 'azure_monitor',
          connectionString: 'InstrumentationKey=00000000-0000-0000-0000-000000000001',
        },
        cw: { type: 'cloudwatch_emf', region: 'eu-west-1', logGroup: '/m', logStream: 's', namespace: 'N' },
      },
      routes: [
        { signals: ['metrics'], exporters: ['prom', 'cw', 'ai'] },
        { signals: ['traces'], exporters: ['zipkin', 'es'] },
        { signals: ['logs'], exporters: ['loki', 'splunk', 'archive'] },
      ],
    });
    const routing = buildRouting(config, { dataDir, log: () => {} });
    expect([...routing.breakers.keys()].sort()).toEqual([
      'ai',
      'archive',
      'cw',
      'es',
      'loki',
      'prom',
      'splunk',
      'zipkin',
    ]);
    await routing.shutdown();
  });

  it('delivers through a durable queue to a vendor preset exporter, retrying a 503 with the preset header', async () => {
    const s = await server();
    s.responder = (_req, n) => (n === 0 ? { status: 503 } : { status: 200 });
    const config = routingConfigSchema.parse({
      exporters: {
        hc: {
          type: 'honeycomb',
          settings: { HONEYCOMB_API_KEY: 'hc-key', HONEYCOMB_API_ENDPOINT: `http://127.0.0.1:${s.port}` },
          durable: true,
          retry: { initialIntervalMs: 10 },
        },
      },
      routes: [{ exporters: ['hc'] }],
    });
    const routing = buildRouting(config, { dataDir, log: () => {} });
    expect((await routing.consume(spanBatch(0, 3), 100)).kind).toBe('accepted');
    await until(() => s.delivered.length === 1);
    await routing.shutdown();
    expect(s.requests).toHaveLength(2);
    expect(s.delivered[0]!.headers['x-honeycomb-team']).toBe('hc-key');
    expect(idsOf(s)).toHaveLength(3);
  });
});
