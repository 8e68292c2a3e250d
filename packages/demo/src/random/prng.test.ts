import { describe, expect, it } from 'vitest';
import { Prng } from './prng.js';

describe('Prng', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const a = new Prng(123);
    const b = new Prng(123);
    const c = new Prng(124);
    const seqA = Array.from({ length: 50 }, () => a.nextUint32());
    expect(Array.from({ length: 50 }, () => b.nextUint32())).toEqual(seqA);
    expect(Array.from({ length: 50 }, () => c.nextUint32())).not.toEqual(seqA);
  });

  it('draws uniform floats in [0, 1) with a mean near one half', () => {
    const r = new Prng(7);
    let sum = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < 20_000; i++) {
      const x = r.next();
      sum += x;
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / 20_000).toBeCloseTo(0.5, 1);
  });

  it('keeps int() within its inclusive bounds and hits both ends', () => {
    const r = new Prng(9);
    const seen = new Set(Array.from({ length: 2_000 }, () => r.int(3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('honours weights in weighted()', () => {
    const r = new Prng(11);
    let heavy = 0;
    for (let i = 0; i < 10_000; i++) {
      if (
        r.weighted([
          ['a', 9],
          ['b', 1],
        ]) === 'a'
      )
        heavy++;
    }
    expect(heavy / 10_000).toBeGreaterThan(0.87);
    expect(heavy / 10_000).toBeLessThan(0.93);
  });

  it('produces lowercase hex of the requested length', () => {
    const r = new Prng(13);
    expect(r.hex(32)).toMatch(/^[0-9a-f]{32}$/);
    expect(r.hex(16)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('forks independent but reproducible streams', () => {
    const f1 = new Prng(5).fork(1);
    const f2 = new Prng(5).fork(1);
    const g = new Prng(5).fork(2);
    expect(f1.hex(16)).toBe(f2.hex(16));
    expect(new Prng(5).fork(1).hex(16)).not.toBe(g.hex(16));
  });
});
