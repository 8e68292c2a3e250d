import { describe, expect, it } from 'vitest';
import { detectAnomalies } from './detect-anomalies.js';
import { createAnomalyDetector } from './detector.js';
import type { AnomalyPoint } from './types.js';

const MIN = 60_000;
const T0 = Date.UTC(2024, 0, 1);

/** Deterministic N(0,1) samples (LCG + Box–Muller) so every run sees the same series. */
function gaussian(seed: number): () => number {
  let s = seed >>> 0;
  const u = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 1) / 4294967297;
  };
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

/** `n` points every `stepMin` minutes: value = f(i, t) + noise·N(0,1). */
function series(
  n: number,
  f: (i: number, t: number) => number,
  noise = 1,
  seed = 7,
  stepMin = 5,
): AnomalyPoint[] {
  const g = gaussian(seed);
  const out: AnomalyPoint[] = [];
  for (let i = 0; i < n; i++) {
    const t = T0 + i * stepMin * MIN;
    out.push({ t, v: f(i, t) + noise * g() });
  }
  return out;
}

const daily = (t: number) => 10 * Math.sin((2 * Math.PI * (t % 86_400_000)) / 86_400_000);

function maxIn(scores: number[], from: number, to: number): number {
  return Math.max(...scores.slice(from, to));
}

