/**
 * @module Results of pushing a batch to a destination, as values (not exceptions) on the hot path.
 */
export type ExportResult =
  | { kind: 'success' }
  /** Worth retrying later; `retryAfterMs` when the destination said how long to wait (Retry-After, RetryInfo). */
  | { kind: 'retryable'; message: string; retryAfterMs?: number }
  /** Retrying cannot help (bad request, auth); the batch goes to the dead-letter path. */
  | { kind: 'permanent'; message: string };

export const SUCCESS: ExportResult = { kind: 'success' };

export function retryable(message: string, retryAfterMs?: number): ExportResult {
  return retryAfterMs === undefined
    ? { kind: 'retryable', message }
    : { kind: 'retryable', message, retryAfterMs };
}

export function permanent(message: string): ExportResult {
  return { kind: 'permanent', message };
}
