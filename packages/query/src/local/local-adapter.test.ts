import type { Span } from '@switchyard/core';
import type { StoredSpan } from '@switchyard/store';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GUARDRAILS } from '../http/guardrails.js';
import { parseUnifiedQuery } from '../model/parse-query.js';
import type { LogsResult, MetricsResult, TracesResult } from '../model/results.js';
import { MemoryStore, resourceOf, SCOPE } from '../testing/memory-store.js';
import { LocalAdapter } from './local-adapter.js';
import { describeLocalPlan, translateLocal } from './translate-local.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const MIN = 60_000;
const tid = (i: number) => String(i).padStart(32, '0');
const ns = (ms: number) => BigInt(ms) * 1_000_000n;

function span(
  trace: string,
  id: string,
  parent: string,
  service: string,
  kind: number,
  startMs: number,
  durMs: number,
  error = false,
): StoredSpan {
  const s: Span = {
    traceId: trace,
    spanId: id,
    traceState: '',
    parentSpanId: parent,
    flags: 0,
    name: `${service}-${id}`,
    kind: kind as Span['kind'],
    startTimeUnixNano: ns(startMs),
    endTimeUnixNano: ns(startMs + durMs),
    attributes: {},
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: error ? 2 : 0, message: '' },
  };
  return { ...s, resource: resourceOf(service), scope: SCOPE };
}

/** Two minutes of checkout traffic: minute 1 has 4 requests (1 error), minute 2 has 2 (2 errors). */
function store(): MemoryStore {
  const st = new MemoryStore();
  const t0 = NOW - 10 * MIN;
  const reqs: [number, number, boolean][] = [
    [t0 + 1000, 100, false],
    [t0 + 2000, 200, false],
    [t0 + 3000, 300, true],
    [t0 + 4000, 400, false],
    [t0 + MIN + 1000, 500, true],
    [t0 + MIN + 2000, 600, true],
  ];
  reqs.forEach(([start, dur, err], i) => {
    const trace = tid(i);
    st.spans.push(span(trace, `a${i}`, '', 'checkout', 2, start, dur, err));
    st.spans.push(span(trace, `b${i}`, `a${i}`, 'checkout', 1, start + 1, dur - 2));
    st.spans.push(span(trace, `c${i}`, `a${i}`, 'payments', 2, start + 5, dur - 10, err));
  });
  return st;
}

const adapter = (st: MemoryStore) => new LocalAdapter({ store: st, guardrails: DEFAULT_GUARDRAILS });
const q = (x: object) => parseUnifiedQuery({ time: { start: NOW - 10 * MIN, end: NOW }, step: '1m', ...x });

describe('translateLocal', () => {
  const range = { startMs: NOW - 3_600_000, endMs: NOW };
  it('maps logs with severity, text and trace id', () => {
    const plan = translateLocal(
      parseUnifiedQuery({ signal: 'logs', service: 'a', severity: 'warn', text: 'x', traceId: 'AB' }),
      range,
      MIN,
      50,
      1000,
    );
    expect(plan).toEqual({
      kind: 'logs',
      query: {
        service: 'a',
        startNs: ns(range.startMs),
        endNs: ns(range.endMs),
        limit: 50,
        minSeverity: 13,
        text: 'x',
        traceId: 'ab',
      },
    });
    expect(describeLocalPlan(plan)).toBe(
      `store.findLogs({"service":"a","startNs":"${ns(range.startMs)}","endNs":"${ns(range.endMs)}","limit":50,"minSeverity":13,"text":"x","traceId":"ab"})`,
    );
  });
  it('maps traces with status, durations and attributes', () => {
    const plan = translateLocal(
      parseUnifiedQuery({
        signal: 'traces',
        service: 'a',
        status: 'error',
        minDurationMs: 250,
        filters: [{ key: 'http.route', value: '/x' }],
      }),
      range,
      MIN,
      20,
      1000,
    );
    expect(plan).toEqual({
      kind: 'traces',
      query: {
        service: 'a',
        startNs: ns(range.startMs),
        endNs: ns(range.endMs),
        limit: 20,
        status: 'error',
        minDurationNs: 250_000_000n,
        attributes: { 'http.route': '/x' },
      },
    });
  });
  it('maps explicit metrics with the aggregation and step', () => {
    const plan = translateLocal(
      parseUnifiedQuery({ signal: 'metrics', metric: 'http.server.request.duration', aggregation: 'p99' }),
      range,
      MIN,
      100,
      1000,
    );
    expect(plan).toMatchObject({
      kind: 'metric',
      query: { name: 'http.server.request.duration', agg: 'p99', stepMs: MIN },
    });
  });
  it('derives RED intents from spans and saturation from metric candidates', () => {
    expect(
      translateLocal(
        parseUnifiedQuery({ signal: 'metrics', intent: { kind: 'error_rate' }, groupBy: ['service'] }),
        range,
        MIN,
        100,
        500,
      ),
    ).toMatchObject({
      kind: 'spans',
      groupByService: true,
      unit: 'ratio',
      traces: { limit: 500 },
    });
    expect(
      translateLocal(
        parseUnifiedQuery({ signal: 'metrics', intent: { kind: 'saturation', resource: 'memory' } }),
        range,
        MIN,
        100,
        500,
      ),
    ).toMatchObject({
      kind: 'metric-candidates',
      names: [
        'process.memory.usage',
        'process.runtime.nodejs.memory.heap.used',
        'v8js.memory.heap.used',
        'system.memory.usage',
        'container.memory.usage',
      ],
    });
  });
  it('rejects regex filters and native queries', () => {
    expect(() =>
      translateLocal(
        parseUnifiedQuery({ signal: 'logs', filters: [{ key: 'a', op: '=~', value: 'b' }] }),
        range,
        MIN,
        1,
        1,
      ),
    ).toThrow(/exactly/);
    expect(() =>
      translateLocal(
        parseUnifiedQuery({ signal: 'logs', native: { language: 'logql', query: '{}' } }),
        range,
        MIN,
        1,
        1,
      ),
    ).toThrow(/no native/);
  });
});

