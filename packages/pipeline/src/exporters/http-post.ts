/**
 * @module A small keep-alive HTTP(S) POST client shared by the vendor exporters (Prometheus remote write,
 * Zipkin, Loki, Splunk HEC, Elasticsearch): one request, the status, headers and a capped response body.
 */
import http from 'node:http';
import https from 'node:https';
import { parseRetryAfterMs } from '@switchyard/core';
import { type ExportResult, permanent, retryable, SUCCESS } from '../component/export-result.js';
import { connectionFailureResult } from './http-result.js';

const MAX_RESPONSE_BYTES = 1024 * 1024;

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** At most 1 MiB of the body is kept: responses are only read for status and error messages. */
  body: Buffer;
}

export class HttpPoster {
  private readonly agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: 32 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 32 }),
  };

  post(
    url: URL,
    headers: Record<string, string>,
    body: Uint8Array | string,
    signal?: AbortSignal,
  ): Promise<HttpResponse> {
    return new Promise((resolve, reject) => {
      const secure = url.protocol === 'https:';
      const payload = typeof body === 'string' ? Buffer.from(body) : body;
      const req = (secure ? https : http).request(url, {
        method: 'POST',
        headers: { ...headers, 'content-length': String(payload.byteLength) },
        agent: secure ? this.agents.https : this.agents.http,
        signal,
      });
      req.on('error', reject);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (size < MAX_RESPONSE_BYTES) chunks.push(c);
          size += c.length;
        });
        res.on('error', reject);
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      });
      req.end(payload);
    });
  }

  destroy(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}

/** First 300 characters of a text error body, for the failure message. */
export function bodySnippet(body: Buffer): string {
  return body.toString('utf8', 0, Math.min(body.length, 600)).trim().slice(0, 300);
}

/**
 * Status → ExportResult for the vendor HTTP APIs: 2xx success; 429 and 5xx retryable (honouring
 * Retry-After); anything else permanent (bad request or auth — retrying cannot help).
 */
export function vendorHttpResult(res: HttpResponse): ExportResult {
  if (res.status >= 200 && res.status < 300) return SUCCESS;
  const snippet = bodySnippet(res.body);
  const message = `HTTP ${res.status}${snippet ? `: ${snippet}` : ''}`;
  if (res.status >= 500 || res.status === 429) {
    return retryable(message, parseRetryAfterMs(res.headers['retry-after']));
  }
  return permanent(message);
}

/** One POST mapped to an ExportResult; connection errors are retryable. */
export async function postForResult(
  poster: HttpPoster,
  url: URL,
  headers: Record<string, string>,
  body: Uint8Array | string,
  signal?: AbortSignal,
): Promise<ExportResult> {
  try {
    return vendorHttpResult(await poster.post(url, headers, body, signal));
  } catch (err) {
    return connectionFailureResult(err);
  }
}
