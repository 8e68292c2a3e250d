import {
  type ExponentialHistogramDataPoint,
  type HistogramDataPoint,
  type MetricData,
  type NumberDataPoint,
  type TelemetryBatch,
  Temporality,
} from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { metric, metricsBatch, numberPoint } from '../exporters/testing/metrics.js';
import { SelfMetrics } from '../self/self-metrics.js';
import {
  CumulativeToDelta,
  type CumulativeToDeltaOptions,
  cumulativeToDeltaConfigSchema,
} from './cumulative-to-delta.js';

const RESOURCE = { 'service.name': 'checkout' };
const CUMULATIVE = Temporality.CUMULATIVE;

function sum(points: NumberDataPoint[], monotonic = true): MetricData {
  return { type: 'sum', aggregationTemporality: CUMULATIVE, isMonotonic: monotonic, dataPoints: points };
}

function started(p: NumberDataPoint, startMs: number): NumberDataPoint {
  return { ...p, startTimeUnixNano: BigInt(startMs) * 1_000_000n };
}

function firstData(batch: TelemetryBatch | null): MetricData | undefined {
  if (batch?.signal !== 'metrics') return undefined;
  return batch.data.resourceMetrics[0]?.scopeMetrics[0]?.metrics[0]?.data;
}

/** The converter is created at 10 s after the epoch unless told otherwise. */
function make(maxSeries = 100, options: CumulativeToDeltaOptions = { nowMs: 10_000 }) {
  const metrics = new SelfMetrics();
  const p = new CumulativeToDelta(
    cumulativeToDeltaConfigSchema.parse({ maxSeries }),
    'c2d',
    metrics,
    options,
  );
  const count = (name: string, reason?: string) =>
    metrics.value(name, reason ? { processor: 'c2d', reason } : { processor: 'c2d' });
  return { p, count };
}

function sumBatch(points: NumberDataPoint[], monotonic = true) {
  return metricsBatch(RESOURCE, [metric('orders_total', '1', sum(points, monotonic))]);
}

