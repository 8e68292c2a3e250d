import { type MetricsData, Temporality } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { DeltaAccumulator } from '../prometheus/delta-accumulator.js';
import { metric, metricsBatch, numberPoint } from '../testing/metrics.js';
import { renderExposition } from './exposition-format.js';
import { type ScrapeDropReason, ScrapeStore } from './scrape-store.js';

const RESOURCE = { 'service.name': 'checkout', 'service.instance.id': 'pod-1', 'host.name': 'node-a' };
const SCOPE = 'otel_scope_name="scope",otel_scope_version="1.0"';
const JOB = 'instance="pod-1",job="checkout"';

function data(
  metrics: Parameters<typeof metricsBatch>[1],
  resource: Record<string, string> = RESOURCE,
): MetricsData {
  const b = metricsBatch(resource, metrics);
  if (b.signal !== 'metrics') throw new Error('metrics only');
  return b.data;
}

function setup(opts: { maxSeries?: number; expireAfterMs?: number } = {}) {
  let now = 1_000_000;
  const drops: Partial<Record<ScrapeDropReason, number>> = {};
  let expired = 0;
  const store = new ScrapeStore({
    maxSeries: opts.maxSeries ?? 1000,
    expireAfterMs: opts.expireAfterMs ?? 60_000,
    deltas: new DeltaAccumulator(1000),
    onDrop: (r, n) => {
      drops[r] = (drops[r] ?? 0) + n;
    },
    onExpire: (n) => {
      expired += n;
    },
    now: () => now,
  });
  return {
    store,
    drops,
    expired: () => expired,
    advance: (ms: number) => {
      now += ms;
    },
    text: () => renderExposition(store.snapshot()),
  };
}

const gauge = (name: string, v: number, attrs: Record<string, string> = {}) =>
  metric(name, '', { type: 'gauge', dataPoints: [numberPoint(v, 1000, attrs)] });

