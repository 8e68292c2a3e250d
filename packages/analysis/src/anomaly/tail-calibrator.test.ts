import { describe, expect, it } from 'vitest';
import { TailCalibrator } from './tail-calibrator.js';

function filled(values: number[]): TailCalibrator {
  const c = new TailCalibrator(10_000);
  for (const v of values) c.add(v);
  return c;
}

describe('TailCalibrator', () => {
  const bulk = Array.from({ length: 2000 }, (_, i) => 0.5 + (i % 100) / 50); // 0.5 .. 2.5

  it('finds typical values unsurprising and rarer ones more surprising', () => {
    const c = filled(bulk);
    expect(c.surprise(1)).toBeLessThan(0.5);
    expect(c.surprise(2.4)).toBeGreaterThan(c.surprise(1.5));
  });

  it('keeps growing surprise past the largest value seen (power-law tail)', () => {
    const c = filled(bulk);
    expect(c.surprise(10)).toBeGreaterThan(3);
    expect(c.surprise(100)).toBeGreaterThan(c.surprise(10) + 2);
  });

  it('says nothing before it has history, and nothing about zero', () => {
    expect(new TailCalibrator(100).surprise(5)).toBe(0);
    expect(filled(bulk).surprise(0)).toBe(0);
  });

  it('forgets: an old burst of large values weighs less after a long calm stretch', () => {
    const c = new TailCalibrator(500);
    for (let i = 0; i < 200; i++) c.add(20);
    const right = c.surprise(20);
    for (let i = 0; i < 5000; i++) c.add(1 + (i % 10) / 10);
    expect(c.surprise(20)).toBeGreaterThan(right + 2);
  });
});
