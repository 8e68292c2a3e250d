/**
 * @module Exponential backoff with full jitter, honouring a destination's Retry-After.
 */
import { z } from 'zod';

export const retryPolicySchema = z.strictObject({
  enabled: z.boolean().default(true),
  initialIntervalMs: z.number().int().positive().default(200),
  maxIntervalMs: z.number().int().positive().default(30_000),
  /** Give up on a batch after this long (0 = never). */
  maxElapsedMs: z.number().int().nonnegative().default(300_000),
  multiplier: z.number().min(1).default(2),
});
export type RetryPolicy = z.infer<typeof retryPolicySchema>;

/**
 * Delay before attempt `attempt` (1 = first retry). A server-provided Retry-After wins over backoff
 * but is capped at `maxIntervalMs`. `random` is injectable for deterministic tests.
 */
export function backoffDelayMs(
  policy: RetryPolicy,
  attempt: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined && retryAfterMs >= 0) return Math.min(retryAfterMs, policy.maxIntervalMs);
  const ceiling = Math.min(
    policy.maxIntervalMs,
    policy.initialIntervalMs * policy.multiplier ** (attempt - 1),
  );
  return Math.max(1, Math.round(ceiling * (0.5 + random() * 0.5)));
}
