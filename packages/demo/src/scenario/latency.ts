import type { Prng } from '../random/prng.js';
import type { LatencySpec } from './catalog.js';

/** Probability that a single operation lands in the long tail. */
const TAIL_PROBABILITY = 0.012;

/**
 * Samples a latency in ms: log-normal around the median, with a small chance of a
 * 3–10× long-tail outlier (GC pause, noisy neighbour). Rounded to microseconds.
 */
export function sampleLatency(rng: Prng, spec: LatencySpec, factor = 1): number {
  let ms = spec.medianMs * Math.exp(spec.sigma * rng.normal());
  if (rng.chance(TAIL_PROBABILITY)) ms *= rng.uniform(3, 10);
  return Math.max(0.005, Math.round(ms * factor * 1000) / 1000);
}
