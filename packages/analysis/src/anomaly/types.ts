/**
 * @module Public types of the streaming anomaly detector: options, the per-series detector and the
 * anomaly events it reports.
 */

/** How readily the detector reports anomalies: `high` reports more, `low` only the clearest. */
export type Sensitivity = 'low' | 'medium' | 'high';

export const SENSITIVITIES: readonly Sensitivity[] = ['low', 'medium', 'high'];

/** What an anomaly event looks like, judged from the detector part that fired and the event's shape. */
export type AnomalyKind =
  | 'spike'
  | 'dip'
  | 'level_shift'
  | 'trend_change'
  | 'variance_change'
  | 'seasonal_break';

export type AnomalySeverity = 'low' | 'medium' | 'high' | 'critical';

/** One point of a series: `t` in milliseconds since the epoch, `v` the value. */
export interface AnomalyPoint {
  t: number;
  v: number;
}

/** A contiguous stretch of anomalous behaviour. Times are milliseconds since the epoch. */
export interface AnomalyEvent {
  start: number;
  /** Last anomalous point; equals `start` for a single-point event. */
  end: number;
  /** Whether the event is still open (the series has not calmed down yet). */
  open: boolean;
  kind: AnomalyKind;
  severity: AnomalySeverity;
  /** The point with the highest anomaly score within the event. */
  peak: { t: number; value: number; score: number };
  /** The range the detector expected at the peak (baseline ± a few robust deviations). */
  expected: { low: number; high: number };
  /** Number of points in the event. */
  points: number;
}

export interface AnomalyDetectorOptions {
  /** Default `medium`. Changes both the score scale and the threshold at which events open. */
  sensitivity?: Sensitivity;
  /** Most events kept in memory; older ones are dropped first. Default 10 000. */
  maxEvents?: number;
}

/** A detector for one series. Feed points in time order; each score depends only on earlier points. */
export interface AnomalyDetector {
  /** Adds one point and returns its anomaly score in [0, 1]. Non-finite values score 0 and are skipped. */
  update(tMs: number, value: number): number;
  /** Events so far, oldest first (the last one may still be open). */
  events(): AnomalyEvent[];
  /** Points seen so far. */
  readonly count: number;
}
