/**
 * @module Recognises monotonic counters (requests_total and the like) during cold start and turns them
 * into per-interval increments, treating a drop as a counter reset (the new value is the increment since
 * the reset, as Prometheus' rate() does) rather than as an anomaly.
 */

/** Points inspected before deciding whether the series is a counter. */
export const COUNTER_DECISION_POINTS = 48;

export class CounterMode {
  /** Decided: undefined until COUNTER_DECISION_POINTS points were seen. */
  isCounter: boolean | undefined;
  private prev = Number.NaN;
  private seen = 0;
  private rises = 0;
  private falls = 0;

  /** Observes a raw value during cold start; returns true exactly once, when the decision is made. */
  observe(v: number): boolean {
    if (this.isCounter !== undefined) return false;
    if (!Number.isNaN(this.prev)) {
      if (v > this.prev) this.rises++;
      else if (v < this.prev) this.falls++;
    }
    this.prev = v;
    if (++this.seen < COUNTER_DECISION_POINTS) return false;
    // A counter rises at nearly every step and falls only at a reset (allow one).
    this.isCounter = this.falls <= 1 && this.rises >= 0.8 * (this.seen - 1);
    return true;
  }

  /** The increment since the previous raw value, per nominal interval; NaN for the first point. */
  increment(raw: number, prevRaw: number, steps: number): number {
    if (Number.isNaN(prevRaw)) return Number.NaN;
    const inc = raw >= prevRaw ? raw - prevRaw : raw; // a drop is a reset: counting restarted from 0
    return steps > 0 ? inc / Math.max(steps, 1) : inc;
  }
}
