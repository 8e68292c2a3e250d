/**
 * @module OTLP/HTTP response → ExportResult, per the OTLP specification's failure handling:
 * 429, 502, 503 and 504 are retryable (honouring Retry-After); every other 4xx/5xx is permanent.
 */

import { parseRetryAfterMs } from '@switchyard/core';
import { type ExportResult, permanent, retryable } from '../component/export-result.js';

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

export function httpFailureResult(
  status: number,
  retryAfter: string | undefined,
  bodyMessage: string,
  now: number = Date.now(),
): ExportResult {
  const message = `HTTP ${status}${bodyMessage ? `: ${bodyMessage}` : ''}`;
  if (RETRYABLE_STATUS.has(status)) return retryable(message, parseRetryAfterMs(retryAfter, now));
  return permanent(message);
}

/** Node socket/DNS errors are transient from the exporter's point of view: the data was not received. */
export function connectionFailureResult(err: unknown): ExportResult {
  const e = err as { code?: unknown; name?: unknown; message?: unknown };
  if (e?.name === 'AbortError') return retryable('request aborted (timeout or shutdown)');
  const code = typeof e?.code === 'string' ? e.code : '';
  const text = typeof e?.message === 'string' ? e.message : String(err);
  return retryable(`connection error${code ? ` ${code}` : ''}: ${text}`);
}
