/**
 * @module An OTLP/HTTP transport whose requests are authorized per request by an async hook — AWS SigV4
 * (which signs the exact, compressed body) or a Google OAuth token. The stock OpenTelemetry transport only
 * takes static headers, which cannot carry a body signature or a token that expires.
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
import type { Authorizer } from '@switchyard/presets';

const gzipAsync = promisify(gzip);

export interface SignedTransportOptions {
  url: string;
  headers: Record<string, string>;
  contentType: string;
  compression: 'gzip' | 'none';
  authorize: Authorizer;
  userAgent?: string;
}

const RETRYABLE = new Set([429, 502, 503, 504]);

function post(
  url: URL,
  headers: Record<string, string>,
  body: Uint8Array,
  timeoutMillis: number,
  agent: HttpAgent,
) {
  return new Promise<ExportResponse>((resolve) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, { method: 'POST', headers, agent }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (error) => resolve({ status: 'failure', error }));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        const data = Buffer.concat(chunks);
        if (status >= 200 && status < 300) resolve({ status: 'success', data });
        else if (RETRYABLE.has(status))
          resolve({ status: 'retryable', error: new OTLPExporterError(res.statusMessage, status) });
        else
          resolve({
            status: 'failure',
            error: new OTLPExporterError(res.statusMessage, status, data.toString()),
          });
      });
    });
    req.setTimeout(timeoutMillis, () => {
      req.destroy();
      resolve({ status: 'retryable', error: new Error('Request timed out') });
    });
    req.on('error', (error) => resolve({ status: 'failure', error }));
    req.end(body);
  });
}

export function createSignedHttpTransport(options: SignedTransportOptions): IExporterTransport {
  const url = new URL(options.url);
  const agent =
    url.protocol === 'https:' ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const staticHeaders: Record<string, string> = { 'content-type': options.contentType };
  for (const [k, v] of Object.entries(options.headers)) staticHeaders[k.toLowerCase()] = v;
  if (options.compression === 'gzip') staticHeaders['content-encoding'] = 'gzip';
  staticHeaders['user-agent'] = options.userAgent ?? 'switchyard-sdk';
  return {
    async send(data: Uint8Array, timeoutMillis: number): Promise<ExportResponse> {
      const body = options.compression === 'gzip' ? new Uint8Array(await gzipAsync(data)) : data;
      const headers = { ...staticHeaders, 'content-length': String(body.byteLength) };
      let auth: Record<string, string>;
      try {
        auth = await options.authorize({ method: 'POST', url, headers: { ...headers }, body });
      } catch (error) {
        return { status: 'failure', error: error instanceof Error ? error : new Error(String(error)) };
      }
      return post(url, { ...headers, ...auth }, body, timeoutMillis, agent);
    },
    shutdown() {
      agent.destroy();
    },
  };
}
