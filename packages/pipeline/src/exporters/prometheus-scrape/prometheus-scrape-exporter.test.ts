import { createServer } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { SwitchyardError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { SelfMetrics } from '../../self/self-metrics.js';
import { metric, metricsBatch, numberPoint } from '../testing/metrics.js';
import { prometheusScrapeConfigSchema, prometheusScrapeExporterFactory } from './prometheus-scrape-config.js';
import { PrometheusScrapeExporter } from './prometheus-scrape-exporter.js';

function exporter(overrides: Partial<ConstructorParameters<typeof PrometheusScrapeExporter>[0]> = {}) {
  return new PrometheusScrapeExporter({
    name: 'scrape',
    host: '127.0.0.1',
    port: 0,
    path: '/metrics',
    expireAfterMs: 60_000,
    maxSeries: 1000,
    log: () => {},
    ...overrides,
  });
}

const gaugeBatch = (v: number) =>
  metricsBatch({ 'service.name': 'api' }, [
    metric('queue.depth', '', { type: 'gauge', dataPoints: [numberPoint(v, Date.now())] }),
  ]);

async function waitForPort(e: PrometheusScrapeExporter): Promise<number> {
  for (let i = 0; i < 200 && e.port === undefined; i++) await new Promise((r) => setTimeout(r, 5));
  return e.port!;
}

describe('PrometheusScrapeExporter', () => {
  it('starts listening on the first push and serves the latest values in the text format', async () => {
    const e = exporter();
    try {
      expect(e.port).toBeUndefined();
      expect(await e.push(gaugeBatch(3))).toEqual({ kind: 'success' });
      expect(await e.push(gaugeBatch(4))).toEqual({ kind: 'success' });
      const port = await waitForPort(e);
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(await res.text()).toContain(
        '# TYPE queue_depth gauge\nqueue_depth{job="api",otel_scope_name="scope",otel_scope_version="1.0"} 4\n',
      );
    } finally {
      await e.shutdown();
    }
  });

  it('gzips the body when the scraper accepts gzip, answers 404 elsewhere and 405 to other methods', async () => {
    const e = exporter({ path: '/prom' });
    try {
      await e.start();
      await e.push(gaugeBatch(9));
      const base = `http://127.0.0.1:${e.port}`;
      const { request } = await import('node:http');
      const raw = await new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
        request(`${base}/prom`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }),
          );
        })
          .on('error', reject)
          .end();
      });
      expect(raw.encoding).toBe('gzip');
      expect(gunzipSync(raw.body).toString()).toContain('queue_depth{job="api"');
      expect((await fetch(`${base}/metrics`)).status).toBe(404);
      expect((await fetch(`${base}/prom`, { method: 'POST', body: 'x' })).status).toBe(405);
    } finally {
      await e.shutdown();
    }
  });

  it('ignores traces and logs and still reports success', async () => {
    const e = exporter();
    try {
      const r = await e.push({ signal: 'logs', data: { resourceLogs: [] } });
      expect(r).toEqual({ kind: 'success' });
      expect(e.seriesCount).toBe(0);
    } finally {
      await e.shutdown();
    }
  });

  it('closes its listener on shutdown', async () => {
    const e = exporter();
    await e.start();
    const port = e.port!;
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(200);
    await e.shutdown();
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
  });

  it('rejects start with a SwitchyardError naming the port when the address is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    const e = exporter({ port });
    try {
      const err = await e.start().catch((x: unknown) => x);
      expect(err).toBeInstanceOf(SwitchyardError);
      expect((err as SwitchyardError).path).toBe('exporters.scrape.port');
      // push stays successful while the endpoint cannot be served
      expect(await e.push(gaugeBatch(1))).toEqual({ kind: 'success' });
    } finally {
      await e.shutdown();
      await new Promise((r) => blocker.close(r));
    }
  });

  it('counts dropped series in self-metrics', async () => {
    const metrics = new SelfMetrics();
    const e = exporter({ maxSeries: 1, metrics });
    try {
      await e.push(
        metricsBatch({ 'service.name': 'api' }, [
          metric('a', '', { type: 'gauge', dataPoints: [numberPoint(1, 0)] }),
          metric('b', '', { type: 'gauge', dataPoints: [numberPoint(1, 0)] }),
        ]),
      );
      expect(
        metrics.value('switchyard_exporter_dropped_points_total', {
          exporter: 'scrape',
          reason: 'series_limit',
        }),
      ).toBe(1);
    } finally {
      await e.shutdown();
    }
  });

  it('applies the documented config defaults and listens from creation', async () => {
    const config = prometheusScrapeConfigSchema.parse({ type: 'prometheus', port: 0 });
    expect(config).toMatchObject({
      host: '127.0.0.1',
      path: '/metrics',
      expireAfterMs: 300_000,
      maxSeries: 100_000,
    });
    const e = prometheusScrapeExporterFactory.create(config, { name: 'scrape', log: () => {} });
    try {
      const port = await waitForPort(e as PrometheusScrapeExporter);
      expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(200);
    } finally {
      await e.shutdown();
    }
  });
});
