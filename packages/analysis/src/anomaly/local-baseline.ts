/**
 * @module Short-memory baseline: a robust EWMA of the level and of the absolute deviation around it.
 * Outliers are clipped so a spike does not drag the level, yet a run of same-sign outliers (a real
 * level shift) widens the clip so the baseline catches up within a few points.
 */
import { alphaForSpan, alphaForSteps, clip } from './ewma.js';

/** Mean absolute deviation of a normal variable is this fraction of its standard deviation. */
export const MAD_TO_SIGMA = 1.2533;

export class LocalBaseline {
  level = Number.NaN;
  /** EW mean absolute residual (robust scale, in value units). */
  mad = 0;
  n = 0;
  private readonly aLevel: number;
  private readonly aMad: number;
  private run = 0;

  constructor(levelSpan: number, madSpan: number) {
    this.aLevel = alphaForSpan(levelSpan);
    this.aMad = alphaForSpan(madSpan);
  }

  /** Expected value of the next point. */
  predict(): number {
    return this.level;
  }

  /** Folds in `v` after `steps` nominal intervals; returns the residual against the prior prediction. */
  update(v: number, steps: number): number {
    if (this.n++ === 0) {
      this.level = v;
      return 0;
    }
    const r = v - this.level;
    const a = alphaForSteps(this.aLevel, steps);
    const limit = 3 * this.mad;
    if (this.mad > 0 && Math.abs(r) > limit) {
      this.run = r > 0 ? Math.max(1, this.run + 1) : Math.min(-1, this.run - 1);
    } else this.run = 0;
    const widen = 1 + this.run * this.run;
    this.level += a * (limit > 0 ? clip(r, limit * widen) : r);
    const am = this.n < 1 / this.aMad ? 1 / this.n : alphaForSteps(this.aMad, steps);
    const ar = Math.abs(r);
    this.mad += am * ((this.mad > 0 ? Math.min(ar, 5 * this.mad) : ar) - this.mad);
    return r;
  }
}
