/**
 * @module The streaming anomaly detector: one pass, fixed memory per series, each score computed from
 * the current and earlier points only.
 *
 * Pipeline per point: sampling clock (irregular steps, gaps) → counter handling → three baselines
 * (local EWMA, daily profile, weekly profile) → robust z-scores → control charts per baseline, each
 * calibrated against its own history (surprise = −log10 tail probability) → the most surprising chart,
 * damped while it merely repeats what already fired → score in [0, 1] and event tracking.
 * Seasonality is not configured: a profile's charts only speak once the profile has seen whole periods,
 * and a profile that does not fit the series yields large, unsurprising residuals.
 */
import { CounterMode } from './counter-mode.js';
import { EventTracker } from './event-tracker.js';
import { LocalBaseline, MAD_TO_SIGMA } from './local-baseline.js';
import { type ChartReading, ResidualCharts } from './residual-charts.js';
import { GAP_STEPS, SamplingClock } from './sampling.js';
import { SeasonalBaseline } from './seasonal-baseline.js';
import { TUNING } from './tuning.js';
import type {
  AnomalyDetector,
  AnomalyDetectorOptions,
  AnomalyEvent,
  AnomalyKind,
  Sensitivity,
} from './types.js';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** Surprise giving score 0.5, per sensitivity. */
const HALF_SCORE_SURPRISE: Record<Sensitivity, number> = { low: 6, medium: 5, high: 4 };
const EVENT_SCORE = 0.5;

interface Channel {
  charts: ResidualCharts;
  zLast: number;
  pred: number;
  scale: number;
}

function channel(): Channel {
  return { charts: new ResidualCharts(TUNING.horizon), zLast: 0, pred: 0, scale: 0 };
}

class StreamingAnomalyDetector implements AnomalyDetector {
  count = 0;
  private readonly half: number;
  private readonly clock = new SamplingClock();
  private readonly counter = new CounterMode();
  private readonly warm: { t: number; v: number }[] = [];
  private prevRaw = Number.NaN;
  private local = new LocalBaseline(TUNING.localLevelSpan, TUNING.madSpan);
  private daily: SeasonalBaseline | undefined;
  private weekly: SeasonalBaseline | undefined;
  private readonly cLocal = channel();
  private readonly cDaily = channel();
  private readonly cWeekly = channel();
  /** Smallest non-zero change between consecutive values (decays upward): the data's resolution. */
  private quantum = Number.POSITIVE_INFINITY;
  private prevX = Number.NaN;
  private suppress = 0;
  /** Which baseline and chart produced the last score (for diagnostics). */
  lastWhy = '';
  private readonly tracker: EventTracker;

  constructor(opts: AnomalyDetectorOptions) {
    this.half = HALF_SCORE_SURPRISE[opts.sensitivity ?? 'medium'];
    this.tracker = new EventTracker(EVENT_SCORE, opts.maxEvents ?? 10_000);
  }

  events(): AnomalyEvent[] {
    return this.tracker.list();
  }

  update(t: number, value: number): number {
    if (!Number.isFinite(value) || !Number.isFinite(t)) return 0;
    this.count++;
    if (this.counter.isCounter === undefined) {
      // Cold start: buffer a few points, decide whether this is a counter, then learn from them.
      this.warm.push({ t, v: value });
      if (this.counter.observe(value)) {
        for (const p of this.warm) this.step(p.t, p.v, false);
        this.warm.length = 0;
      }
      return 0;
    }
    return this.step(t, value, true);
  }

