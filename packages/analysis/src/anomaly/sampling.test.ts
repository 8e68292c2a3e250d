import { describe, expect, it } from 'vitest';
import { GAP_STEPS, SamplingClock } from './sampling.js';

describe('SamplingClock', () => {
  it('learns the nominal interval and reports regular steps as 1', () => {
    const c = new SamplingClock();
    let last = 0;
    for (let i = 0; i < 100; i++) last = c.step(i * 300_000);
    expect(c.interval).toBe(300_000);
    expect(last).toBe(1);
  });

  it('reports a gap as many steps and a repeated timestamp as 0', () => {
    const c = new SamplingClock();
    for (let i = 0; i < 50; i++) c.step(i * 1000);
    expect(c.step(49_000)).toBe(0);
    expect(c.step(49_000 + 60_000)).toBeGreaterThan(GAP_STEPS);
  });

  it('follows a change of sampling rate', () => {
    const c = new SamplingClock();
    let t = 0;
    for (let i = 0; i < 50; i++) {
      t += 1000;
      c.step(t);
    }
    for (let i = 0; i < 100; i++) {
      t += 10_000;
      c.step(t);
    }
    expect(c.interval).toBe(10_000);
  });
});
