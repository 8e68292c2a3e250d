import { Temporality } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { metric, metricsBatch, numberPoint } from '../testing/metrics.js';
import { DeltaAccumulator } from './delta-accumulator.js';
import { type DropReason, metricsToPromSeries } from './metrics-to-prom.js';
import { type PromSeries, STALE } from './prom-series.js';

const RESOURCE = {
  'service.name': 'checkout',
  'service.namespace': 'shop',
  'service.instance.id': 'pod-1',
  'host.name': 'node-a',
};

function convert(batch: ReturnType<typeof metricsBatch>, deltas = new DeltaAccumulator(100)) {
  const drops: DropReason[] = [];
  if (batch.signal !== 'metrics') throw new Error('metrics only');
  const series = metricsToPromSeries(batch.data, {
    nativeHistograms: true,
    deltas,
    onDrop: (r) => drops.push(r),
  });
  return { series, drops };
}

/** `name{a="1",b="2"} value` lines, for readable assertions. */
function lines(series: PromSeries[]): string[] {
  return series.flatMap((s) => {
    const name = s.labels.find((l) => l.name === '__name__')!.value;
    const rest = s.labels
      .filter((l) => l.name !== '__name__')
      .map((l) => `${l.name}="${l.value}"`)
      .join(',');
    return s.samples.map((x) => `${name}{${rest}} ${x.value === STALE ? 'stale' : x.value}`);
  });
}

const base = 'instance="pod-1",job="shop/checkout",otel_scope_name="scope",otel_scope_version="1.0"';

