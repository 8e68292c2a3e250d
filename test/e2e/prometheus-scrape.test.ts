/**
 * The `type: prometheus` scrape endpoint, scraped by a REAL Prometheus (the Debian package) started here on
 * loopback with two scrape jobs (scrape_interval 1s, honor_labels so the series keep their own job/instance):
 * one against an exporter holding series for minutes, one against an exporter expiring them after 1.5 s.
 * Values are read back through Prometheus's query API. Without the binary the test is skipped with the
 * install command — except under CI, where a missing binary fails it (.ci/run installs the package).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Attributes, Temporality } from '@switchyard/core';
import {
  buildRouting,
  PrometheusScrapeExporter,
  routingConfigSchema,
  SelfMetrics,
} from '@switchyard/pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metric, metricsBatch, pointAgo } from '../helpers/metric-data.js';
import {
  freePort,
  prometheusRequirement,
  type RunningPrometheus,
  requirePrometheus,
  startPrometheus,
} from '../helpers/prometheus-binary.js';

const { binary, mustRun } = prometheusRequirement('scrape');

let prom: RunningPrometheus | undefined;
let longPort = 0;
let shortPort = 0;
let routedPort = 0;

function query(promql: string): Promise<{ metric: Record<string, string>; value: number }[]> {
  return prom!.query(promql);
}

/** Polls until the query's first value satisfies `ok` (scrapes run every second). */
async function eventually(
  promql: string,
  ok: (v: number | undefined) => boolean,
  timeoutMs = 20_000,
): Promise<number | undefined> {
  const end = Date.now() + timeoutMs;
  let last: number | undefined;
  while (Date.now() < end) {
    last = (await query(promql))[0]?.value;
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${promql}: last value ${last}\n${prom?.output().slice(-2000)}`);
}

const point = (v: number | bigint, attributes: Attributes = {}) => pointAgo(v, 0, attributes);

function exporter(port: number, expireAfterMs: number, metrics?: SelfMetrics): PrometheusScrapeExporter {
  return new PrometheusScrapeExporter({
    name: 'scrape',
    host: '127.0.0.1',
    port,
    path: '/metrics',
    expireAfterMs,
    maxSeries: 1000,
    metrics,
    log: () => {},
  });
}

describe.skipIf(!binary && !mustRun)('Prometheus scrape endpoint scraped by a real Prometheus', () => {
  beforeAll(async () => {
    [longPort, shortPort, routedPort] = [await freePort(), await freePort(), await freePort()];
    const job = (name: string, port: number) =>
      `  - job_name: ${name}\n    honor_labels: true\n    static_configs:\n      - targets: ['127.0.0.1:${port}']\n`;
    prom = await startPrometheus(requirePrometheus(binary), {
      config: `global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n${job('long', longPort)}${job('short', shortPort)}${job('routed', routedPort)}`,
    });
  });

  afterAll(async () => {
    await prom?.stop();
  });

  it('serves gauges, counters, delta sums, histograms, summaries and target_info that Prometheus stores', async () => {
    const metrics = new SelfMetrics();
    const e = exporter(longPort, 300_000, metrics);
    try {
      const deltaSum = (v: number) =>
        metric('jobs.done', '{job}', {
          type: 'sum',
          aggregationTemporality: Temporality.DELTA,
          isMonotonic: true,
          dataPoints: [point(v, { 'queue.name': 'emails' })],
        });
      const first = metricsBatch([
        metric(
          'queue.depth',
          '{item}',
          { type: 'gauge', dataPoints: [point(17n, { 'queue.name': 'em"ails\\' })] },
          'Items "waiting"\nin the queue',
        ),
        metric('http.server.requests', '1', {
          type: 'sum',
          aggregationTemporality: Temporality.CUMULATIVE,
          isMonotonic: true,
          dataPoints: [point(1234, { 'http.request.method': 'GET' })],
        }),
        deltaSum(5),
        metric('http.server.request.duration', 's', {
          type: 'histogram',
          aggregationTemporality: Temporality.CUMULATIVE,
          dataPoints: [
            {
              attributes: {},
              startTimeUnixNano: 0n,
              timeUnixNano: BigInt(Date.now()) * 1_000_000n,
              flags: 0,
              count: 10n,
              sum: 3.5,
              bucketCounts: [2n, 5n, 3n],
              explicitBounds: [0.1, 0.5],
              exemplars: [],
            },
          ],
        }),
        metric('rpc.latency', 'ms', {
          type: 'summary',
          dataPoints: [
            {
              attributes: {},
              startTimeUnixNano: 0n,
              timeUnixNano: BigInt(Date.now()) * 1_000_000n,
              flags: 0,
              count: 40n,
              sum: 800,
              quantileValues: [
                { quantile: 0.5, value: 18 },
                { quantile: 0.99, value: 95 },
              ],
            },
          ],
        }),
        metric('db.latency', 'ms', {
          type: 'exponentialHistogram',
          aggregationTemporality: Temporality.CUMULATIVE,
          dataPoints: [
            {
              attributes: {},
              startTimeUnixNano: 0n,
              timeUnixNano: BigInt(Date.now()) * 1_000_000n,
              flags: 0,
              count: 9n,
              sum: 42,
              scale: 2,
              zeroCount: 1n,
              zeroThreshold: 0,
              positive: { offset: 4, bucketCounts: [3n, 0n, 5n] },
              negative: { offset: 0, bucketCounts: [] },
              exemplars: [],
            },
          ],
        }),
      ]);
      expect(await e.push(first)).toEqual({ kind: 'success' });
      expect(await e.push(metricsBatch([deltaSum(7)]))).toEqual({ kind: 'success' });

      const job = 'job="shop/checkout",instance="pod-7"';
      expect(await eventually(`jobs_done_total{${job},queue_name="emails"}`, (v) => v !== undefined)).toBe(
        12,
      );
      expect(await eventually(`queue_depth{${job},queue_name="em\\"ails\\\\"}`, (v) => v !== undefined)).toBe(
        17,
      );
      expect((await query(`http_server_requests_total{${job},http_request_method="GET"}`))[0]?.value).toBe(
        1234,
      );
      const buckets = await query(`http_server_request_duration_seconds_bucket{${job}}`);
      expect(Object.fromEntries(buckets.map((b) => [b.metric.le, b.value]))).toEqual({
        '0.1': 2,
        '0.5': 7,
        '+Inf': 10,
      });
      expect((await query(`http_server_request_duration_seconds_sum{${job}}`))[0]?.value).toBe(3.5);
      expect((await query(`http_server_request_duration_seconds_count{${job}}`))[0]?.value).toBe(10);
      expect((await query(`rpc_latency_milliseconds{${job},quantile="0.99"}`))[0]?.value).toBe(95);
      expect((await query(`rpc_latency_milliseconds_count{${job}}`))[0]?.value).toBe(40);
      expect(await query(`{__name__=~"db_latency.*"}`)).toEqual([]);
      expect(
        metrics.value('switchyard_exporter_dropped_points_total', {
          exporter: 'scrape',
          reason: 'exponential_histogram',
        }),
      ).toBe(1);
      expect(await query('target_info')).toEqual([
        {
          metric: { __name__: 'target_info', job: 'shop/checkout', instance: 'pod-7', host_name: 'node-a' },
          value: 1,
        },
      ]);
      const scoped = await query(`queue_depth{${job}}`);
      expect(scoped[0]!.metric).toMatchObject({ otel_scope_name: 'e2e', otel_scope_version: '1' });

      // Prometheus read the TYPE and HELP lines as metadata.
      const meta = (await (await fetch(`${prom!.base}/api/v1/metadata?metric=queue_depth`)).json()) as {
        data: Record<string, { type: string; help: string; unit: string }[]>;
      };
      expect(meta.data.queue_depth?.[0]).toEqual({
        type: 'gauge',
        help: 'Items "waiting"\nin the queue',
        unit: '',
      });
      const counterMeta = (await (
        await fetch(`${prom!.base}/api/v1/metadata?metric=jobs_done_total`)
      ).json()) as {
        data: Record<string, { type: string }[]>;
      };
      expect(counterMeta.data.jobs_done_total?.[0]?.type).toBe('counter');

      // A newer gauge value replaces the old one at the next scrape.
      await e.push(
        metricsBatch([
          metric('queue.depth', '{item}', {
            type: 'gauge',
            dataPoints: [point(3, { 'queue.name': 'em"ails\\' })],
          }),
        ]),
      );
      expect(await eventually(`queue_depth{${job}}`, (v) => v === 3)).toBe(3);
    } finally {
      await e.shutdown();
    }
  });

  it('stops serving a series once it is not updated within expireAfterMs, so Prometheus marks it stale', async () => {
    const e = exporter(shortPort, 1500);
    try {
      const gauge = (name: string, v: number) =>
        metricsBatch([metric(name, '', { type: 'gauge', dataPoints: [point(v)] })], {
          'service.name': 'expiry',
        });
      await e.push(gauge('expiring.gauge', 1));
      await e.push(gauge('kept.gauge', 2));
      expect(await eventually('expiring_gauge{job="expiry"}', (v) => v === 1)).toBe(1);
      // Keep one series fresh while the other ages out.
      const keep = setInterval(() => void e.push(gauge('kept.gauge', 2)), 300);
      try {
        expect(await eventually('expiring_gauge{job="expiry"}', (v) => v === undefined)).toBeUndefined();
        expect((await query('kept_gauge{job="expiry"}'))[0]?.value).toBe(2);
      } finally {
        clearInterval(keep);
      }
      const up = await query('up{job="short"}');
      expect(up[0]?.value).toBe(1);
    } finally {
      await e.shutdown();
    }
  });

  it('is created from the routing config and listens before the first metric arrives', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sy-prom-scrape-route-'));
    try {
      const config = routingConfigSchema.parse({
        exporters: { scrape: { type: 'prometheus', port: routedPort } },
        routes: [{ signals: ['metrics'], exporters: ['scrape'] }],
      });
      const routing = buildRouting(config, { dataDir, log: () => {} });
      try {
        expect(await eventually('up{job="routed"}', (v) => v === 1)).toBe(1);
        const r = await routing.consume(
          metricsBatch([metric('cart.items', '', { type: 'gauge', dataPoints: [point(3)] })], {
            'service.name': 'routed',
          }),
          100,
        );
        expect(r.kind).toBe('accepted');
        expect(await eventually('cart_items{job="routed"}', (v) => v !== undefined)).toBe(3);
      } finally {
        await routing.shutdown();
      }
      expect(await eventually('up{job="routed"}', (v) => v === 0)).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
