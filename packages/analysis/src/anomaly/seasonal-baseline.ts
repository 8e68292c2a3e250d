/**
 * @module Additive seasonal baseline (Holt–Winters style without trend): a slowly moving level plus a
 * profile over the phase of a fixed period (a day or a week), each bin learnt from the points that fell
 * into it. Memory is one number per bin; bins are at least one sampling interval wide and at most
 * MAX_BINS per period.
 */
import { alphaForSpan, alphaForSteps, clip } from './ewma.js';

const MAX_BINS = 2016;
/** Learning rate of a profile bin per visit (about six periods of memory). */
const BIN_ALPHA = 0.3;

export class SeasonalBaseline {
  readonly period: number;
  level = Number.NaN;
  mad = 0;
  n = 0;
  private readonly bins: Float64Array;
  private readonly binMs: number;
  private readonly aLevel: number;
  private readonly aMad: number;
  private firstT = Number.NaN;

  constructor(periodMs: number, intervalMs: number, madSpan: number) {
    this.period = periodMs;
    const nb = Math.max(4, Math.min(MAX_BINS, Math.round(periodMs / Math.max(intervalMs, 1))));
    this.bins = new Float64Array(nb).fill(Number.NaN);
    this.binMs = periodMs / nb;
    // The level follows about an eighth of a period so the profile, not the level, carries the cycle.
    this.aLevel = alphaForSpan(Math.max(4, nb / 8));
    this.aMad = alphaForSpan(madSpan);
  }

  private binOf(t: number): number {
    const phase = t % this.period;
    const b = Math.floor((phase < 0 ? phase + this.period : phase) / this.binMs);
    return b >= this.bins.length ? this.bins.length - 1 : b;
  }

  /** Whether at least `cycles` full periods have been seen, so the profile covers every phase. */
  covered(t: number, cycles: number): boolean {
    return t - this.firstT >= cycles * this.period;
  }

  predict(t: number): number {
    const s = this.bins[this.binOf(t)]!;
    return Number.isNaN(s) ? this.level : this.level + s;
  }

  /** Folds in `v` at time `t`; returns the residual against the prior prediction. */
  update(t: number, v: number, steps: number): number {
    const b = this.binOf(t);
    if (this.n++ === 0) {
      this.firstT = t;
      this.level = v;
      this.bins[b] = 0;
      return 0;
    }
    const s = this.bins[b]!;
    const seen = !Number.isNaN(s);
    const pred = this.level + (seen ? s : 0);
    const r = v - pred;
    const limit = this.mad > 0 ? 4 * this.mad : Number.POSITIVE_INFINITY;
    if (seen) this.bins[b] = s + BIN_ALPHA * clip(v - this.level - s, limit);
    else this.bins[b] = v - this.level;
    const sNow = this.bins[b]!;
    this.level += alphaForSteps(this.aLevel, steps) * clip(v - sNow - this.level, limit);
    if (seen) {
      const am = alphaForSteps(this.aMad, steps);
      const ar = Math.abs(r);
      this.mad += (this.mad === 0 ? 1 : am) * ((this.mad > 0 ? Math.min(ar, 5 * this.mad) : ar) - this.mad);
    }
    return r;
  }
}
