/**
 * Every tool over a real DuckDB store holding a small, known data set — once reading the store directly
 * (as in the hub) and once through the hub's HTTP API with HubApiReader (as `switchyard mcp --hub`):
 * both readers must give the same answers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Attributes, LogRecord, MetricData, Resource, Span, TelemetryBatch } from '@switchyard/core';
import { SelfMetrics } from '@switchyard/pipeline';
import { DuckDbStore } from '@switchyard/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiServer } from '../../api/api-server.js';
import { toolContext } from '../create-mcp-server.js';
import { HubApiReader } from '../hub-api-reader.js';
import type { TelemetryReader } from '../telemetry-reader.js';
import type { ToolContext } from '../tool-context.js';
import { ALL_TOOLS } from '../tool-registry.js';

const T0 = 1_700_000_000_000_000_000n;
const MS = 1_000_000n;
const SEC = 1_000_000_000n;
const NOW = T0 + 600n * SEC;
const SCOPE = { name: 'test', version: '1', attributes: {}, droppedAttributesCount: 0 };

const res = (service: string): Resource => ({
  attributes: { 'service.name': service },
  droppedAttributesCount: 0,
});
const hex = (n: number, len: number): string => n.toString(16).padStart(len, '0');

function span(
  over: Partial<Span> & Pick<Span, 'traceId' | 'spanId' | 'name' | 'startTimeUnixNano' | 'endTimeUnixNano'>,
): Span {
  return {
    traceState: '',
    parentSpanId: '',
    flags: 1,
    kind: 2,
    attributes: {},
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: 0, message: '' },
    ...over,
  };
}

function spansBatch(service: string, spans: Span[]): TelemetryBatch {
  return {
    signal: 'traces',
    data: {
      resourceSpans: [
        { resource: res(service), schemaUrl: '', scopeSpans: [{ scope: SCOPE, spans, schemaUrl: '' }] },
      ],
    },
  };
}

function logsBatch(service: string, records: LogRecord[]): TelemetryBatch {
  return {
    signal: 'logs',
    data: {
      resourceLogs: [
        {
          resource: res(service),
          schemaUrl: '',
          scopeLogs: [{ scope: SCOPE, logRecords: records, schemaUrl: '' }],
        },
      ],
    },
  };
}

function metricBatch(service: string, name: string, data: MetricData): TelemetryBatch {
  return {
    signal: 'metrics',
    data: {
      resourceMetrics: [
        {
          resource: res(service),
          schemaUrl: '',
          scopeMetrics: [
            {
              scope: SCOPE,
              schemaUrl: '',
              metrics: [{ name, description: '', unit: '1', metadata: {}, data }],
            },
          ],
        },
      ],
    },
  };
}

function log(
  timeNs: bigint,
  severityNumber: number,
  body: string,
  traceId = '',
  attributes: Attributes = {},
): LogRecord {
  return {
    timeUnixNano: timeNs,
    observedTimeUnixNano: timeNs,
    severityNumber,
    severityText: severityNumber >= 17 ? 'ERROR' : 'INFO',
    body,
    attributes,
    droppedAttributesCount: 0,
    flags: 0,
    traceId,
    spanId: '',
    eventName: '',
  };
}

/** 20 traces shop → db; every 5th is slow (500 ms), fails in db and runs on host db-2. */
function fixture(): TelemetryBatch[] {
  const shop: Span[] = [];
  const db: Span[] = [];
  for (let i = 0; i < 20; i++) {
    const bad = i % 5 === 0;
    const traceId = hex(i + 1, 32);
    const start = T0 + BigInt(i) * 20n * SEC;
    const dur = (bad ? 500n : 50n) * MS;
    shop.push(
      span({
        traceId,
        spanId: hex(2 * i + 1, 16),
        name: 'GET /cart',
        startTimeUnixNano: start,
        endTimeUnixNano: start + dur,
        attributes: { 'http.route': '/cart' },
      }),
    );
    db.push(
      span({
        traceId,
        spanId: hex(2 * i + 2, 16),
        parentSpanId: hex(2 * i + 1, 16),
        name: 'SELECT cart',
        kind: 3,
        startTimeUnixNano: start + 2n * MS,
        endTimeUnixNano: start + dur - 2n * MS,
        attributes: { 'db.host': bad ? 'db-2' : 'db-1' },
        status: bad
          ? { code: 2, message: 'connection reset; retry with password=hunter2' }
          : { code: 0, message: '' },
      }),
    );
  }
  const logs: LogRecord[] = [];
  for (let i = 0; i < 30; i++) logs.push(log(T0 + BigInt(i) * SEC, 9, `user u-${1000 + i * 7} logged in`));
  for (let i = 0; i < 5; i++)
    logs.push(
      log(
        T0 + BigInt(40 + i) * SEC,
        17,
        `payment failed for card 4111 1111 1111 1111 order o-${i}`,
        hex(1, 32),
      ),
    );
  const gauge = Array.from({ length: 120 }, (_, i) => ({
    attributes: {},
    startTimeUnixNano: 0n,
    timeUnixNano: T0 + BigInt(i) * 5n * SEC,
    flags: 0,
    value: i === 100 ? 80 : 10 + (i % 3) * 0.1,
    exemplars: [],
  }));
  const counter = Array.from({ length: 60 }, (_, i) => ({
    attributes: {},
    startTimeUnixNano: T0,
    timeUnixNano: T0 + BigInt(i) * 10n * SEC,
    flags: 0,
    value: BigInt(i * 20),
    exemplars: [],
  }));
  return [
    spansBatch('shop', shop),
    spansBatch('db', db),
    logsBatch('shop', logs),
    metricBatch('shop', 'queue.depth', { type: 'gauge', dataPoints: gauge }),
    metricBatch('shop', 'requests', {
      type: 'sum',
      aggregationTemporality: 2,
      isMonotonic: true,
      dataPoints: counter,
    }),
  ];
}