describe('CumulativeToDelta', () => {
  it('drops the first point of a series (counted) and sends later ones as deltas over [previous, now]', () => {
    const { p, count } = make();
    expect(p.process(sumBatch([started(numberPoint(10n, 1000), 0)]))).toBeNull();
    expect(count('switchyard_cumulative_to_delta_dropped_points_total', 'first_point')).toBe(1);
    const out = firstData(p.process(sumBatch([started(numberPoint(15n, 2000), 0)])));
    expect(out).toMatchObject({ type: 'sum', aggregationTemporality: Temporality.DELTA });
    expect(out?.type === 'sum' && out.dataPoints[0]).toMatchObject({
      value: 5n,
      startTimeUnixNano: 1_000_000_000n,
      timeUnixNano: 2_000_000_000n,
    });
  });

  it('sends the first point whole when its series started at or after the converter was created', () => {
    const { p, count } = make();
    const out = firstData(p.process(sumBatch([started(numberPoint(7n, 12_000), 10_000)])));
    expect(out?.type === 'sum' && out.dataPoints[0]).toMatchObject({
      value: 7n,
      startTimeUnixNano: 10_000_000_000n,
      timeUnixNano: 12_000_000_000n,
    });
    expect(count('switchyard_cumulative_to_delta_dropped_points_total', 'first_point')).toBe(0);
    // The same first point again (a retry) is sent whole again; the next one is a delta.
    expect(firstData(p.process(sumBatch([started(numberPoint(7n, 12_000), 10_000)])))).toEqual(out);
    const next = firstData(p.process(sumBatch([started(numberPoint(9n, 13_000), 10_000)])));
    expect(next?.type === 'sum' && next.dataPoints[0]?.value).toBe(2n);
    // A series that started before the converter, or without a start time, has its first point dropped.
    expect(p.process(sumBatch([started(numberPoint(5n, 12_000, { k: 'old' }), 9_999)]))).toBeNull();
    expect(p.process(sumBatch([numberPoint(5n, 12_000, { k: 'unknown' })]))).toBeNull();
    expect(count('switchyard_cumulative_to_delta_dropped_points_total', 'first_point')).toBe(2);
  });

  it('keys a series by its attributes whatever their order', () => {
    const { p } = make();
    p.process(sumBatch([numberPoint(1, 1000, { b: 1n, a: 'x' })]));
    const out = firstData(p.process(sumBatch([numberPoint(4, 2000, { a: 'x', b: 1n })])));
    expect(out?.type === 'sum' && out.dataPoints[0]?.value).toBe(3);
  });

  it('can leave non-monotonic cumulative sums as they are (up-down counters as current values)', () => {
    const { p } = make(100, { nowMs: 10_000, monotonicSumsOnly: true });
    const upDown = sumBatch([numberPoint(10, 1000)], false);
    expect(p.process(upDown)).toBe(upDown);
    expect(p.size).toBe(0);
    expect(p.process(sumBatch([numberPoint(10, 1000)]))).toBeNull(); // monotonic: converted (first point)
  });

  it('keeps one series per point attribute set and per resource', () => {
    const { p } = make();
    p.process(sumBatch([numberPoint(1, 1000, { route: '/a' }), numberPoint(100, 1000, { route: '/b' })]));
    const out = firstData(
      p.process(sumBatch([numberPoint(3, 2000, { route: '/a' }), numberPoint(150, 2000, { route: '/b' })])),
    );
    expect(out?.type === 'sum' && out.dataPoints.map((d) => d.value)).toEqual([2, 50]);
    const other = metricsBatch({ 'service.name': 'cart' }, [
      metric('orders_total', '1', sum([numberPoint(7, 3000)])),
    ]);
    expect(p.process(other)).toBeNull();
  });

  it('restarts a series on a reset: sent whole when the start time moved, dropped when only the value fell', () => {
    const { p, count } = make();
    p.process(sumBatch([started(numberPoint(10n, 1000), 500)]));
    const restarted = firstData(p.process(sumBatch([started(numberPoint(4n, 3000), 2500)])));
    expect(restarted?.type === 'sum' && restarted.dataPoints[0]).toMatchObject({
      value: 4n,
      startTimeUnixNano: 2_500_000_000n,
    });
    expect(p.process(sumBatch([started(numberPoint(1n, 4000), 2500)]))).toBeNull();
    expect(count('switchyard_cumulative_to_delta_resets_total')).toBe(2);
    expect(count('switchyard_cumulative_to_delta_dropped_points_total', 'reset')).toBe(1);
    const after = firstData(p.process(sumBatch([started(numberPoint(6n, 5000), 2500)])));
    expect(after?.type === 'sum' && after.dataPoints[0]?.value).toBe(5n);
  });

  it('lets a non-monotonic sum go down without a reset', () => {
    const { p } = make();
    p.process(sumBatch([numberPoint(10, 1000)], false));
    const out = firstData(p.process(sumBatch([numberPoint(7, 2000)], false)));
    expect(out?.type === 'sum' && out.dataPoints[0]?.value).toBe(-3);
  });

  it('drops an out-of-order point without moving the series', () => {
    const { p, count } = make();
    p.process(sumBatch([numberPoint(10, 2000)]));
    expect(p.process(sumBatch([numberPoint(12, 1000)]))).toBeNull();
    expect(count('switchyard_cumulative_to_delta_dropped_points_total', 'out_of_order')).toBe(1);
    const out = firstData(p.process(sumBatch([numberPoint(13, 3000)])));
    expect(out?.type === 'sum' && out.dataPoints[0]?.value).toBe(3);
  });

  it('converts histograms bucket by bucket and leaves out min and max', () => {
    const { p } = make();
    const h = (count: bigint, counts: bigint[], s: number, timeMs: number): MetricData => ({
      type: 'histogram',
      aggregationTemporality: CUMULATIVE,
      dataPoints: [
        {
          attributes: {},
          startTimeUnixNano: 0n,
          timeUnixNano: BigInt(timeMs) * 1_000_000n,
          flags: 0,
          count,
          sum: s,
          bucketCounts: counts,
          explicitBounds: [10, 100],
          exemplars: [],
          min: 1,
          max: 200,
        },
      ],
    });
    p.process(metricsBatch(RESOURCE, [metric('latency', 'ms', h(3n, [1n, 1n, 1n], 150, 1000))]));
    const out = firstData(
      p.process(metricsBatch(RESOURCE, [metric('latency', 'ms', h(7n, [2n, 4n, 1n], 290, 2000))])),
    );
    expect(out?.type).toBe('histogram');
    const point = (out as { dataPoints: HistogramDataPoint[] }).dataPoints[0]!;
    expect(point).toMatchObject({ count: 4n, bucketCounts: [1n, 3n, 0n], sum: 140 });
    expect(point.min).toBeUndefined();
    expect(point.max).toBeUndefined();
    // Changed bounds are a different layout: a reset, not a negative bucket.
    const moved = h(9n, [9n, 0n, 0n], 300, 3000);
    (moved as { dataPoints: HistogramDataPoint[] }).dataPoints[0]!.explicitBounds = [5, 50];
    expect(p.process(metricsBatch(RESOURCE, [metric('latency', 'ms', moved)]))).toBeNull();
  });

  it('converts exponential histograms, aligning buckets by index when the offset moves', () => {
    const { p } = make();
    const e = (offset: number, counts: bigint[], timeMs: number): MetricData => ({
      type: 'exponentialHistogram',
      aggregationTemporality: CUMULATIVE,
      dataPoints: [
        {
          attributes: {},
          startTimeUnixNano: 0n,
          timeUnixNano: BigInt(timeMs) * 1_000_000n,
          flags: 0,
          count: counts.reduce((a, b) => a + b, 0n),
          sum: 10,
          scale: 2,
          zeroCount: 0n,
          zeroThreshold: 0,
          positive: { offset, bucketCounts: counts },
          negative: { offset: 0, bucketCounts: [] },
          exemplars: [],
        },
      ],
    });
    p.process(metricsBatch(RESOURCE, [metric('size', 'By', e(3, [2n, 1n], 1000))]));
    const out = firstData(
      p.process(metricsBatch(RESOURCE, [metric('size', 'By', e(2, [4n, 3n, 1n], 2000))])),
    );
    const point = (out as { dataPoints: ExponentialHistogramDataPoint[] }).dataPoints[0]!;
    expect(point.positive).toEqual({ offset: 2, bucketCounts: [4n, 1n, 0n] });
    expect(point.count).toBe(5n);
  });

  it('answers a retried batch (same points again) with the same deltas', () => {
    const { p } = make();
    p.process(sumBatch([numberPoint(10, 1000)]));
    const first = firstData(p.process(sumBatch([numberPoint(15, 2000)])));
    const again = firstData(p.process(sumBatch([numberPoint(15, 2000)])));
    expect(again).toEqual(first);
    const next = firstData(p.process(sumBatch([numberPoint(18, 3000)])));
    expect(next?.type === 'sum' && next.dataPoints[0]?.value).toBe(3);
  });

  it('passes gauges and delta sums through untouched, returning the same batch (bytes stay reusable)', () => {
    const { p } = make();
    const batch = metricsBatch(RESOURCE, [
      metric('temp', 'C', { type: 'gauge', dataPoints: [numberPoint(20, 1000)] }),
      metric('hits', '1', {
        type: 'sum',
        aggregationTemporality: Temporality.DELTA,
        isMonotonic: true,
        dataPoints: [numberPoint(2, 1000)],
      }),
    ]);
    const encoded = { format: 'protobuf' as const, bytes: new Uint8Array([1]) };
    const withBytes = { ...batch, encoded } as TelemetryBatch;
    expect(p.process(withBytes)).toBe(withBytes);
  });

  it('does not modify its input and drops the received bytes of a converted batch', () => {
    const { p } = make();
    p.process(sumBatch([numberPoint(1, 1000)]));
    const input = {
      ...sumBatch([numberPoint(4, 2000)]),
      encoded: { format: 'protobuf' as const, bytes: new Uint8Array() },
    } as TelemetryBatch;
    const before = structuredClone(input);
    const out = p.process(input);
    expect(input).toEqual(before);
    expect(out?.encoded).toBeUndefined();
  });

  it('bounds its state: the least recently seen series is evicted (counted) and starts over', () => {
    const { p, count } = make(2);
    p.process(sumBatch([numberPoint(1, 1000, { k: 'a' })]));
    p.process(sumBatch([numberPoint(1, 1000, { k: 'b' })]));
    p.process(sumBatch([numberPoint(2, 2000, { k: 'a' })]));
    p.process(sumBatch([numberPoint(1, 1000, { k: 'c' })]));
    expect(p.size).toBe(2);
    expect(count('switchyard_cumulative_to_delta_evicted_series_total')).toBe(1);
    const a = firstData(p.process(sumBatch([numberPoint(3, 3000, { k: 'a' })])));
    expect(a?.type === 'sum' && a.dataPoints[0]?.value).toBe(1);
    // b was forgotten: its next point is a first point again.
    expect(p.process(sumBatch([numberPoint(5, 3000, { k: 'b' })]))).toBeNull();
  });
});