describe('ScrapeStore', () => {
  it('serves gauges, cumulative counters and target_info with TYPE lines, families sorted by name', () => {
    const s = setup();
    const counter = metric('http.server.requests', '', {
      type: 'sum',
      aggregationTemporality: Temporality.CUMULATIVE,
      isMonotonic: true,
      dataPoints: [numberPoint(1234, 1000, { method: 'GET' })],
    });
    counter.description = 'Requests served';
    s.store.ingest(data([gauge('queue.depth', 17, { q: 'emails' }), counter]));
    expect(s.text()).toBe(
      [
        '# HELP http_server_requests_total Requests served',
        '# TYPE http_server_requests_total counter',
        `http_server_requests_total{${JOB},method="GET",${SCOPE}} 1234`,
        '# TYPE queue_depth gauge',
        `queue_depth{${JOB},${SCOPE},q="emails"} 17`,
        '# HELP target_info Target metadata',
        '# TYPE target_info gauge',
        `target_info{host_name="node-a",${JOB}} 1`,
        '',
      ].join('\n'),
    );
  });

  it('keeps only the latest value of a gauge series', () => {
    const s = setup();
    s.store.ingest(data([gauge('temp', 20)]));
    s.store.ingest(data([gauge('temp', 21.5)]));
    expect(s.text()).toContain(`temp{${JOB},${SCOPE}} 21.5\n`);
    expect(s.text()).not.toContain(' 20\n');
  });

  it('accumulates delta sums into a cumulative counter', () => {
    const s = setup();
    const delta = (v: number) =>
      metric('jobs.done', '', {
        type: 'sum',
        aggregationTemporality: Temporality.DELTA,
        isMonotonic: true,
        dataPoints: [numberPoint(v, 1000)],
      });
    s.store.ingest(data([delta(5)]));
    s.store.ingest(data([delta(7)]));
    expect(s.text()).toContain(`jobs_done_total{${JOB},${SCOPE}} 12\n`);
  });

  it('renders histograms as cumulative _bucket series with le (labels sorted), then _sum and _count', () => {
    const s = setup();
    s.store.ingest(
      data(
        [
          metric('latency', 's', {
            type: 'histogram',
            aggregationTemporality: Temporality.CUMULATIVE,
            dataPoints: [
              {
                attributes: {},
                startTimeUnixNano: 0n,
                timeUnixNano: 1_000_000_000n,
                flags: 0,
                count: 10n,
                sum: 3.5,
                bucketCounts: [2n, 5n, 3n],
                explicitBounds: [0.1, 0.5],
                exemplars: [],
              },
            ],
          }),
        ],
        { 'service.name': 'api' },
      ),
    );
    const sc = `job="api",${SCOPE}`;
    expect(s.text()).toBe(
      [
        '# TYPE latency_seconds histogram',
        `latency_seconds_bucket{job="api",le="0.1",${SCOPE}} 2`,
        `latency_seconds_bucket{job="api",le="0.5",${SCOPE}} 7`,
        `latency_seconds_bucket{job="api",le="+Inf",${SCOPE}} 10`,
        `latency_seconds_sum{${sc}} 3.5`,
        `latency_seconds_count{${sc}} 10`,
        '',
      ].join('\n'),
    );
  });

  it('renders summaries as quantile series plus _sum and _count', () => {
    const s = setup();
    s.store.ingest(
      data(
        [
          metric('rpc.latency', 'ms', {
            type: 'summary',
            dataPoints: [
              {
                attributes: {},
                startTimeUnixNano: 0n,
                timeUnixNano: 1_000_000_000n,
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
        ],
        { 'service.name': 'api' },
      ),
    );
    const sc = `job="api",${SCOPE}`;
    expect(s.text()).toBe(
      [
        '# TYPE rpc_latency_milliseconds summary',
        `rpc_latency_milliseconds{${sc},quantile="0.5"} 18`,
        `rpc_latency_milliseconds{${sc},quantile="0.99"} 95`,
        `rpc_latency_milliseconds_sum{${sc}} 800`,
        `rpc_latency_milliseconds_count{${sc}} 40`,
        '',
      ].join('\n'),
    );
  });

  it('skips exponential histograms and counts their data points', () => {
    const s = setup();
    const point = {
      attributes: {},
      startTimeUnixNano: 0n,
      timeUnixNano: 1_000_000_000n,
      flags: 0,
      count: 1n,
      sum: 1,
      scale: 2,
      zeroCount: 0n,
      zeroThreshold: 0,
      positive: { offset: 0, bucketCounts: [1n] },
      negative: { offset: 0, bucketCounts: [] },
      exemplars: [],
    };
    s.store.ingest(
      data([
        metric('db.latency', 'ms', {
          type: 'exponentialHistogram',
          aggregationTemporality: Temporality.CUMULATIVE,
          dataPoints: [point, point],
        }),
      ]),
    );
    expect(s.drops.exponential_histogram).toBe(2);
    expect(s.store.size).toBe(0);
    expect(s.text()).toBe('');
  });

  it('stops serving series not updated within expireAfterMs and counts them', () => {
    const s = setup({ expireAfterMs: 10_000 });
    s.store.ingest(data([gauge('old', 1), gauge('kept', 2)]));
    s.advance(6000);
    s.store.ingest(data([gauge('kept', 3)]));
    s.advance(6000);
    const text = s.text();
    expect(text).not.toContain('old{');
    expect(text).toContain(`kept{${JOB},${SCOPE}} 3\n`);
    // target_info was refreshed by the second batch too.
    expect(text).toContain('target_info{');
    expect(s.expired()).toBe(1);
  });

  it('drops and counts new series beyond maxSeries but keeps updating held ones', () => {
    const s = setup({ maxSeries: 2 });
    s.store.ingest(data([gauge('a', 1), gauge('b', 1)], { 'service.name': 'x' }));
    s.store.ingest(data([gauge('a', 5), gauge('c', 1)], { 'service.name': 'x' }));
    expect(s.store.size).toBe(2);
    expect(s.drops.series_limit).toBe(1);
    expect(s.text()).toContain(`a{job="x",${SCOPE}} 5\n`);
    expect(s.text()).not.toContain('c{');
  });

  it('drops a metric whose family name is already held with another type', () => {
    const s = setup();
    s.store.ingest(data([gauge('requests', 1)], { 'service.name': 'x' }));
    s.store.ingest(
      data(
        [
          metric('requests', '', {
            type: 'summary',
            dataPoints: [
              {
                attributes: {},
                startTimeUnixNano: 0n,
                timeUnixNano: 1_000_000_000n,
                flags: 0,
                count: 1n,
                sum: 1,
                quantileValues: [],
              },
            ],
          }),
        ],
        { 'service.name': 'x' },
      ),
    );
    expect(s.drops.type_conflict).toBe(1);
    expect(s.text()).toBe(`# TYPE requests gauge\nrequests{job="x",${SCOPE}} 1\n`);
  });

  it('removes a series at once when its point is flagged "no recorded value"', () => {
    const s = setup();
    s.store.ingest(data([gauge('temp', 20)], { 'service.name': 'x' }));
    const stale = gauge('temp', 0);
    if (stale.data?.type === 'gauge') stale.data.dataPoints[0]!.flags = 1;
    s.store.ingest(data([stale], { 'service.name': 'x' }));
    expect(s.store.size).toBe(0);
    expect(s.text()).toBe('');
  });
});
