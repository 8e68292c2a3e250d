/**
 * @module OTLP/HTTP exporter (http/protobuf and http/json, optional gzip) on node:http with keep-alive.
 * Responses are mapped per the OTLP spec (see http-result.ts); a partial success is counted, not retried.
 */
import http from 'node:http';
import https from 'node:https';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import {
  ConfigError,
  encodeRequest,
  type OtlpFormat,
  type Signal,
  type TelemetryBatch,
} from '@switchyard/core';
import type { Authorizer } from '@switchyard/presets';
import { type ExportResult, permanent, retryable, SUCCESS } from '../component/export-result.js';
import type { Exporter } from '../component/exporter.js';
import { type Log, stderrLog } from '../queue/log.js';
import type { SelfMetrics } from '../self/self-metrics.js';
import { connectionFailureResult, httpFailureResult } from './http-result.js';
import { PartialSuccessCounter } from './partial-success.js';
import { errorBodyMessage } from './rpc-status.js';

const gzipAsync = promisify(gzip);
const MAX_RESPONSE_BYTES = 1024 * 1024;

export interface OtlpHttpExporterOptions {
  name: string;
  /** Base URL; `/v1/traces`, `/v1/metrics`, `/v1/logs` are appended (OTEL_EXPORTER_OTLP_ENDPOINT semantics). */
  endpoint: string;
  /** Full URLs per signal, used as-is (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT semantics). */
  signalEndpoints?: Partial<Record<Signal, string>>;
  encoding: OtlpFormat;
  compression: 'none' | 'gzip';
  headers: Record<string, string>;
  /**
   * Per-request authorization (AWS SigV4 signs the exact compressed body; Google ADC adds a token that
   * expires): returns headers to add. A ConfigError (no credentials, optional package missing) is permanent.
   */
  authorize?: Authorizer;
  metrics?: SelfMetrics;
  log?: Log;
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export class OtlpHttpExporter implements Exporter {
  readonly name: string;
  private readonly urls: Record<Signal, URL>;
  private readonly agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: 32 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 32 }),
  };
  private readonly partial: PartialSuccessCounter;

  constructor(private readonly options: OtlpHttpExporterOptions) {
    this.name = options.name;
    const base = options.endpoint.replace(/\/+$/, '');
    const url = (signal: Signal): URL => new URL(options.signalEndpoints?.[signal] ?? `${base}/v1/${signal}`);
    this.urls = { traces: url('traces'), metrics: url('metrics'), logs: url('logs') };
    this.partial = new PartialSuccessCounter(options.name, options.metrics, options.log ?? stderrLog);
  }

  async push(batch: TelemetryBatch, signal?: AbortSignal): Promise<ExportResult> {
    const { encoding, compression } = this.options;
    let body: Uint8Array = encodeRequest(batch, encoding);
    const headers: Record<string, string> = {
      ...this.options.headers,
      'content-type': encoding === 'json' ? 'application/json' : 'application/x-protobuf',
      'user-agent': 'switchyard-hub',
    };
    if (compression === 'gzip') {
      body = await gzipAsync(body);
      headers['content-encoding'] = 'gzip';
    }
    headers['content-length'] = String(body.byteLength);
    const url = this.urls[batch.signal];
    const authorized = await this.authorized(url, headers, body);
    if ('failed' in authorized) return authorized.failed;
    let res: RawResponse;
    try {
      res = await this.post(url, authorized.headers, body, signal);
    } catch (err) {
      return connectionFailureResult(err);
    }
    const contentType = res.headers['content-type'];
    if (res.status >= 200 && res.status < 300) {
      const format: OtlpFormat = contentType?.includes('json') ? 'json' : 'protobuf';
      this.partial.record(batch.signal, res.body, format);
      return SUCCESS;
    }
    const retryAfter = res.headers['retry-after'];
    return httpFailureResult(res.status, retryAfter, errorBodyMessage(res.body, contentType));
  }

  /** The headers to send: as given, or lower-cased and signed when an authorizer is set. */
  private async authorized(
    url: URL,
    headers: Record<string, string>,
    body: Uint8Array,
  ): Promise<{ headers: Record<string, string> } | { failed: ExportResult }> {
    const authorize = this.options.authorize;
    if (!authorize) return { headers };
    const lower: Record<string, string> = {};
    for (const [k, v] of Object.entries(headers)) lower[k.toLowerCase()] = v;
    try {
      const added = await authorize({ method: 'POST', url, headers: { ...lower }, body });
      return { headers: { ...lower, ...added } };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof ConfigError)
        return { failed: permanent(`${message}${err.hint ? ` (${err.hint})` : ''}`) };
      return { failed: retryable(`authorization failed: ${message}`) };
    }
  }

  private post(
    url: URL,
    headers: Record<string, string>,
    body: Uint8Array,
    signal: AbortSignal | undefined,
  ): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const secure = url.protocol === 'https:';
      const req = (secure ? https : http).request(url, {
        method: 'POST',
        headers,
        agent: secure ? this.agents.https : this.agents.http,
        signal,
      });
      req.on('error', reject);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          // Error bodies are only read for their message; cap what is kept.
          if (size < MAX_RESPONSE_BYTES) chunks.push(c);
          size += c.length;
        });
        res.on('error', reject);
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      });
      req.end(body);
    });
  }

  async shutdown(): Promise<void> {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}
