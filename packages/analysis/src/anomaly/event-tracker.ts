/**
 * @module Groups anomalous points into events: an event opens when a point's score reaches the
 * sensitivity's threshold, grows while the detector stays agitated, and closes after a quiet stretch
 * or a gap. Memory is bounded by `maxEvents` (oldest dropped first).
 */
import type { AnomalyEvent, AnomalyKind, AnomalySeverity } from './types.js';

/** Points below the keep level in a row that close an event. */
const QUIET_POINTS = 12;
/** Points outside the range expected at the start, on the same side, that turn a spike into a shift. */
const SHIFT_POINTS = 6;

export interface PointVerdict {
  t: number;
  value: number;
  score: number;
  /** Surprise relative to the open threshold (≥ 1 keeps an event open when below the open threshold). */
  agitation: number;
  kind: AnomalyKind;
  expectedLow: number;
  expectedHigh: number;
}

function severityOf(score: number): AnomalySeverity {
  return score >= 0.95 ? 'critical' : score >= 0.8 ? 'high' : score >= 0.6 ? 'medium' : 'low';
}

export class EventTracker {
  private readonly done: AnomalyEvent[] = [];
  private current: AnomalyEvent | undefined;
  private quiet = 0;
  /**
   * Halfway between what was expected and the value that opened the current event, and how many
   * points in a row since then stayed past it.
   */
  private midway = 0;
  private beyond = 0;

  constructor(
    private readonly openAt: number,
    private readonly maxEvents: number,
  ) {}

  observe(p: PointVerdict): void {
    const cur = this.current;
    if (cur === undefined) {
      if (p.score >= this.openAt) {
        this.current = {
          start: p.t,
          end: p.t,
          open: true,
          kind: p.kind,
          severity: severityOf(p.score),
          peak: { t: p.t, value: p.value, score: p.score },
          expected: { low: p.expectedLow, high: p.expectedHigh },
          points: 1,
        };
        this.quiet = 0;
        this.midway = ((p.expectedLow + p.expectedHigh) / 2 + p.value) / 2;
        this.beyond = 0;
      }
      return;
    }
    // A spike or dip after which the series stays nearer the new value than the old one is a shift.
    if ((cur.kind === 'spike' && p.value > this.midway) || (cur.kind === 'dip' && p.value < this.midway)) {
      if (++this.beyond >= SHIFT_POINTS) cur.kind = 'level_shift';
    } else this.beyond = 0;
    if (p.score >= this.openAt || p.agitation >= 1) {
      cur.end = p.t;
      cur.points++;
      this.quiet = 0;
      if (p.score > cur.peak.score) {
        cur.peak = { t: p.t, value: p.value, score: p.score };
        cur.expected = { low: p.expectedLow, high: p.expectedHigh };
        cur.severity = severityOf(p.score);
      }
    } else if (++this.quiet >= QUIET_POINTS) this.close();
  }

  /** Ends the open event (after a gap or when the series calmed down). */
  close(): void {
    const cur = this.current;
    if (cur === undefined) return;
    cur.open = false;
    this.done.push(cur);
    if (this.done.length > this.maxEvents) this.done.shift();
    this.current = undefined;
  }

  list(): AnomalyEvent[] {
    const out = this.done.map((e) => ({ ...e, peak: { ...e.peak }, expected: { ...e.expected } }));
    const cur = this.current;
    if (cur !== undefined) out.push({ ...cur, peak: { ...cur.peak }, expected: { ...cur.expected } });
    return out;
  }
}
