import { describe, expect, it } from 'vitest';
import { CumulativeToDelta, seriesKey } from './cumulative-to-delta.js';

describe('CumulativeToDelta', () => {
  it('treats the first point as a baseline, then emits differences and restarts on a reset', () => {
    const d = new CumulativeToDelta(10, 1_000);
    expect(d.sum('k', 5n, 10)).toBeUndefined();
    expect(d.sum('k', 5n, 14)).toBe(4);
    expect(d.sum('k', 5n, 3)).toBe(3); // lower value: counter reset
    expect(d.sum('k', 9n, 8)).toBe(8); // new start time: reset
  });

  it('emits the whole first value of a series that started after the converter', () => {
    const d = new CumulativeToDelta(10, 1_000);
    expect(d.sum('k', 2_000_000_000n, 7)).toBe(7);
  });

  it('subtracts histogram counts, sums and buckets', () => {
    const d = new CumulativeToDelta(10, 1_000);
    d.histogram('h', 1n, { count: 2, sum: 10, counts: [1, 1] });
    expect(d.histogram('h', 1n, { count: 5, sum: 40, counts: [2, 3] })).toEqual({
      count: 3,
      sum: 30,
      counts: [1, 2],
    });
  });

  it('forgets the least recently used series beyond its bound', () => {
    const d = new CumulativeToDelta(2, 1_000);
    d.sum('a', 1n, 1);
    d.sum('b', 1n, 1);
    d.sum('c', 1n, 1);
    expect(d.size).toBe(2);
    expect(d.sum('a', 1n, 5)).toBeUndefined(); // evicted: a baseline again
  });

  it('keys series by sorted attributes', () => {
    expect(seriesKey('r', 'm', { b: 1n, a: 'x' })).toBe(seriesKey('r', 'm', { a: 'x', b: 1n }));
  });
});