  // Hot path (runs once per point, ~2 µs): plain numbers and preallocated state only, no allocation
  // per point beyond the small tuples of the channel loop, so 1M points take about two seconds.
  private step(t: number, raw: number, scoring: boolean): number {
    const steps = this.clock.step(t);
    let x = raw;
    if (this.counter.isCounter) {
      x = this.counter.increment(raw, this.prevRaw, steps);
      this.prevRaw = raw;
      if (Number.isNaN(x)) return 0;
    }
    const gap = steps > GAP_STEPS;
    if (gap) {
      this.cLocal.charts.resetShort();
      this.cDaily.charts.resetShort();
      this.cWeekly.charts.resetShort();
      this.tracker.close();
    }
    this.trackQuantum(x);
    this.ensureSeasonal();
    const floor = Math.max(
      0.5 * (Number.isFinite(this.quantum) ? this.quantum : 0),
      1e-9 * Math.abs(x),
      1e-12,
    );

    let bestCh: Channel = this.cLocal;
    const local = this.local;
    const cl = this.cLocal;
    cl.pred = local.predict();
    cl.scale = Math.max(MAD_TO_SIGMA * local.mad, floor);
    cl.zLast = local.update(x, gap ? 1 : steps) / cl.scale;
    // Right after a gap the local level is stale: learn, do not judge.
    const rl = cl.charts.update(cl.zLast, gap ? 1 : steps, scoring && !gap);
    // Seasonal channels, written out (no per-point arrays on the hot path).
    const dailyFitted = this.seasonalStep(this.daily, this.cDaily, false, t, x, steps, floor, scoring);
    const weeklyFitted = this.seasonalStep(this.weekly, this.cWeekly, true, t, x, steps, floor, scoring);
    // A fitted profile at least as tight as the local baseline that expected this value explains it:
    // a jump the series makes at this time every day is not news.
    const explained =
      (dailyFitted && this.daily!.mad <= local.mad && Math.abs(this.cDaily.zLast) < TUNING.explainedZ) ||
      (weeklyFitted && this.weekly!.mad <= local.mad && Math.abs(this.cWeekly.zLast) < TUNING.explainedZ);
    if (!scoring) return 0;
    if (explained) rl.surprise *= TUNING.explainedFactor;
    let best: ChartReading = rl;
    let winner: 'local' | 'daily' | 'weekly' = 'local';
    if (dailyFitted && this.cDaily.charts.reading.surprise > best.surprise) {
      best = this.cDaily.charts.reading;
      bestCh = this.cDaily;
      winner = 'daily';
    }
    if (weeklyFitted && this.cWeekly.charts.reading.surprise > best.surprise) {
      best = this.cWeekly.charts.reading;
      bestCh = this.cWeekly;
      winner = 'weekly';
    }
    const s = best.surprise;
    this.lastWhy = `${winner}:${best.chart}:${best.sign > 0 ? '+' : '-'}`;
    const out = s > this.suppress ? s : s * TUNING.suppressedFactor;
    this.suppress = Math.max(this.suppress * TUNING.suppressDecay ** Math.min(steps, GAP_STEPS), s);
    const h = out / this.half;
    const h3 = h * h * h;
    const score = h3 / (1 + h3);

    const spread = 3 * bestCh.scale;
    this.tracker.observe({
      t,
      value: raw,
      score,
      agitation: s / this.half,
      kind: kindOf(best, winner, cl.zLast, bestCh.zLast),
      expectedLow: bestCh.pred - spread,
      expectedHigh: bestCh.pred + spread,
    });
    return score;
  }

  /** Updates one seasonal channel; returns whether its profile is fitted (so its charts are judged). */
  private seasonalStep(
    sb: SeasonalBaseline | undefined,
    ch: Channel,
    weekly: boolean,
    t: number,
    x: number,
    steps: number,
    floor: number,
    scoring: boolean,
  ): boolean {
    if (sb === undefined) return false;
    const s = Math.min(steps, GAP_STEPS);
    ch.pred = sb.predict(t);
    ch.scale = Math.max(MAD_TO_SIGMA * sb.mad, floor);
    ch.zLast = sb.update(t, x, s) / ch.scale;
    const fitted = weekly
      ? sb.covered(t, TUNING.weeklyCycles) &&
        (this.daily === undefined || sb.mad < TUNING.weeklyGain * this.daily.mad)
      : sb.covered(t, TUNING.seasonalCycles);
    ch.charts.update(ch.zLast, s, scoring && fitted, fitted);
    return fitted;
  }

  private trackQuantum(x: number): void {
    const prev = this.prevX;
    this.prevX = x;
    if (Number.isNaN(prev)) return;
    const d = Math.abs(x - prev);
    if (d > 0 && d < this.quantum) this.quantum = d;
    else if (Number.isFinite(this.quantum)) this.quantum *= 1.0005;
  }

  private ensureSeasonal(): void {
    const iv = this.clock.interval;
    if (iv <= 0) return;
    if (this.daily === undefined && iv * 12 <= DAY_MS)
      this.daily = new SeasonalBaseline(DAY_MS, iv, TUNING.madSpan);
    if (this.weekly === undefined && iv * 12 <= WEEK_MS)
      this.weekly = new SeasonalBaseline(WEEK_MS, iv, TUNING.madSpan);
  }
}

function kindOf(r: ChartReading, winner: string, zLocal: number, zBest: number): AnomalyKind {
  // A seasonal profile saw it while the local baseline did not: the value is ordinary, its timing is not.
  if (winner !== 'local' && Math.abs(zLocal) < 0.5 * Math.abs(zBest)) return 'seasonal_break';
  if (r.chart === 'variance') return 'variance_change';
  if (r.chart === 'drift') return 'trend_change';
  if (r.chart === 'shift') return 'level_shift';
  return r.sign >= 0 ? 'spike' : 'dip';
}

/** Creates a detector for one series. */
export function createAnomalyDetector(opts: AnomalyDetectorOptions = {}): AnomalyDetector {
  return new StreamingAnomalyDetector(opts);
}
