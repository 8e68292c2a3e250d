/**
 * @module Converts a non-negative detector statistic into "surprise" (−log10 of its tail probability)
 * under the statistic's own recent history, so detector parts with different units and series with
 * different noise shapes land on one comparable scale.
 *
 * History is a log-spaced histogram with exponential forgetting (fixed memory). Beyond the largest
 * value seen, the tail is extrapolated as a power law, so a value ten times anything seen before is
 * more surprising than one just above the maximum.
 */

import { TUNING } from './tuning.js';

const BINS_PER_OCTAVE = 4;
const MIN_LOG2 = -6;
const OCTAVES = 18;
const NBINS = OCTAVES * BINS_PER_OCTAVE;

export class TailCalibrator {
  private readonly bins = new Float64Array(NBINS);
  private total = 0;
  /** Weight of the next observation; grows so older ones fade without touching every bin. */
  private weight = 1;
  private readonly growth: number;
  private readonly prior: number;
  /** Cached 90th percentile, refreshed every 32 queries once history is long (the bin scan is the costly part). */
  private decile = 2 ** MIN_LOG2;
  private decileAge = 32;

  /**
   * @param horizon points after which an observation's weight has fallen to 1/e.
   * @param prior pseudo-count that keeps early tail probabilities from collapsing to 0.
   */
  constructor(horizon: number, prior = TUNING.prior) {
    this.growth = 1 / (1 - 1 / horizon);
    this.prior = prior;
  }

  private static binOf(x: number): number {
    if (!(x > 0)) return -1;
    const b = Math.floor((Math.log2(x) - MIN_LOG2) * BINS_PER_OCTAVE);
    return b < 0 ? 0 : b >= NBINS ? NBINS - 1 : b;
  }

  /** Observation count in the decayed sense (≈ min(n, horizon)). */
  get effectiveCount(): number {
    return this.total / this.weight;
  }

  /**
   * Surprise of `x` given the history so far (does not record `x`).
   *
   * p(x) = (mass seen ≥ x + k·tail(x)) / (n + k): the empirical tail, plus a pseudo-count k spread as a
   * power law beyond the 90th percentile q (tail(q) = 0.1, tail(x) = 0.1·(q/x)^γ). Old extremes fade
   * with the forgetting, so a value far beyond the recent bulk stays surprising even if something
   * similar happened long ago.
   */
  surprise(x: number): number {
    const b = TailCalibrator.binOf(x);
    if (b < 0 || this.total === 0) return 0;
    const w = this.weight;
    const n = this.total / w;
    let above = 0;
    for (let i = NBINS - 1; i > b; i--) above += this.bins[i]!;
    // Half of x's own bin counts as "at least as large" (x lies somewhere inside it).
    above = (above + this.bins[b]! / 2) / w;
    if (this.decileAge++ >= 32 || this.total < 256 * this.weight) {
      this.decile = this.upperDecile();
      this.decileAge = 0;
    }
    const q = this.decile;
    const tail = x <= q ? 0.1 : 0.1 * (q / x) ** TUNING.tailExponent;
    const k = this.prior;
    const p = (above + k * tail) / (n + k);
    return p >= 1 ? 0 : -Math.log10(p);
  }

  /** The 90th percentile of the history (upper edge of its bin). */
  private upperDecile(): number {
    const target = 0.1 * this.total;
    let acc = 0;
    for (let i = NBINS - 1; i >= 0; i--) {
      acc += this.bins[i]!;
      if (acc >= target) return 2 ** (MIN_LOG2 + (i + 1) / BINS_PER_OCTAVE);
    }
    return 2 ** MIN_LOG2;
  }

  /** Records `x` into the history. */
  add(x: number): void {
    const b = TailCalibrator.binOf(x);
    this.weight *= this.growth;
    if (this.weight > 1e200) this.rescale();
    if (b >= 0) this.bins[b]! += this.weight;
    else this.bins[0]! += this.weight; // zeros count as "small" so they dilute the tail
    this.total += this.weight;
  }

  private rescale(): void {
    const w = this.weight;
    for (let i = 0; i < NBINS; i++) this.bins[i]! /= w;
    this.total /= w;
    this.weight = 1;
  }
}
