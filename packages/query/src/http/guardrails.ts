/** @module Limits every adapter enforces: range, points, result size, response bytes, time. */
import { ParameterError } from '@switchyard/core';
import type { ResolvedRange } from '../model/time-range.js';

export interface Guardrails {
  /** Longest time range a query may cover. */
  maxRangeMs: number;
  /** Most points per series (the step is raised to stay under it). */
  maxPoints: number;
  /** Most series kept in a metrics result. */
  maxSeries: number;
  /** Most log records / traces kept (the query's limit is capped to it). */
  maxItems: number;
  /** Largest response body read from a source. */
  maxResponseBytes: number;
  timeoutMs: number;
  /** TTL of cached responses; 0 disables the cache. */
  cacheTtlMs: number;
}

export const DEFAULT_GUARDRAILS: Guardrails = {
  maxRangeMs: 31 * 86_400_000,
  maxPoints: 11_000,
  maxSeries: 500,
  maxItems: 5_000,
  maxResponseBytes: 50 * 1024 * 1024,
  timeoutMs: 30_000,
  cacheTtlMs: 30_000,
};

export function withGuardrails(overrides: Partial<Guardrails> | undefined): Guardrails {
  return { ...DEFAULT_GUARDRAILS, ...overrides };
}

/** Throws ParameterError when the range is longer than allowed. */
export function checkRange(range: ResolvedRange, g: Guardrails): void {
  if (range.endMs - range.startMs > g.maxRangeMs) {
    throw new ParameterError(
      'time',
      `range of ${Math.round((range.endMs - range.startMs) / 3_600_000)}h exceeds the maximum of ${Math.round(g.maxRangeMs / 3_600_000)}h`,
      'query a shorter range',
    );
  }
}

/** Keeps the first `max` items and says whether any were cut. */
export function capItems<T>(items: readonly T[], max: number): { items: T[]; truncated: boolean } {
  return items.length > max
    ? { items: items.slice(0, max), truncated: true }
    : { items: [...items], truncated: false };
}