describe('createAnomalyDetector', () => {
  it('scores every point in [0, 1]', () => {
    const { scores } = detectAnomalies(series(3000, (i) => 50 + (i === 2000 ? 40 : 0), 2));
    expect(scores).toHaveLength(3000);
    expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true);
  });

  it('flags a spike with a high score and a spike event', () => {
    const { scores, events } = detectAnomalies(series(3000, (i) => 50 + (i === 2000 ? 25 : 0), 1));
    expect(scores[2000]).toBeGreaterThan(0.6);
    expect(maxIn(scores, 700, 1990)).toBeLessThan(scores[2000]! / 2);
    const e = events.find((x) => x.start <= T0 + 2000 * 5 * MIN && x.end >= T0 + 2000 * 5 * MIN);
    expect(e?.kind).toBe('spike');
    expect(e?.peak.value).toBeGreaterThan(70);
    expect(e?.expected.high).toBeLessThan(60);
  });

  it('flags a dip as a dip', () => {
    const { scores, events } = detectAnomalies(series(3000, (i) => 50 + (i === 2000 ? -25 : 0), 1));
    expect(scores[2000]).toBeGreaterThan(0.6);
    expect(events.some((e) => e.kind === 'dip' && e.peak.t === T0 + 2000 * 5 * MIN)).toBe(true);
  });

  it('flags a level shift near its start, once, as a level shift', () => {
    const { scores, events } = detectAnomalies(series(4000, (i) => (i < 2500 ? 50 : 58), 1));
    const onset = maxIn(scores, 2500, 2510);
    expect(onset).toBeGreaterThan(0.5);
    // The alarm is not repeated at full strength while the baseline adapts to the new level.
    expect(scores.slice(2520, 4000).filter((s) => s >= onset).length).toBeLessThan(3);
    const e = events.find((x) => x.start >= T0 + 2500 * 5 * MIN && x.start <= T0 + 2510 * 5 * MIN);
    expect(e?.kind).toBe('level_shift');
  });

  it('flags a variance change', () => {
    const g = gaussian(3);
    const pts = series(4000, (i) => 50 + (i >= 2500 && i < 2700 ? 6 * g() : 0), 1);
    const { scores, events } = detectAnomalies(pts);
    expect(maxIn(scores, 2500, 2600)).toBeGreaterThan(0.5);
    expect(maxIn(scores, 800, 2490)).toBeLessThan(maxIn(scores, 2500, 2600));
    expect(events.some((e) => e.start >= T0 + 2500 * 5 * MIN && e.start <= T0 + 2600 * 5 * MIN)).toBe(true);
  });

  it('detects a seasonal break that a level-only model would miss', () => {
    // Daily cycle for 6 days; at midnight of day 5 the cycle stops: the value stays at the daily mean,
    // well within the usual range and without any jump.
    const breakStart = 5 * 288;
    const pts = series(6 * 288, (i, t) => 50 + (i >= breakStart && i < breakStart + 144 ? 0 : daily(t)), 0.5);
    const { scores, events } = detectAnomalies(pts);
    expect(maxIn(scores, breakStart, breakStart + 36)).toBeGreaterThan(0.5);
    expect(maxIn(scores, 3 * 288, breakStart - 1)).toBeLessThan(0.3);
    expect(events.some((e) => e.kind === 'seasonal_break')).toBe(true);
  });

  it('learns daily seasonality without being told, so the regular cycle raises no alarm', () => {
    const { scores, events } = detectAnomalies(series(8 * 288, (_i, t) => 100 + 5 * daily(t), 1));
    expect(maxIn(scores, 2 * 288, 8 * 288)).toBeLessThan(0.5);
    expect(events.filter((e) => e.start > T0 + 2 * 86_400_000)).toHaveLength(0);
  });

  it('gives a flat line score 0 everywhere', () => {
    const { scores, events } = detectAnomalies(series(3000, () => 42, 0));
    expect(scores.every((s) => s === 0)).toBe(true);
    expect(events).toHaveLength(0);
  });

  it('never looks ahead: appending future points leaves past scores unchanged', () => {
    const pts = series(2500, (i, t) => 50 + daily(t) + (i === 2200 ? 30 : 0), 1);
    const a = detectAnomalies(pts.slice(0, 1500)).scores;
    const b = detectAnomalies(pts).scores;
    expect(b.slice(0, 1500)).toEqual(a);
  });

  it('tolerates irregular sampling and gaps without false alarms', () => {
    const g = gaussian(11);
    const pts: AnomalyPoint[] = [];
    let t = T0;
    for (let i = 0; i < 3000; i++) {
      // Jittered 1-minute sampling, plus a 3-hour outage in the middle.
      t += MIN * (0.6 + 0.8 * Math.abs(g()) * 0.5) + (i === 1500 ? 3 * 3_600_000 : 0);
      pts.push({ t, v: 20 + g() });
    }
    const { scores } = detectAnomalies(pts);
    expect(maxIn(scores, 1490, 1520)).toBeLessThan(0.5);
    expect(maxIn(scores, 300, 3000)).toBeLessThan(0.5);
  });

  it('treats a counter reset as a reset, not an anomaly, yet still sees a rate spike', () => {
    const g = gaussian(5);
    const pts: AnomalyPoint[] = [];
    let c = 1000;
    for (let i = 0; i < 3000; i++) {
      if (i === 1800) c = 0; // process restart
      c += 10 + Math.abs(g()) * 2 + (i === 2500 ? 200 : 0);
      pts.push({ t: T0 + i * MIN, v: c });
    }
    const { scores } = detectAnomalies(pts);
    expect(maxIn(scores, 1795, 1810)).toBeLessThan(0.3);
    expect(scores[2500]).toBeGreaterThan(0.6);
  });

  it('stays quiet during cold start', () => {
    const { scores } = detectAnomalies(series(60, (i) => (i % 7) * 3, 0.5));
    expect(scores.slice(0, 48).every((s) => s === 0)).toBe(true);
    expect(Math.max(...scores)).toBeLessThan(0.5);
  });

  it('skips non-finite values with score 0', () => {
    const d = createAnomalyDetector();
    expect(d.update(T0, Number.NaN)).toBe(0);
    expect(d.update(T0, Number.POSITIVE_INFINITY)).toBe(0);
    expect(d.count).toBe(0);
  });

  it('reports fewer events at low sensitivity than at high', () => {
    const pts = series(6000, (i) => 50 + (i % 997 === 500 ? 4 + (i % 5) : 0), 1);
    const low = detectAnomalies(pts, { sensitivity: 'low' }).events.length;
    const high = detectAnomalies(pts, { sensitivity: 'high' }).events.length;
    expect(high).toBeGreaterThan(low);
  });
});