let dir: string;
let store: DuckDbStore;
let api: ApiServer;
let apiBase: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sy-mcp-tools-'));
  store = new DuckDbStore({ dataDir: dir });
  await store.open();
  for (const batch of fixture()) await store.append(batch);
  await store.recordChangeEvent({
    timeUnixNano: T0 + 30n * SEC,
    kind: 'deployment',
    service: 'db',
    description: 'db 2.0 rolled out to db-2',
    attributes: { version: '2.0' },
  });
  api = new ApiServer(
    { store, now: () => NOW },
    { live: () => true, ready: () => true },
    new SelfMetrics(),
    () => undefined,
  );
  const addr = await api.start('127.0.0.1', 0);
  apiBase = `http://127.0.0.1:${addr.port}`;
}, 30_000);

afterAll(async () => {
  await api?.stop();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

function tool(name: string) {
  const t = ALL_TOOLS.find((x) => x.name === name);
  if (!t) throw new Error(`no tool ${name}`);
  return t;
}

type Data = any;

async function run(
  ctx: ToolContext,
  name: string,
  args: Record<string, unknown>,
): Promise<{ text: string; data: Data; r: CallToolResult }> {
  const r = await tool(name).call(args, ctx);
  const first = r.content[0];
  return { text: first?.type === 'text' ? first.text : '', data: r.structuredContent, r };
}

const readers: [string, () => TelemetryReader][] = [
  ['the store', () => store],
  ['the hub API', () => new HubApiReader(apiBase)],
];

describe.each(readers)('tools reading %s', (_label, reader) => {
  const ctx = (): ToolContext =>
    toolContext({ reader: reader(), tools: ALL_TOOLS, apiBase: () => 'http://hub.test', now: () => NOW });

  it('list_services lists both services with counts and caps with hasMore', async () => {
    const all = await run(ctx(), 'list_services', {});
    expect(all.data.services.map((s: Data) => s.name)).toEqual(['shop', 'db']);
    expect(all.data.services[0]).toMatchObject({ spanCount: 20, logCount: 35, errorCount: 0 });
    expect(all.data.services[1]).toMatchObject({ spanCount: 20, errorCount: 4 });
    expect(all.text).toContain('- db: 20 spans (4 errors, 20.0%)');
    const one = await run(ctx(), 'list_services', { limit: 1 });
    expect(one.data.hasMore).toBe(true);
    expect(one.data.services).toHaveLength(1);
  });

  it('query_traces filters by status and duration, newest first, with hasMore', async () => {
    const failed = await run(ctx(), 'query_traces', { status: 'error' });
    expect(failed.data.traces.map((t: Data) => t.traceId)).toEqual([16, 11, 6, 1].map((n) => hex(n, 32)));
    expect(failed.data.hasMore).toBe(false);
    const slow = await run(ctx(), 'query_traces', { minDurationMs: 400, limit: 2 });
    expect(slow.data.traces).toHaveLength(2);
    expect(slow.data.hasMore).toBe(true);
    expect(slow.data.traces[0].durationMs).toBe(500);
    expect(slow.data.link).toBe('http://hub.test/api/traces?minDurationMs=400&start=now-1h&limit=2');
  });

  it('get_trace shows the tree with the redacted error message', async () => {
    const { text, data } = await run(ctx(), 'get_trace', { traceId: hex(1, 32) });
    expect(data.spans.map((s: Data) => [s.service, s.name, s.depth])).toEqual([
      ['shop', 'GET /cart', 0],
      ['db', 'SELECT cart', 1],
    ]);
    expect(text).toContain('✗ ERROR: connection reset; retry with password=[REDACTED]');
    expect(JSON.stringify(data)).not.toContain('hunter2');
  });

  it('analyze_trace names the db span as bottleneck and error origin, with a waterfall', async () => {
    const { text, data } = await run(ctx(), 'analyze_trace', { traceId: hex(6, 32) });
    expect(data.bottleneck).toMatchObject({ service: 'db', name: 'SELECT cart' });
    expect(data.errorOrigin).toMatchObject({ service: 'db', name: 'SELECT cart' });
    expect(text).toMatch(/db\s+B!\s+SELECT cart/);
  });

  it('compare_traces finds what the failed traces share', async () => {
    const { data, text } = await run(ctx(), 'compare_traces', { by: 'errors' });
    expect(data).toMatchObject({ sampledTraces: 20, selectionCount: 4, baselineCount: 16 });
    const hosts = data.differences.find((d: Data) => d.key === 'db.host');
    expect(hosts).toMatchObject({ value: 'db-2', selectionShare: 1, baselineShare: 0 });
    expect(text).toContain('db.host=db-2: 100% of failed vs 0% of others');
    const slow = await run(ctx(), 'compare_traces', { by: 'slow', slowThresholdMs: 400, unit: 'span' });
    expect(slow.data.selectionCount).toBe(8);
    expect(slow.data.differences.map((d: Data) => `${d.key}=${d.value}`)).toContain('db.host=db-2');
  });

  it('query_logs filters by severity, redacts card numbers and reports hasMore', async () => {
    const errors = await run(ctx(), 'query_logs', { severity: 'error' });
    expect(errors.data.logs).toHaveLength(5);
    expect(errors.data.hasMore).toBe(false);
    expect(errors.text).toContain('payment failed for card [REDACTED_CARD] order o-4');
    expect(errors.text).not.toContain('4111');
    const few = await run(ctx(), 'query_logs', { limit: 3, text: 'logged in' });
    expect(few.data.logs).toHaveLength(3);
    expect(few.data.hasMore).toBe(true);
    expect(few.text).toContain('By service: shop 3');
  });

  it('find_log_patterns mines the two message templates', async () => {
    const { data } = await run(ctx(), 'find_log_patterns', { service: 'shop' });
    expect(data.recordsMined).toBe(35);
    expect(data.patterns.map((p: Data) => [p.template, p.count])).toEqual([
      ['user u-<*> logged in', 30],
      ['payment failed for card <*> <*> <*> <*> order o-<*>', 5],
    ]);
  });

  it('query_metrics lists names, summarises a gauge and rates a counter', async () => {
    const names = await run(ctx(), 'query_metrics', {});
    expect(names.data.metrics.map((m: Data) => m.name)).toEqual(['queue.depth', 'requests']);
    const gauge = await run(ctx(), 'query_metrics', {
      name: 'queue.depth',
      agg: 'max',
      step: '5s',
      detail: 'full',
      maxPoints: 10,
    });
    expect(gauge.data.series[0].summary).toMatchObject({ max: 80, min: 10, anomalyDetected: true });
    expect(gauge.data.series[0].points).toHaveLength(10);
    const counter = await run(ctx(), 'query_metrics', { name: 'requests', step: '1m' });
    expect(counter.data.agg).toBe('rate');
    expect(counter.data.series[0].summary.average).toBeCloseTo(2, 5);
    const unknown = await run(ctx(), 'query_metrics', { name: 'queue' });
    expect(unknown.r.isError).toBe(true);
    expect(unknown.text).toContain('did you mean queue.depth');
  });

  it('detect_anomalies reports the spike with its peak', async () => {
    const { data, text } = await run(ctx(), 'detect_anomalies', {
      name: 'queue.depth',
      agg: 'max',
      step: '5s',
    });
    expect(data.events.length).toBeGreaterThan(0);
    expect(data.events[0]).toMatchObject({
      kind: 'spike',
      peak: { value: 80, t: Number((T0 + 500n * SEC) / MS) },
    });
    expect(text).toMatch(/spike .* peak 80/);
  });

  it('get_change_events returns the deployment', async () => {
    const { data } = await run(ctx(), 'get_change_events', { service: 'db' });
    expect(data.events).toHaveLength(1);
    expect(data.events[0]).toMatchObject({
      kind: 'deployment',
      description: 'db 2.0 rolled out to db-2',
      attributes: { version: '2.0' },
    });
  });

  it('ask answers a logs question through the query package', async () => {
    const { data, text } = await run(ctx(), 'ask', { question: 'error logs of shop in the last hour' });
    expect(data.signal).toBe('logs');
    expect(data.summary.total).toBe(5);
    expect(text).toContain('Understood as: error+ logs of shop');
  });

  it('answers invalid arguments and unknown traces with error results', async () => {
    const bad = await run(ctx(), 'query_logs', { limit: 0 });
    expect(bad.r.isError).toBe(true);
    const missing = await run(ctx(), 'get_trace', { traceId: hex(999, 32) });
    expect(missing.r.isError).toBe(true);
    expect(missing.text).toContain('not found');
    const range = await run(ctx(), 'query_traces', { start: 'now', end: 'now-1h' });
    expect(range.text).toContain("parameter 'start': is after end");
  });
});