describe('LocalAdapter', () => {
  it('computes error rate per step from the service server spans', async () => {
    const r = (await adapter(store()).query(
      q({ signal: 'metrics', service: 'checkout', intent: { kind: 'error_rate' } }),
      { nowMs: NOW },
    )) as MetricsResult;
    expect(r.series).toEqual([
      {
        labels: {},
        points: [
          [NOW - 10 * MIN, 0.25],
          [NOW - 9 * MIN, 1],
        ],
      },
    ]);
    expect(r.unit).toBe('ratio');
    expect(r.summary).toMatchObject({ current: 1, max: 1, min: 0.25 });
  });

  it('computes p50 latency, throughput and per-service error rates', async () => {
    const a = adapter(store());
    const lat = (await a.query(
      q({ signal: 'metrics', service: 'checkout', intent: { kind: 'latency', stat: 50 } }),
      { nowMs: NOW },
    )) as MetricsResult;
    expect(lat.series[0]!.points).toEqual([
      [NOW - 10 * MIN, 200],
      [NOW - 9 * MIN, 500],
    ]);
    const tput = (await a.query(
      q({ signal: 'metrics', service: 'checkout', intent: { kind: 'throughput' } }),
      { nowMs: NOW },
    )) as MetricsResult;
    expect(tput.series[0]!.points).toEqual([
      [NOW - 10 * MIN, 4 / 60],
      [NOW - 9 * MIN, 2 / 60],
    ]);
    const by = (await a.query(
      q({ signal: 'metrics', intent: { kind: 'error_rate' }, groupBy: ['service'] }),
      { nowMs: NOW },
    )) as MetricsResult;
    expect(by.series.map((s) => s.labels.service)).toEqual(['checkout', 'payments']);
  });

  it('answers traces with analysis, and a trace by id', async () => {
    const a = adapter(store());
    const r = (await a.query(q({ signal: 'traces', service: 'checkout', status: 'error' }), {
      nowMs: NOW,
    })) as TracesResult;
    expect(r.traces).toHaveLength(3);
    expect(r.analysis.errorTraces).toBe(3);
    expect(r.analysis.slowestTraceId).toBe(tid(5));
    expect(r.analysis.errorOrigin?.service).toBe('payments');
    const one = (await a.query(q({ signal: 'traces', traceId: tid(1) }), { nowMs: NOW })) as TracesResult;
    expect(one.nativeQuery).toBe(`store.getTrace("${tid(1)}")`);
    expect(one.traces[0]).toMatchObject({ spanCount: 3, rootService: 'checkout', durationMs: 200 });
  });

  it('answers logs with the summary by service and severity', async () => {
    const st = store();
    st.logs.push({
      timeUnixNano: ns(NOW - MIN),
      observedTimeUnixNano: 0n,
      severityNumber: 17,
      severityText: 'ERROR',
      body: 'payment failed',
      attributes: { code: 42n },
      droppedAttributesCount: 0,
      flags: 0,
      traceId: 't1',
      spanId: '',
      eventName: '',
      resource: resourceOf('checkout'),
      scope: SCOPE,
    });
    const r = (await adapter(st).query(q({ signal: 'logs', text: 'PAYMENT' }), { nowMs: NOW })) as LogsResult;
    expect(r.records).toEqual([
      {
        timeMs: NOW - MIN,
        service: 'checkout',
        severity: 'error',
        body: 'payment failed',
        attributes: { code: '42' },
        traceId: 't1',
      },
    ]);
    expect(r.summary).toEqual({ total: 1, byService: { checkout: 1 }, bySeverity: { error: 1 } });
  });

  it('finds the CPU metric the store holds', async () => {
    const st = store();
    st.metrics.push({
      name: 'process.cpu.utilization',
      labels: { service: 'checkout' },
      points: [[NOW - MIN, 0.5]],
    });
    const r = (await adapter(st).query(
      q({ signal: 'metrics', service: 'checkout', intent: { kind: 'saturation', resource: 'cpu' } }),
      { nowMs: NOW },
    )) as MetricsResult;
    expect(r.series[0]!.points).toEqual([[NOW - MIN, 0.5]]);
    expect(st.metricQueries[0]).toMatchObject({
      name: 'process.cpu.utilization',
      agg: 'avg',
      service: 'checkout',
    });
    expect(r.nativeQuery).toContain('"name":"process.cpu.utilization"');
  });

  it('lists services', async () => {
    expect(await adapter(store()).services()).toEqual(['checkout', 'payments']);
  });
});
