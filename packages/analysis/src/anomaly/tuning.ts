/**
 * @module The detector's constants in one place (spans in points, surprises in −log10 probability).
 * They encode general principles (how fast baselines adapt, how long an alarm suppresses repeats),
 * not properties of any particular data set.
 */
export const TUNING = Object.freeze({
  /** Memory of each chart's calibrator, in points. */
  horizon: 4000,
  /** Span of the local level EWMA. */
  localLevelSpan: 6,
  /** Span of the robust scale (mean absolute residual) EWMAs. */
  madSpan: 2000,
  /** Per-point decay of the "already reported" surprise level. */
  suppressDecay: 0.986,
  /** Factor applied to a surprise that does not exceed what was already reported recently. */
  suppressedFactor: 0.5,
  /** A local alarm is damped by this factor when a fitted seasonal profile expected the value (|z| below explainedZ). */
  explainedFactor: 0.3,
  explainedZ: 2,
  /** Full periods a seasonal profile must have seen before its charts are judged. */
  seasonalCycles: 1.5,
  /** Weekly profiles have few samples per bin: demand more weeks before trusting them. */
  weeklyCycles: 2.5,
  /** The weekly profile is used only when its residuals are this much smaller than the daily one's. */
  weeklyGain: 0.5,
  shiftSpan: 6,
  driftSpan: 36,
  varShortSpan: 24,
  varLongSpan: 600,
  zClip: 4,
  tailExponent: 3,
  /** Pseudo-count of the calibrators' power-law tail prior. */
  prior: 5,
});
