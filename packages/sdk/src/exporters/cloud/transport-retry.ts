/**
 * @module Retry schedule of the signed transport: exponential backoff with ±20% jitter (as OpenTelemetry's
 * own retrying transport), a server's Retry-After honoured, and never past the export deadline.
 */

export interface RetrySettings {
  /** First wait. */
  initialMs: number;
  /** Longest computed wait (a Retry-After may ask for longer, within the deadline). */
  maxMs: number;
  multiplier: number;
  /** Attempts in all, the first included. */
  maxAttempts: number;
}

export const DEFAULT_RETRY: RetrySettings = { initialMs: 1000, maxMs: 5000, multiplier: 1.5, maxAttempts: 5 };

const JITTER = 0.2;

/** The wait before attempt `attempt + 1` (attempt counts from 1), jittered; Retry-After wins when given. */
export function retryDelayMs(
  settings: RetrySettings,
  attempt: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  const base = Math.min(settings.maxMs, settings.initialMs * settings.multiplier ** (attempt - 1));
  return Math.max(0, base * (1 + JITTER * (2 * random() - 1)));
}
