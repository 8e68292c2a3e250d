/**
 * Queries against a REAL Prometheus (the Debian package) scraping its own /metrics every second: the
 * PrometheusAdapter, `switchyard query metrics --source … --promql …`, `switchyard ask … --source …` and
 * `switchyard mcp --config …` must give exactly the numbers Prometheus's own API gives for the same native
 * query at the same evaluation times. Once a few samples exist the test removes the scrape job (config
 * reload), so the data is frozen and a later evaluation cannot see a sample an earlier one missed.
 * Without the binary the test is skipped with the install command — except under CI, where it fails.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createAdapter, type MetricsResult, PrometheusAdapter } from '@switchyard/query';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/hub-process.js';
import {
  prometheusRequirement,
  type RunningPrometheus,
  requirePrometheus,
  startPrometheus,
} from '../helpers/prometheus-binary.js';

const run = promisify(execFile);
const EXPR = 'sum by (handler) (prometheus_http_requests_total)';

const { binary, mustRun } = prometheusRequirement('query');

let prom: RunningPrometheus | undefined;
let base = '';
/** When scraping stopped (epoch ms): every sample is older. */
let frozenAtMs = 0;

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} timed out; prometheus output:\n${prom?.output().slice(-3000)}`);
}

async function promApi(path: string, params: Record<string, string>): Promise<unknown> {
  const res = await fetch(`${base}${path}?${new URLSearchParams(params)}`);
  const body = (await res.json()) as { status: string; data: unknown };
  expect(body.status).toBe('success');
  return body.data;
}

type Series = { labels: Record<string, string>; points: [number, number][] };

const key = (labels: Record<string, string>): string => JSON.stringify(Object.entries(labels).sort());
const bySeries = (series: readonly Series[]) =>
  Object.fromEntries(series.map((s) => [key(s.labels), s.points]));

/** Prometheus's own answer to a range query, in the adapter's shape (ms timestamps, numeric values). */
async function promRange(expr: string, startMs: number, endMs: number, stepMs: number): Promise<Series[]> {
  const data = (await promApi('/api/v1/query_range', {
    query: expr,
    start: String(startMs / 1000),
    end: String(endMs / 1000),
    step: String(stepMs / 1000),
  })) as { result: { metric: Record<string, string>; values: [number, string][] }[] };
  return data.result.map((r) => ({
    labels: r.metric,
    points: r.values.map(([t, v]) => [Math.round(t * 1000), Number(v)]),
  }));
}

/** Prometheus's own instant answer at `timeMs`: labels → value. */
async function promInstant(expr: string, timeMs: number): Promise<Record<string, number>> {
  const data = (await promApi('/api/v1/query', { query: expr, time: String(timeMs / 1000) })) as {
    result: { metric: Record<string, string>; value: [number, string] }[];
  };
  return Object.fromEntries(data.result.map((r) => [key(r.metric), Number(r.value[1])]));
}

function expectSameSeries(ours: readonly Series[], theirs: readonly Series[]): void {
  expect(theirs.length).toBeGreaterThan(0);
  expect(bySeries(ours)).toEqual(bySeries(theirs));
}

function prometheusConfig(scrape: boolean, port: number): string {
  const job = `scrape_configs:\n  - job_name: prometheus\n    static_configs:\n      - targets: ['127.0.0.1:${port}']\n`;
  return `global:\n  scrape_interval: 1s\n${scrape ? job : ''}`;
}

describe.skipIf(!binary && !mustRun)('queries against a real Prometheus', () => {
  beforeAll(async () => {
    prom = await startPrometheus(requirePrometheus(binary), {
      config: (port) => prometheusConfig(true, port),
    });
    base = prom.base;
    // A few samples of its own metrics, then stop scraping so the data no longer changes.
    await waitFor('eight scrapes', async () => {
      const r = await promInstant('count_over_time(up{job="prometheus"}[1m])', Date.now());
      return Object.values(r).some((n) => n >= 8) ? true : undefined;
    });
    prom.reload(prometheusConfig(false, prom.port));
    await waitFor('scrape job removal', async () => {
      const data = (await promApi('/api/v1/targets', {})) as { activeTargets: unknown[] };
      return data.activeTargets.length === 0 ? true : undefined;
    });
    await new Promise((r) => setTimeout(r, 1500)); // let an in-flight scrape land
    frozenAtMs = Date.now();
  }, 60_000);

  afterAll(async () => {
    await prom?.stop();
  });

  it('PrometheusAdapter answers range and instant PromQL with the numbers of /api/v1/query_range and /api/v1/query', async () => {
    const adapter = createAdapter('prom', { type: 'prometheus', url: base });
    expect(adapter).toBeInstanceOf(PrometheusAdapter);
    const prom = adapter as PrometheusAdapter;
    const [startMs, endMs, stepMs] = [frozenAtMs - 10_000, frozenAtMs - 2_000, 1000];
    const range = await prom.range(EXPR, startMs, endMs, stepMs);
    expectSameSeries(range.series, await promRange(EXPR, startMs, endMs, stepMs));
    expect(range.series.some((s) => s.labels.handler === '/metrics')).toBe(true);

    // Instant queries at the timestamps the range returned.
    const metricsSeries = range.series.find((s) => s.labels.handler === '/metrics')!;
    for (const [t] of metricsSeries.points.slice(-3)) {
      const ours = await prom.instant(EXPR, t);
      const theirs = await promInstant(EXPR, t);
      expect(Object.fromEntries(ours.series.map((s) => [key(s.labels), s.points[0]![1]]))).toEqual(theirs);
    }

    // The unified query with a native PromQL runs the same expression.
    const unified = (await prom.query(
      {
        signal: 'metrics',
        native: { language: 'promql', query: EXPR },
        filters: [],
        groupBy: [],
        limit: 100,
        time: { start: startMs, end: endMs },
        step: '1s',
      },
      { nowMs: frozenAtMs },
    )) as MetricsResult;
    expect(unified.nativeQuery).toBe(EXPR);
    expectSameSeries(unified.series, await promRange(EXPR, unified.range.startMs, unified.range.endMs, 1000));
  });

  it('switchyard query metrics --source --promql returns what Prometheus returns, naming the source and query', async () => {
    const { stdout } = await run(process.execPath, [
      CLI,
      'query',
      'metrics',
      '--source',
      `prometheus=${base}`,
      '--promql',
      EXPR,
      '--start',
      String(frozenAtMs - 10_000),
      '--end',
      String(frozenAtMs - 1_000),
      '--step',
      '1s',
      '--format',
      'json',
    ]);
    const results = JSON.parse(stdout) as MetricsResult[];
    expect(results).toHaveLength(1);
    const r = results[0]!;
    expect(r.source).toEqual({ name: 'prometheus', type: 'prometheus' });
    expect(r.nativeQuery).toBe(EXPR);
    expect(r.range.stepMs).toBe(1000);
    expectSameSeries(r.series, await promRange(EXPR, r.range.startMs, r.range.endMs, r.range.stepMs!));

    const table = await run(process.execPath, [
      CLI,
      'query',
      'metrics',
      '--source',
      `prometheus=${base}`,
      '--promql',
      EXPR,
      '--start',
      'now-1m',
    ]);
    expect(table.stdout).toContain(`prometheus (prometheus) ran: ${EXPR}`);
    expect(table.stdout).toMatch(/handler=\/metrics\s+\d+/);
  });

  it('rejects bad PromQL with exit code 2 and the position, before asking Prometheus', async () => {
    const err = await run(process.execPath, [
      CLI,
      'query',
      'metrics',
      '--source',
      `prometheus=${base}`,
      '--promql',
      'sum(rate(prometheus_http_requests_total[1m])',
    ]).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(err?.code).toBe(2);
    expect(err?.stderr).toMatch(/invalid PromQL: syntax error at offset \d+/);
  });

  it('switchyard ask maps "throughput of prometheus" to prometheus_http_requests_total and returns its numbers', async () => {
    const { stdout } = await run(process.execPath, [
      CLI,
      'ask',
      'throughput of prometheus in the last 5 minutes',
      '--source',
      `prometheus=${base}`,
      '--show-query',
      '--format',
      'json',
    ]);
    const [answer, ...rest] = JSON.parse(stdout) as { understood: string; result: MetricsResult }[];
    expect(rest).toHaveLength(0);
    const r = answer!.result;
    expect(answer!.understood).toContain('throughput');
    expect(r.source.type).toBe('prometheus');
    expect(r.nativeQuery).toMatch(
      /^sum\(rate\(prometheus_http_requests_total\{job="prometheus"\}\[\w+\]\)\)$/,
    );
    expect(r.range.endMs - r.range.startMs).toBe(5 * 60_000);
    const theirs = await promRange(r.nativeQuery, r.range.startMs, r.range.endMs, r.range.stepMs!);
    expectSameSeries(r.series, theirs);
    const values = r.series.flatMap((s) => s.points.map((p) => p[1]));
    expect(values.length).toBeGreaterThan(0);
    expect(values.every((v) => v > 0)).toBe(true);
    expect(r.summary.current).toBe(r.series[0]!.points.at(-1)![1]);
  });

  it('switchyard mcp --config answers ask and query_metrics from the configured Prometheus', async () => {
    const configFile = join(prom!.dir, 'switchyard.yaml');
    writeFileSync(configFile, `sources:\n  prom:\n    type: prometheus\n    url: ${base}\n`);
    const client = new Client({ name: 'switchyard-e2e', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [CLI, 'mcp', '--config', configFile],
        env: { ...(process.env as Record<string, string>), NODE_OPTIONS: '' },
        stderr: 'pipe',
      }),
    );
    try {
      const names = (await client.listTools()).tools.map((t) => t.name).sort();
      expect(names).toEqual(['ask', 'list_services', 'query_metrics']);

      const services = (await client.callTool({ name: 'list_services', arguments: {} })) as CallToolResult;
      expect(services.structuredContent?.services).toEqual(['prometheus']);

      const asked = (await client.callTool({
        name: 'ask',
        arguments: { question: 'throughput of prometheus in the last 5 minutes' },
      })) as CallToolResult;
      expect(asked.isError).toBeFalsy();
      const data = asked.structuredContent as {
        nativeQuery: string;
        range: { startMs: number; endMs: number; stepMs: number };
        series: Series[];
      };
      expect(data.nativeQuery).toContain('prometheus_http_requests_total');
      const theirs = await promRange(
        data.nativeQuery,
        data.range.startMs,
        data.range.endMs,
        data.range.stepMs,
      );
      // The tool returns the last 20 points of each series.
      expectSameSeries(
        data.series,
        theirs.map((s) => ({ ...s, points: s.points.slice(-20) })),
      );

      const metrics = (await client.callTool({
        name: 'query_metrics',
        arguments: {
          native: EXPR,
          start: String(frozenAtMs - 5_000),
          end: String(frozenAtMs - 1_000),
          step: '1s',
        },
      })) as CallToolResult;
      expect(metrics.isError).toBeFalsy();
      const m = metrics.structuredContent as {
        nativeQuery: string;
        range: { startMs: number; endMs: number };
        series: Series[];
      };
      expect(m.nativeQuery).toBe(EXPR);
      expectSameSeries(m.series, await promRange(EXPR, m.range.startMs, m.range.endMs, 1000));

      const bad = (await client.callTool({
        name: 'query_metrics',
        arguments: { native: 'sum(rate(x[1m])' },
      })) as CallToolResult;
      expect(bad.isError).toBe(true);
      expect(JSON.stringify(bad.content)).toContain('invalid PromQL');
    } finally {
      await client.close();
    }
  });
});
