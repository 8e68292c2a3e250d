import { describe, expect, it } from 'vitest';
import { aggregateSeries, bucketQuantile, type SeriesPoint } from './metric-aggregation.js';

const S = 1_000_000_000n;

function point(t: bigint, data: SeriesPoint['data'], over: Partial<SeriesPoint> = {}): SeriesPoint {
  return { timeNs: t * S, startNs: 0n, type: 'sum', temporality: 2, data, ...over };
}

describe('bucketQuantile', () => {
  it('interpolates inside the bucket holding the rank, like histogram_quantile', () => {
    const buckets = [
      { lower: 0, upper: 1, count: 10 },
      { lower: 1, upper: 2, count: 30 },
      { lower: 2, upper: Number.POSITIVE_INFINITY, count: 0 },
    ];
    expect(bucketQuantile(0.25, buckets)).toBeCloseTo(1, 12);
    expect(bucketQuantile(0.5, buckets)).toBeCloseTo(1 + 10 / 30, 12);
  });

  it('answers the highest finite bound when the rank falls in the +Inf bucket, NaN when empty', () => {
    expect(bucketQuantile(0.99, [{ lower: 5, upper: Number.POSITIVE_INFINITY, count: 3 }])).toBe(5);
    expect(bucketQuantile(0.5, [{ lower: 0, upper: 1, count: 0 }])).toBeNaN();
  });
});

describe('aggregateSeries', () => {
  it('treats a counter drop as a reset when computing rate', () => {
    const pts = [point(0n, { v: 10 }), point(10n, { v: 20 }), point(20n, { v: 5 })];
    expect(aggregateSeries(pts, 'rate', undefined, undefined).map(([, v]) => v)).toEqual([1, 0.5]);
  });

  it('computes quantiles of exponential histograms from their buckets', () => {
    // scale 0: base 2; positive buckets (1,2], (2,4], (4,8] with 0, 10, 0 observations
    const p = point(
      1n,
      { c: 10, s: 30, sc: 0, z: 0, zt: 0, po: 0, pb: [0, 10, 0], no: 0, nb: [] },
      {
        type: 'exponentialHistogram',
        temporality: 1,
      },
    );
    const [[, p50] = [0, 0]] = aggregateSeries([p], 'p50', undefined, undefined);
    expect(p50).toBeCloseTo(3, 12);
    expect(aggregateSeries([p], 'avg', undefined, undefined)).toEqual([[1000, 3]]);
  });

  it('reads summary quantiles and averages from the latest point of a step', () => {
    const pts = [
      point(
        1n,
        {
          c: 4,
          s: 8,
          q: [
            [0.5, 1.5],
            [0.99, 9],
          ],
        },
        { type: 'summary', temporality: 0 },
      ),
      point(
        2n,
        {
          c: 10,
          s: 30,
          q: [
            [0.5, 2.5],
            [0.99, 7],
          ],
        },
        { type: 'summary', temporality: 0 },
      ),
    ];
    expect(aggregateSeries(pts, 'p99', 60_000, undefined)).toEqual([[0, 7]]);
    expect(aggregateSeries(pts, 'avg', undefined, undefined).map(([, v]) => v)).toEqual([2, 3]);
  });

  it('uses only increases inside the window for a histogram that started before it', () => {
    const bounds = { eb: [1] };
    const pts = [
      point(10n, { c: 100, s: 50, bc: [100, 0], ...bounds }, { type: 'histogram', startNs: 1n }),
      point(20n, { c: 110, s: 70, bc: [100, 10], ...bounds }, { type: 'histogram', startNs: 1n }),
    ];
    expect(aggregateSeries(pts, 'count', undefined, 5n * S)).toEqual([[20_000, 10]]);
    expect(aggregateSeries(pts, 'p50', undefined, 5n * S)).toEqual([[20_000, 1]]);
  });
});
