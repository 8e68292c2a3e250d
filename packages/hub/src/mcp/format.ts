/**
 * @module Compact text formatting for tool summaries: durations, times, percentages, truncation.
 */

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms >= 60_000) return `${(ms / 60_000).toFixed(1)}min`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)}s`;
  if (ms >= 10) return `${ms.toFixed(0)}ms`;
  if (ms >= 1) return `${ms.toFixed(1)}ms`;
  return `${(ms * 1000).toFixed(0)}µs`;
}

export function nsToMsNumber(ns: bigint): number {
  return Number(ns) / 1e6;
}

/** ISO time (UTC, millisecond precision) of a ns timestamp. */
export function isoNs(ns: bigint): string {
  if (ns <= 0n) return '-';
  return new Date(Number(ns / 1_000_000n)).toISOString();
}

export function isoMs(ms: number): string {
  return new Date(ms).toISOString();
}

/** "3m ago" style age of a ns timestamp relative to now. */
export function ago(ns: bigint, now: bigint): string {
  const s = Number(now - ns) / 1e9;
  if (s < 0) return 'in the future';
  if (s < 90) return `${Math.round(s)}s ago`;
  if (s < 5400) return `${Math.round(s / 60)}m ago`;
  if (s < 172_800) return `${Math.round(s / 3600)}h ago`;
  return `${Math.round(s / 86400)}d ago`;
}

export function pct(x: number, digits = 1): string {
  return `${(x * 100).toFixed(digits)}%`;
}

export function truncate(s: string, max: number): string {
  const oneLine = s.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}

/** A number with at most 4 significant digits, no exponent for ordinary magnitudes. */
export function num(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const abs = Math.abs(v);
  if (abs >= 1e6 || abs < 1e-3) return v.toExponential(3);
  return Number(v.toPrecision(4)).toString();
}

/** Cuts `s` to `max` characters, keeping its line breaks (for full-detail bodies such as stack traces). */
export function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
