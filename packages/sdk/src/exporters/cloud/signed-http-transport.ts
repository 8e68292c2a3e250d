/**
 * @module An OTLP/HTTP transport whose requests are authorized per request by an async hook — AWS SigV4
 * (which signs the exact, compressed body) or a Google OAuth token. The stock OpenTelemetry transport only
 * takes static headers, which cannot carry a body signature or a token that expires. Retryable answers (429,
 * 502, 503, 504, a network error, a timed-out attempt) are retried with backoff and jitter, honouring
 * Retry-After, within the export timeout; each attempt is signed afresh.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import {
  type ExportResponse,
  type IExporterTransport,
  OTLPExporterError,
} from '@opentelemetry/otlp-exporter-base';
import { parseRetryAfterMs } from '@switchyard/core';
import type { Authorizer } from '@switchyard/presets';
import { DEFAULT_RETRY, type RetrySettings, retryDelayMs } from './transport-retry.js';

const gzipAsync = promisify(gzip);

export interface SignedTransportOptions {
  url: string;
  headers: Record<string, string>;
  contentType: string;
  compression: 'gzip' | 'none';
  authorize: Authorizer;
  userAgent?: string;
  /** Backoff between attempts; the export timeout bounds all attempts together. */
  retry?: RetrySettings;
}

const RETRYABLE = new Set([429, 502, 503, 504]);

interface Attempt {
  response: ExportResponse;
  /** From a Retry-After header, when the server sent one. */
  retryAfterMs?: number;
}

function post(
  url: URL,
  headers: Record<string, string>,
  body: Uint8Array,
  timeoutMillis: number,
  agent: HttpAgent,
): Promise<Attempt> {
  return new Promise<Attempt>((resolve) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, { method: 'POST', headers, agent }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (error) => resolve({ response: { status: 'retryable', error } }));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        const data = Buffer.concat(chunks);
        if (status >= 200 && status < 300) resolve({ response: { status: 'success', data } });
        else if (RETRYABLE.has(status)) {
          const header = res.headers['retry-after'];
          resolve({
            response: { status: 'retryable', error: new OTLPExporterError(res.statusMessage, status) },
            retryAfterMs: parseRetryAfterMs(Array.isArray(header) ? header[0] : header),
          });
        } else
          resolve({
            response: {
              status: 'failure',
              error: new OTLPExporterError(res.statusMessage, status, data.toString()),
            },
          });
      });
    });
    req.setTimeout(timeoutMillis, () => {
      req.destroy();
      resolve({ response: { status: 'retryable', error: new Error('Request timed out') } });
    });
    // Connection refused or reset, DNS failure: the data was not received, so another attempt may work.
    req.on('error', (error) => resolve({ response: { status: 'retryable', error } }));
    req.end(body);
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createSignedHttpTransport(options: SignedTransportOptions): IExporterTransport {
  const url = new URL(options.url);
  const retry = options.retry ?? DEFAULT_RETRY;
  const agent =
    url.protocol === 'https:' ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const staticHeaders: Record<string, string> = { 'content-type': options.contentType };
  for (const [k, v] of Object.entries(options.headers)) staticHeaders[k.toLowerCase()] = v;
  if (options.compression === 'gzip') staticHeaders['content-encoding'] = 'gzip';
  staticHeaders['user-agent'] = options.userAgent ?? 'switchyard-sdk';
  return {
    async send(data: Uint8Array, timeoutMillis: number): Promise<ExportResponse> {
      const deadline = Date.now() + timeoutMillis;
      const body = options.compression === 'gzip' ? new Uint8Array(await gzipAsync(data)) : data;
      const headers = { ...staticHeaders, 'content-length': String(body.byteLength) };
      for (let attempt = 1; ; attempt++) {
        let auth: Record<string, string>;
        try {
          // Signed again on every attempt: a SigV4 signature carries its time, a token may have expired.
          auth = await options.authorize({ method: 'POST', url, headers: { ...headers }, body });
        } catch (error) {
          return { status: 'failure', error: error instanceof Error ? error : new Error(String(error)) };
        }
        const remaining = Math.max(1, deadline - Date.now());
        const { response, retryAfterMs } = await post(url, { ...headers, ...auth }, body, remaining, agent);
        if (response.status !== 'retryable' || attempt >= retry.maxAttempts) return response;
        const wait = retryDelayMs(retry, attempt, retryAfterMs);
        if (Date.now() + wait >= deadline) return response;
        await sleep(wait);
      }
    },
    shutdown() {
      agent.destroy();
    },
  };
}
