/** @module Compact duration and percentage text for waterfalls and summaries. */

/** `850 ns`, `12.3 µs`, `123.4 ms`, `1.23 s`, `2m05s`; `ascii` writes `us` instead of `µs`. */
export function formatDurationNs(ns: number, ascii = false): string {
  const abs = Math.abs(ns);
  if (abs < 1_000) return `${Math.round(ns)} ns`;
  if (abs < 1_000_000) return `${trim(ns / 1_000)} ${ascii ? 'us' : 'µs'}`;
  if (abs < 1_000_000_000) return `${trim(ns / 1_000_000)} ms`;
  if (abs < 60_000_000_000) return `${(ns / 1_000_000_000).toFixed(2)} s`;
  const totalSeconds = Math.round(ns / 1_000_000_000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${minutes}m${String(seconds).padStart(2, '0')}s`;
}

/** One decimal below 100, none above (`12.3`, `456`). */
function trim(value: number): string {
  return Math.abs(value) < 100 ? value.toFixed(1) : Math.round(value).toString();
}

export function formatShare(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}
