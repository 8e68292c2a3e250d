/**
 * @module Tracks a series' nominal sampling interval so irregular sampling and gaps can be told apart.
 */

/** A step longer than this many nominal intervals is a gap. */
export const GAP_STEPS = 6;
const MAX_STEPS = 1000;
const RING = 31;

export class SamplingClock {
  /** Nominal interval in ms (median of recent steps); 0 until two distinct timestamps were seen. */
  interval = 0;
  private lastT = Number.NaN;
  private readonly ring = new Float64Array(RING);
  private readonly sorted = new Float64Array(RING);
  private filled = 0;
  private pos = 0;

  /**
   * Records a timestamp and returns how many nominal intervals passed since the previous point
   * (1 for regular sampling, fractions for faster points, 0 for a repeated timestamp,
   * more than GAP_STEPS for a gap).
   */
  step(t: number): number {
    const last = this.lastT;
    this.lastT = t;
    if (Number.isNaN(last)) return 1;
    const dt = t - last;
    if (!(dt > 0)) return 0;
    this.ring[this.pos] = dt;
    this.pos = (this.pos + 1) % RING;
    if (this.filled < RING) this.filled++;
    // Re-estimate the median rarely (and often at the start): sorting 31 numbers every 32 points is cheap.
    if (this.interval === 0 || this.filled < RING || this.pos === 0) this.updateInterval();
    const ratio = dt / this.interval;
    if (ratio > 0.8 && ratio < 1.25) return 1;
    return Math.min(ratio, MAX_STEPS);
  }

  private updateInterval(): void {
    const n = this.filled;
    const s = this.sorted.subarray(0, n);
    s.set(this.ring.subarray(0, n));
    s.sort();
    this.interval = s[n >> 1]!;
  }
}
