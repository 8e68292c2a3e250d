/**
 * @module Control charts over one baseline's standardised residuals z (robust z-scores), on several
 * time scales: the point itself (spikes and dips), short and long EWMAs of clipped z (level shifts,
 * seasonal breaks, drifts) and a short-vs-long ratio of z² (variance changes). Each chart's value is
 * turned into surprise by its own TailCalibrator, so a chart that is often high on this series counts less.
 */
import { alphaForSpan, alphaForSteps, clip } from './ewma.js';
import { TailCalibrator } from './tail-calibrator.js';
import { TUNING } from './tuning.js';

export type ChartKind = 'point' | 'shift' | 'drift' | 'variance';

export interface ChartReading {
  surprise: number;
  chart: ChartKind;
  /** Sign of the deviation that won (+1 above expectation, −1 below). */
  sign: number;
}

export class ResidualCharts {
  private shift = 0;
  private drift = 0;
  private varShort = 0;
  private varLong = 0;
  private readonly aShift = alphaForSpan(TUNING.shiftSpan);
  private readonly aDrift = alphaForSpan(TUNING.driftSpan);
  private readonly aVs = alphaForSpan(TUNING.varShortSpan);
  private readonly aVl = alphaForSpan(TUNING.varLongSpan);
  /** Normalisers: the stationary std of an EWMA of unit-variance noise is sqrt(a / (2 − a)). */
  private readonly nShift = Math.sqrt(this.aShift / (2 - this.aShift));
  private readonly nDrift = Math.sqrt(this.aDrift / (2 - this.aDrift));
  private readonly cPoint: TailCalibrator;
  private readonly cShift: TailCalibrator;
  private readonly cDrift: TailCalibrator;
  private readonly cVar: TailCalibrator;
  readonly reading: ChartReading = { surprise: 0, chart: 'point', sign: 1 };

  constructor(horizon: number) {
    this.cPoint = new TailCalibrator(horizon);
    this.cShift = new TailCalibrator(horizon);
    this.cDrift = new TailCalibrator(horizon);
    this.cVar = new TailCalibrator(horizon);
  }

  /** Resets the short-memory charts after a gap: continuity across it is unknown. */
  resetShort(): void {
    this.shift = 0;
    this.drift = 0;
    this.varShort = this.varLong;
  }

  /**
   * Feeds one standardised residual; fills `reading` with the most surprising chart.
   * `score` false only learns (cold start); `learn` false keeps the calibrators out of it (a baseline
   * that is not yet fitted produces residuals that say nothing about the series).
   */
  update(z: number, steps: number, score: boolean, learn = true): ChartReading {
    const zc = clip(z, TUNING.zClip);
    this.shift += alphaForSteps(this.aShift, steps) * (zc - this.shift);
    this.drift += alphaForSteps(this.aDrift, steps) * (zc - this.drift);
    const z2 = zc * zc;
    this.varShort += alphaForSteps(this.aVs, steps) * (z2 - this.varShort);
    this.varLong += alphaForSteps(this.aVl, steps) * (z2 - this.varLong);
    const point = Math.abs(z);
    const shift = Math.abs(this.shift) / this.nShift;
    const drift = Math.abs(this.drift) / this.nDrift;
    const variance = Math.abs(Math.log((this.varShort + 0.05) / (this.varLong + 0.05)));
    const r = this.reading;
    r.surprise = 0;
    if (score) {
      const sp = this.cPoint.surprise(point);
      const ss = this.cShift.surprise(shift);
      const sd = this.cDrift.surprise(drift);
      const sv = this.cVar.surprise(variance);
      r.surprise = sp;
      r.chart = 'point';
      r.sign = z >= 0 ? 1 : -1;
      if (ss > r.surprise) {
        r.surprise = ss;
        r.chart = 'shift';
        r.sign = this.shift >= 0 ? 1 : -1;
      }
      if (sd > r.surprise) {
        r.surprise = sd;
        r.chart = 'drift';
        r.sign = this.drift >= 0 ? 1 : -1;
      }
      if (sv > r.surprise) {
        r.surprise = sv;
        r.chart = 'variance';
        r.sign = this.varShort >= this.varLong ? 1 : -1;
      }
    }
    if (!learn) return r;
    this.cPoint.add(point);
    this.cShift.add(shift);
    this.cDrift.add(drift);
    this.cVar.add(variance);
    return r;
  }
}
