/**
 * @module What the official Azure exporter's HTTP call actually got back. Its `export()` callback says only
 * SUCCESS/FAILED — and reports SUCCESS for throttled or failed batches it would keep in its own offline
 * storage (disabled here: the hub's queues own retries). A pipeline policy records each ingestion response
 * (status, Retry-After) in an AsyncLocalStorage slot opened by our push, which then classifies it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { parseRetryAfterMs } from '@switchyard/core';
import { type ExportResult, permanent, retryable, SUCCESS } from '../../component/export-result.js';
import { connectionFailureResult } from '../http-result.js';

export interface BreezeOutcome {
  status?: number;
  retryAfter?: string;
  body?: string;
  error?: unknown;
  /** Set by the push: abort with the batch and bound each request. */
  signal?: AbortSignal;
}

const current = new AsyncLocalStorage<BreezeOutcome>();

/** Runs `fn` with a fresh outcome slot; the requests it makes record into it. */
export async function withOutcome<T>(
  signal: AbortSignal | undefined,
  fn: () => Promise<T>,
): Promise<{ value: T; outcome: BreezeOutcome }> {
  const outcome: BreezeOutcome = signal ? { signal } : {};
  const value = await current.run(outcome, fn);
  return { value, outcome };
}

interface Request {
  timeout: number;
  abortSignal?: AbortSignal | { readonly aborted: boolean };
}
interface Response {
  status: number;
  headers: { get(name: string): string | undefined };
  bodyAsText?: string | null;
}

/** A core-rest-pipeline policy (structural, so the optional package's types are not needed at build time). */
export function outcomePolicy(timeoutMs: number) {
  return {
    name: 'switchyardBreezeOutcome',
    async sendRequest<Req extends Request, Res extends Response>(
      request: Req,
      next: (r: Req) => Promise<Res>,
    ): Promise<Res> {
      const slot = current.getStore();
      if (!slot) return next(request);
      request.timeout = timeoutMs;
      if (slot.signal) request.abortSignal = slot.signal;
      try {
        const res = await next(request);
        slot.status = res.status;
        slot.retryAfter = res.headers.get('retry-after');
        // A partial success lists the rejected items; keep enough of it to count them.
        slot.body = res.bodyAsText?.slice(0, res.status === 206 ? 65_536 : 300) ?? undefined;
        return res;
      } catch (err) {
        slot.error = err;
        throw err;
      }
    },
  };
}

/**
 * Items Application Insights rejected in a 206 partial success (`itemsReceived - itemsAccepted`) and the first
 * error message; undefined for any other outcome. Rejected items are counted, not retried: a whole-batch
 * retry would duplicate the accepted ones.
 */
export function breezeRejected(outcome: BreezeOutcome): { rejected: number; message: string } | undefined {
  if (outcome.status !== 206 || !outcome.body) return undefined;
  try {
    const body = JSON.parse(outcome.body) as {
      itemsReceived?: number;
      itemsAccepted?: number;
      errors?: { message?: string; statusCode?: number }[];
    };
    const rejected = Math.max(0, (body.itemsReceived ?? 0) - (body.itemsAccepted ?? 0));
    const first = body.errors?.[0];
    return { rejected, message: first ? `${first.statusCode ?? ''} ${first.message ?? ''}`.trim() : '' };
  } catch {
    return undefined; // A body cut at the cap: the count is unknown, the batch still counts as delivered.
  }
}

/** Breeze statuses worth retrying (Application Insights docs: 408, 429, 439 throttling, 500, 502, 503, 504). */
const RETRYABLE = new Set([408, 429, 439, 500, 502, 503, 504]);

/** The outcome (and the SDK's own verdict, for failures before any request) → ExportResult. */
export function breezeResult(
  outcome: BreezeOutcome,
  sdkFailure: Error | undefined,
  failed: boolean,
): ExportResult {
  const { status } = outcome;
  if (status !== undefined) {
    if (status === 200 || status === 206) return SUCCESS;
    const message = `Application Insights ingestion HTTP ${status}${outcome.body ? `: ${outcome.body}` : ''}`;
    if (RETRYABLE.has(status)) return retryable(message, parseRetryAfterMs(outcome.retryAfter));
    return permanent(message);
  }
  if (outcome.error !== undefined) return connectionFailureResult(outcome.error);
  if (failed) return permanent(sdkFailure?.message ?? 'Azure Monitor exporter failed');
  return SUCCESS;
}