describe('metricsToPromSeries', () => {
  it('maps gauges and monotonic sums with job/instance, scope labels and a target_info series', () => {
    const { series } = convert(
      metricsBatch(RESOURCE, [
        metric('queue.depth', '{item}', {
          type: 'gauge',
          dataPoints: [numberPoint(7n, 1000, { 'queue.name': 'q1' })],
        }),
        metric('http.requests', '1', {
          type: 'sum',
          aggregationTemporality: Temporality.CUMULATIVE,
          isMonotonic: true,
          dataPoints: [numberPoint(42, 2000)],
        }),
      ]),
    );
    expect(lines(series)).toEqual([
      `queue_depth{${base},queue_name="q1"} 7`,
      `http_requests_total{${base}} 42`,
      'target_info{host_name="node-a",instance="pod-1",job="shop/checkout"} 1',
    ]);
    expect(series.map((s) => s.samples[0]!.timestampMs)).toEqual([1000, 2000, 2000]);
    expect(series[0]!.labels.map((l) => l.name)).toEqual([...series[0]!.labels.map((l) => l.name)].sort());
  });

  it('writes explicit histograms as cumulative _bucket series with le, plus _sum and _count', () => {
    const { series } = convert(
      metricsBatch({ 'service.name': 'api' }, [
        metric('http.server.request.duration', 's', {
          type: 'histogram',
          aggregationTemporality: Temporality.CUMULATIVE,
          dataPoints: [
            {
              attributes: {},
              startTimeUnixNano: 0n,
              timeUnixNano: 5_000_000n,
              flags: 0,
              count: 6n,
              sum: 2.5,
              bucketCounts: [1n, 2n, 3n],
              explicitBounds: [0.1, 0.5],
              exemplars: [],
            },
          ],
        }),
      ]),
    );
    const b = 'job="api",otel_scope_name="scope",otel_scope_version="1.0"';
    const le = (bound: string) => `job="api",le="${bound}",otel_scope_name="scope",otel_scope_version="1.0"`;
    expect(lines(series)).toEqual([
      `http_server_request_duration_seconds_bucket{${le('0.1')}} 1`,
      `http_server_request_duration_seconds_bucket{${le('0.5')}} 3`,
      `http_server_request_duration_seconds_bucket{${le('+Inf')}} 6`,
      `http_server_request_duration_seconds_sum{${b}} 2.5`,
      `http_server_request_duration_seconds_count{${b}} 6`,
    ]);
  });

  it('writes summaries as quantile series plus _sum and _count, and flagged points as stale markers', () => {
    const { series } = convert(
      metricsBatch({ 'service.name': 'api' }, [
        metric('rpc.latency', 'ms', {
          type: 'summary',
          dataPoints: [
            {
              attributes: {},
              startTimeUnixNano: 0n,
              timeUnixNano: 1_000_000n,
              flags: 0,
              count: 10n,
              sum: 55,
              quantileValues: [
                { quantile: 0.5, value: 4 },
                { quantile: 0.99, value: 9 },
              ],
            },
          ],
        }),
        metric('temp', 'Cel', { type: 'gauge', dataPoints: [{ ...numberPoint(1, 1), flags: 1 }] }),
      ]),
    );
    expect(lines(series).map((l) => l.replace(/\{[^}]*?(quantile="[^"]+")?\}/, '{$1}'))).toEqual([
      'rpc_latency_milliseconds{quantile="0.5"} 4',
      'rpc_latency_milliseconds{quantile="0.99"} 9',
      'rpc_latency_milliseconds_sum{} 55',
      'rpc_latency_milliseconds_count{} 10',
      'temp_celsius{} stale',
    ]);
  });

  it('converts delta sums to running totals per series and restarts an evicted series', () => {
    const deltas = new DeltaAccumulator(1);
    const delta = (v: number, route: string) =>
      metricsBatch({ 'service.name': 'api' }, [
        metric('hits', '', {
          type: 'sum',
          aggregationTemporality: Temporality.DELTA,
          isMonotonic: true,
          dataPoints: [numberPoint(v, 1, { route })],
        }),
      ]);
    const values = (b: ReturnType<typeof delta>) => convert(b, deltas).series.map((s) => s.samples[0]!.value);
    expect(values(delta(3, '/a'))).toEqual([3]);
    expect(values(delta(4, '/a'))).toEqual([7]);
    expect(values(delta(5, '/b'))).toEqual([5]);
    expect(deltas.size).toBe(1);
    expect(values(delta(1, '/a'))).toEqual([1]);
  });

  it('accumulates delta histograms bucket by bucket', () => {
    const deltas = new DeltaAccumulator(10);
    const point = (counts: bigint[]) =>
      metricsBatch({ 'service.name': 'api' }, [
        metric('size', 'By', {
          type: 'histogram',
          aggregationTemporality: Temporality.DELTA,
          dataPoints: [
            {
              attributes: {},
              startTimeUnixNano: 0n,
              timeUnixNano: 1n,
              flags: 0,
              count: counts.reduce((a, b) => a + b, 0n),
              sum: 10,
              bucketCounts: counts,
              explicitBounds: [100],
              exemplars: [],
            },
          ],
        }),
      ]);
    convert(point([1n, 2n]), deltas);
    const { series } = convert(point([3n, 0n]), deltas);
    expect(series.map((s) => s.samples[0]!.value)).toEqual([4, 6, 20, 6]);
  });

  it('turns cumulative exponential histograms into native histograms and drops delta ones, counted', () => {
    const exp = (temporality: Temporality, scale: number) =>
      metricsBatch({ 'service.name': 'api' }, [
        metric('latency', 'ms', {
          type: 'exponentialHistogram',
          aggregationTemporality: temporality,
          dataPoints: [
            {
              attributes: {},
              startTimeUnixNano: 0n,
              timeUnixNano: 3_000_000n,
              flags: 0,
              count: 5n,
              sum: 12,
              scale,
              zeroCount: 1n,
              zeroThreshold: 0,
              positive: { offset: 2, bucketCounts: [1n, 0n, 3n] },
              negative: { offset: 0, bucketCounts: [] },
              exemplars: [],
            },
          ],
        }),
      ]);
    const { series } = convert(exp(Temporality.CUMULATIVE, 3));
    expect(series[0]!.labels.find((l) => l.name === '__name__')!.value).toBe('latency_milliseconds');
    expect(series[0]!.histograms[0]).toMatchObject({
      count: 5,
      sum: 12,
      schema: 3,
      zeroCount: 1,
      positiveSpans: [{ offset: 3, length: 3 }],
      positiveDeltas: [1, -1, 3],
      negativeSpans: [],
      timestampMs: 3,
    });
    expect(convert(exp(Temporality.DELTA, 3)).drops).toEqual(['delta_exponential_histogram']);
    expect(convert(exp(Temporality.CUMULATIVE, -5)).drops).toEqual(['exponential_histogram_scale']);
  });

  it('downscales exponential histograms finer than schema 8 by merging buckets', () => {
    const { series } = convert(
      metricsBatch({ 'service.name': 'api' }, [
        metric('fine', '', {
          type: 'exponentialHistogram',
          aggregationTemporality: Temporality.CUMULATIVE,
          dataPoints: [
            {
              attributes: {},
              startTimeUnixNano: 0n,
              timeUnixNano: 1n,
              flags: 0,
              count: 6n,
              scale: 10,
              zeroCount: 0n,
              zeroThreshold: 0,
              // OTLP indexes 3..8 at scale 10 → 0,1,1,1,1,2 at scale 8 (i >> 2): counts [1, 4, 1]
              positive: { offset: 3, bucketCounts: [1n, 1n, 1n, 1n, 1n, 1n] },
              negative: { offset: 0, bucketCounts: [] },
              exemplars: [],
            },
          ],
        }),
      ]),
    );
    const h = series[0]!.histograms[0]!;
    expect(h.schema).toBe(8);
    expect(h.positiveSpans).toEqual([{ offset: 1, length: 3 }]);
    expect(h.positiveDeltas).toEqual([1, 3, -3]);
  });
});
