import { describe, expect, it } from 'vitest';
import { summarizeSeries } from './summarize.js';
import { theilSenSlope, trendOf } from './theil-sen.js';
import { chooseStepMs, resolveRange } from './time-range.js';

const line = (f: (i: number) => number, n = 30): [number, number][] =>
  Array.from({ length: n }, (_, i) => [i * 60_000, f(i)]);

describe('summary helpers', () => {
  it('Theil–Sen ignores a single outlier', () => {
    const pts = line((i) => 2 * i);
    pts[10] = [600_000, 1e6];
    expect(theilSenSlope(pts) * 60_000).toBeCloseTo(2, 6);
    expect(trendOf(pts)).toBe('increasing');
  });
  it('reads flat, decreasing and noisy-flat series', () => {
    expect(trendOf(line(() => 5))).toBe('flat');
    expect(trendOf(line((i) => 100 - i))).toBe('decreasing');
    expect(trendOf(line((i) => 50 + (i % 2 === 0 ? 1 : -1)))).toBe('flat');
  });
  it('summarises current/average/min/max across series and flags a spike', () => {
    const calm = line((i) => 10 + (i % 3), 200);
    const spiky = calm.map(([t, v], i): [number, number] => [t, i === 190 ? 500 : v]);
    const s = summarizeSeries([{ labels: {}, points: spiky }]);
    expect(s).toMatchObject({ max: 500, min: 10, anomalyDetected: true });
    expect(summarizeSeries([{ labels: {}, points: calm }]).anomalyDetected).toBe(false);
    expect(summarizeSeries([])).toEqual({
      current: null,
      average: null,
      min: null,
      max: null,
      trend: 'flat',
      anomalyDetected: false,
    });
    const two = summarizeSeries([
      {
        labels: { a: '1' },
        points: [
          [0, 1],
          [1, 3],
        ],
      },
      {
        labels: { a: '2' },
        points: [
          [0, 3],
          [1, 5],
        ],
      },
    ]);
    expect(two).toMatchObject({ current: 4, average: 3, min: 2, max: 4 });
  });
  it('resolves relative ranges and raises a too-fine step', () => {
    const now = 1_714_564_800_000;
    expect(resolveRange({ start: 'last 30 minutes', end: 'now' }, now)).toEqual({
      startMs: now - 1_800_000,
      endMs: now,
    });
    expect(resolveRange({ start: 'now-1h', end: now }, now)).toEqual({
      startMs: now - 3_600_000,
      endMs: now,
    });
    expect(() => resolveRange({ start: 'now', end: 'now-1h' }, now)).toThrow(/empty/);
    expect(chooseStepMs({ startMs: 0, endMs: 3_600_000 }, undefined, 11_000)).toEqual({ stepMs: 30_000 });
    expect(chooseStepMs({ startMs: 0, endMs: 86_400_000 }, '1s', 11_000).stepMs).toBe(10_000);
  });
});
