/**
 * Prometheus remote write into a REAL Prometheus (the Debian package), started here on loopback with its
 * remote-write receiver and native histograms enabled; every series is read back through Prometheus's own
 * query API. Without the binary the test is skipped with the install command — except under CI, where a
 * missing binary fails it (.ci/run installs the package).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Temporality } from '@switchyard/core';
import {
  buildRouting,
  PrometheusRemoteWriteExporter,
  routingConfigSchema,
  SelfMetrics,
} from '@switchyard/pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metric, metricsBatch, nsAgo, pointAgo } from '../helpers/metric-data.js';
import {
  prometheusRequirement,
  type RunningPrometheus,
  requirePrometheus,
  startPrometheus,
} from '../helpers/prometheus-binary.js';

const { binary, mustRun } = prometheusRequirement('remote-write');

let prom: RunningPrometheus | undefined;
let base = '';

/** Instant query; returns `labels → value` for vector results. */
function query(promql: string): Promise<{ metric: Record<string, string>; value: number }[]> {
  return prom!.query(promql);
}

async function value(promql: string): Promise<number | undefined> {
  return (await query(promql))[0]?.value;
}

describe.skipIf(!binary && !mustRun)('Prometheus remote write into a real Prometheus', () => {
  beforeAll(async () => {
    prom = await startPrometheus(requirePrometheus(binary), {
      config: 'global:\n  scrape_interval: 1h\n',
      args: ['--web.enable-remote-write-receiver', '--enable-feature=native-histograms'],
    });
    base = prom.base;
  });

  afterAll(async () => {
    await prom?.stop();
  });

  it('stores gauges, counters, delta sums, histograms, summaries and native histograms with translated names', async () => {
    const metrics = new SelfMetrics();
    const exporter = new PrometheusRemoteWriteExporter({
      name: 'prom',
      endpoint: `${base}/api/v1/write`,
      headers: {},
      nativeHistograms: true,
      maxDeltaSeries: 1000,
      metrics,
      log: () => {},
    });
    const deltaSum = (v: number, agoMs: number) =>
      metric('jobs.done', '{job}', {
        type: 'sum',
        aggregationTemporality: Temporality.DELTA,
        isMonotonic: true,
        dataPoints: [pointAgo(v, agoMs, { 'queue.name': 'emails' })],
      });
    const first = metricsBatch([
      metric('queue.depth', '{item}', {
        type: 'gauge',
        dataPoints: [pointAgo(17n, 5000, { 'queue.name': 'emails' })],
      }),
      metric('http.server.requests', '1', {
        type: 'sum',
        aggregationTemporality: Temporality.CUMULATIVE,
        isMonotonic: true,
        dataPoints: [pointAgo(1234, 5000, { 'http.request.method': 'GET' })],
      }),
      deltaSum(5, 4000),
      metric('http.server.request.duration', 's', {
        type: 'histogram',
        aggregationTemporality: Temporality.CUMULATIVE,
        dataPoints: [
          {
            attributes: {},
            startTimeUnixNano: nsAgo(60_000),
            timeUnixNano: nsAgo(5000),
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
            startTimeUnixNano: nsAgo(60_000),
            timeUnixNano: nsAgo(5000),
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
            startTimeUnixNano: nsAgo(60_000),
            timeUnixNano: nsAgo(5000),
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
    expect(await exporter.push(first)).toEqual({ kind: 'success' });
    expect(await exporter.push(metricsBatch([deltaSum(7, 2000)]))).toEqual({ kind: 'success' });
    await exporter.shutdown();

    const job = 'job="shop/checkout",instance="pod-7"';
    expect(await value(`queue_depth{${job},queue_name="emails"}`)).toBe(17);
    expect(await value(`http_server_requests_total{${job},http_request_method="GET"}`)).toBe(1234);
    expect(await value(`jobs_done_total{${job},queue_name="emails"}`)).toBe(12);
    const buckets = await query(`http_server_request_duration_seconds_bucket{${job}}`);
    expect(Object.fromEntries(buckets.map((b) => [b.metric.le, b.value]))).toEqual({
      '0.1': 2,
      '0.5': 7,
      '+Inf': 10,
    });
    expect(await value(`http_server_request_duration_seconds_sum{${job}}`)).toBe(3.5);
    expect(await value(`http_server_request_duration_seconds_count{${job}}`)).toBe(10);
    expect(await value(`rpc_latency_milliseconds{${job},quantile="0.99"}`)).toBe(95);
    expect(await value(`rpc_latency_milliseconds_count{${job}}`)).toBe(40);
    expect(await value(`histogram_count(db_latency_milliseconds{${job}})`)).toBe(9);
    expect(await value(`histogram_sum(db_latency_milliseconds{${job}})`)).toBe(42);
    const info = await query('target_info');
    expect(info).toEqual([
      {
        metric: { __name__: 'target_info', job: 'shop/checkout', instance: 'pod-7', host_name: 'node-a' },
        value: 1,
      },
    ]);
    const scoped = await query(`queue_depth{${job}}`);
    expect(scoped[0]!.metric).toMatchObject({ otel_scope_name: 'e2e', otel_scope_version: '1' });
  });

  it('delivers metrics routed by the minimal routing config from the issue', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sy-prom-route-'));
    try {
      const config = routingConfigSchema.parse({
        exporters: { prom: { type: 'prometheus_remote_write', endpoint: `${base}/api/v1/write` } },
        routes: [{ signals: ['metrics'], exporters: ['prom'] }],
      });
      const routing = buildRouting(config, { dataDir, log: () => {} });
      const r = await routing.consume(
        metricsBatch([metric('cart.items', '', { type: 'gauge', dataPoints: [pointAgo(3, 1000)] })], {
          'service.name': 'routed',
        }),
        100,
      );
      expect(r.kind).toBe('accepted');
      await routing.shutdown();
      expect(await value('cart_items{job="routed"}')).toBe(3);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('reports a sample Prometheus rejects (out of order) as a permanent failure', async () => {
    const exporter = new PrometheusRemoteWriteExporter({
      name: 'prom',
      endpoint: `${base}/api/v1/write`,
      headers: {},
      nativeHistograms: true,
      maxDeltaSeries: 10,
      log: () => {},
    });
    const gauge = (agoMs: number) =>
      metricsBatch([metric('ooo.gauge', '', { type: 'gauge', dataPoints: [pointAgo(1, agoMs)] })], {
        'service.name': 'ooo',
      });
    expect((await exporter.push(gauge(1000))).kind).toBe('success');
    const late = await exporter.push(gauge(120_000));
    await exporter.shutdown();
    expect(late.kind).toBe('permanent');
    expect(late.kind === 'permanent' && late.message).toMatch(/^HTTP 400/);
  });
});
