/**
 * @module Small helpers for exponentially weighted statistics over irregularly sampled series.
 */

/** Smoothing factor of an EWMA whose weights have the same mean age as a `span`-point moving average. */
export function alphaForSpan(span: number): number {
  return 2 / (span + 1);
}

/**
 * Smoothing factor after `steps` nominal sampling intervals (irregular sampling: a point arriving after
 * a gap of 3 intervals moves the average as much as 3 regular points would have).
 */
export function alphaForSteps(alpha: number, steps: number): number {
  // Fast path: regular sampling needs no pow().
  if (steps === 1) return alpha;
  return 1 - (1 - alpha) ** steps;
}

/** Clamps `x` into [-limit, limit]. */
export function clip(x: number, limit: number): number {
  return Math.min(limit, Math.max(-limit, x));
}
