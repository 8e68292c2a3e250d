/**
 * @module Resolving a query's time range to epoch milliseconds, and choosing a step.
 */
import { nsToMs, ParameterError, parseDurationNs, parseTimeNs } from '@switchyard/core';
import type { TimeInput, TimeRangeInput } from './unified-query.js';

export interface ResolvedRange {
  startMs: number;
  endMs: number;
}

const UNIT_MS: Record<string, number> = {
  second: 1000,
  sec: 1000,
  s: 1000,
  minute: 60_000,
  min: 60_000,
  m: 60_000,
  hour: 3_600_000,
  hr: 3_600_000,
  h: 3_600_000,
  day: 86_400_000,
  d: 86_400_000,
  week: 604_800_000,
  w: 604_800_000,
};

const LAST_N = /^(?:last|past)\s+(?:(\d+|an?|one)\s*)?(second|sec|s|minute|min|m|hour|hr|h|day|d|week|w)s?$/i;

/** `last 30 minutes`, `past hour`, `last 2d` → milliseconds; undefined otherwise. */
export function parseLastDurationMs(text: string): number | undefined {
  const m = LAST_N.exec(text.trim());
  if (!m) return undefined;
  const raw = m[1]?.toLowerCase();
  const n = raw === undefined || raw === 'a' || raw === 'an' || raw === 'one' ? 1 : Number(raw);
  return n * UNIT_MS[m[2]!.toLowerCase()]!;
}

/** One time input → epoch ms. `last N units` means now minus that duration. */
export function resolveTimeMs(input: TimeInput, nowMs: number, param: string): number {
  if (typeof input === 'number') return input;
  const last = parseLastDurationMs(input);
  if (last !== undefined) return nowMs - last;
  return Math.floor(nsToMs(parseTimeNs(input, param, BigInt(nowMs) * 1_000_000n)));
}

/** Resolves start/end; throws ParameterError when the range is empty or reversed. */
export function resolveRange(range: TimeRangeInput, nowMs: number): ResolvedRange {
  const startMs = resolveTimeMs(range.start, nowMs, 'time.start');
  const endMs = resolveTimeMs(range.end, nowMs, 'time.end');
  if (!(endMs > startMs)) {
    throw new ParameterError(
      'time',
      'the range is empty: end must be after start',
      'e.g. start now-1h, end now',
    );
  }
  return { startMs, endMs };
}

/** A duration such as `30s` or `1h30m` → ms; throws ParameterError naming `param` otherwise. */
export function durationToMs(text: string, param: string): number {
  const ns = parseDurationNs(text);
  if (ns === undefined || ns === 0n)
    throw new ParameterError(param, `bad duration '${text}'`, 'e.g. 15s, 1m, 1h');
  return nsToMs(ns);
}

const NICE_STEPS_MS = [
  1000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000,
  7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000,
];

/** Default number of points a series gets when no step is requested. */
export const DEFAULT_POINTS = 120;

/**
 * The step for a range: the requested one, raised when it would give more than `maxPoints`
 * points; else the smallest "nice" step giving at most DEFAULT_POINTS points.
 */
export function chooseStepMs(
  range: ResolvedRange,
  requested: string | undefined,
  maxPoints: number,
): { stepMs: number; warning?: string } {
  const span = range.endMs - range.startMs;
  const minStep = Math.ceil(span / maxPoints);
  if (requested !== undefined) {
    const stepMs = durationToMs(requested, 'step');
    if (stepMs < minStep) {
      const raised = NICE_STEPS_MS.find((s) => s >= minStep) ?? minStep;
      return {
        stepMs: raised,
        warning: `step ${requested} would give more than ${maxPoints} points; raised to ${formatDurationMs(raised)}`,
      };
    }
    return { stepMs };
  }
  const target = Math.max(span / DEFAULT_POINTS, minStep);
  const stepMs = NICE_STEPS_MS.find((s) => s >= target) ?? Math.ceil(target / 86_400_000) * 86_400_000;
  return { stepMs };
}

/** ms → the shortest Prometheus-style duration (`90s` → `90s`, `3600000` → `1h`). */
export function formatDurationMs(ms: number): string {
  const units: [string, number][] = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ];
  for (const [u, size] of units) if (ms >= size && ms % size === 0) return `${ms / size}${u}`;
  return `${Math.max(1, Math.round(ms))}ms`;
}
