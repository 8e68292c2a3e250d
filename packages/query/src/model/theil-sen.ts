/**
 * @module Robust trend: the Theil–Sen slope (median of pairwise slopes), insensitive to outliers,
 * and the increasing/decreasing/flat verdict built on it.
 */
import type { Trend } from './results.js';

/** Most points used for the O(n²) pairwise slopes; longer series are evenly subsampled. */
const MAX_POINTS = 200;

function median(values: number[]): number {
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 === 1 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}

function subsample(points: readonly [number, number][]): readonly [number, number][] {
  if (points.length <= MAX_POINTS) return points;
  const out: [number, number][] = [];
  const stride = (points.length - 1) / (MAX_POINTS - 1);
  for (let i = 0; i < MAX_POINTS; i++) out.push(points[Math.round(i * stride)]!);
  return out;
}

/** Median pairwise slope (value per ms) of finite points; 0 for fewer than two distinct times. */
export function theilSenSlope(points: readonly [number, number][]): number {
  const pts = subsample(points.filter(([t, v]) => Number.isFinite(t) && Number.isFinite(v)));
  // Hot path for long series: pairs are bounded by MAX_POINTS² / 2 = 20 000.
  const slopes: number[] = [];
  for (let i = 0; i < pts.length; i++) {
    const [ti, vi] = pts[i]!;
    for (let j = i + 1; j < pts.length; j++) {
      const [tj, vj] = pts[j]!;
      if (tj !== ti) slopes.push((vj - vi) / (tj - ti));
    }
  }
  return slopes.length === 0 ? 0 : median(slopes);
}

/**
 * Trend over the series: the Theil–Sen change across the whole time span, compared with the
 * series' typical magnitude (median absolute value). A change under `threshold` (default 10 %)
 * of that magnitude is `flat`.
 */
export function trendOf(points: readonly [number, number][], threshold = 0.1): Trend {
  const finite = points.filter(([t, v]) => Number.isFinite(t) && Number.isFinite(v));
  if (finite.length < 3) return 'flat';
  const slope = theilSenSlope(finite);
  const spanMs = finite[finite.length - 1]![0] - finite[0]![0];
  const change = slope * spanMs;
  const scale = median(finite.map(([, v]) => Math.abs(v)));
  const spread = Math.max(...finite.map(([, v]) => v)) - Math.min(...finite.map(([, v]) => v));
  const reference = scale > 0 ? scale : spread;
  if (reference === 0 || Math.abs(change) < threshold * reference) return 'flat';
  return change > 0 ? 'increasing' : 'decreasing';
}
