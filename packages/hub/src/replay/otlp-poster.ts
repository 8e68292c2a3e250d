/**
 * @module Posts OTLP/JSON requests to an OTLP/HTTP endpoint (`<base>/v1/<signal>`), retrying on 429, 502,
 * 503 and 504 — after the Retry-After the server gave, else with exponential backoff — and on connection
 * errors, until `maxWaitMs` has passed for one request. Any other non-2xx answer is a ReplayError.
 */
import type { Signal } from '@switchyard/core';
import { SwitchyardError } from '@switchyard/core';
import { parseRetryAfterMs } from '@switchyard/pipeline';

export interface PosterOptions {
  /** OTLP/HTTP base URL, e.g. http://127.0.0.1:4318. */
  endpoint: string;
  headers: Record<string, string>;
  /** Longest one request keeps being retried. */
  maxWaitMs: number;
  timeoutMs: number;
  /** Called before each retry wait (for progress output). */
  onRetry?: (why: string, waitMs: number) => void;
  sleep?: (ms: number) => Promise<void>;
}

const RETRYABLE = new Set([429, 502, 503, 504]);
const MAX_BACKOFF_MS = 30_000;

export class OtlpPoster {
  retries = 0;

  constructor(private readonly options: PosterOptions) {}

  /** Resolves once the endpoint accepted `body`; `where` names the request in errors (file:line). */
  async post(signal: Signal, body: Buffer, where: string): Promise<void> {
    const { endpoint, headers, maxWaitMs, timeoutMs } = this.options;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
    const url = `${endpoint}/v1/${signal}`;
    const started = Date.now();
    let backoff = 500;
    let waited = 0;
    for (;;) {
      let why: string;
      let waitMs: number | undefined;
      try {
        const res = await fetch(url, {
          method: 'POST',
          body,
          headers: { ...headers, 'content-type': 'application/json' },
          signal: AbortSignal.timeout(timeoutMs),
        });
        const text = await res.text();
        if (res.ok) return;
        if (!RETRYABLE.has(res.status))
          throw new SwitchyardError(
            'REPLAY_REJECTED',
            `${url} answered ${res.status} for ${where}: ${text.slice(0, 300)}`,
            { path: where, hint: 'the lines before it were sent; fix the cause and replay the rest' },
          );
        why = `${res.status}`;
        waitMs = parseRetryAfterMs(res.headers.get('retry-after') ?? undefined);
      } catch (err) {
        if (err instanceof SwitchyardError) throw err;
        why =
          err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
      }
      const wait = Math.min(waitMs ?? backoff, MAX_BACKOFF_MS);
      if (Math.max(Date.now() - started, waited) + wait > maxWaitMs)
        throw new SwitchyardError(
          'REPLAY_UNAVAILABLE',
          `${url} did not accept ${where} within ${Math.round(maxWaitMs / 1000)} s (last: ${why})`,
          { path: where, hint: 'is the endpoint up? the lines before it were sent' },
        );
      this.retries++;
      this.options.onRetry?.(why, wait);
      await sleep(wait);
      waited += wait;
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
  }
}
