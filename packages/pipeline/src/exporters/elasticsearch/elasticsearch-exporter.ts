/**
 * @module Elasticsearch bulk exporter (`type: elasticsearch`): `POST <endpoint>/_bulk` with NDJSON
 * (`{"create":{"_index":…}}` + document per item, a trailing newline; `create` because the default targets
 * are data streams). Logs and traces (see es-documents.ts); metrics are ignored.
 *
 * The bulk API answers 200 even when some items failed, so the response is read item by item: items that
 * failed with 429 or 5xx are retried — only those, the batch's progress is remembered per batch object —
 * and items rejected for good (mapping errors, 4xx) are counted and logged, never retried.
 *
 *   exporters:
 *     es: { type: elasticsearch, endpoint: https://es.example.com:9200, apiKey: "${ES_API_KEY}" }
 */
import type { TelemetryBatch } from '@switchyard/core';
import { z } from 'zod';
import { type ExportResult, retryable, SUCCESS } from '../../component/export-result.js';
import type { Exporter } from '../../component/exporter.js';
import type { ComponentFactory } from '../../component/factory.js';
import { type Log, stderrLog } from '../../queue/log.js';
import type { SelfMetrics } from '../../self/self-metrics.js';
import { HttpPoster, vendorHttpResult } from '../http-post.js';
import { connectionFailureResult } from '../http-result.js';
import type { ExporterContext } from '../otlp-exporter-config.js';
import { toEsDocuments } from './es-documents.js';

export const elasticsearchExporterConfigSchema = z.strictObject({
  type: z.literal('elasticsearch'),
  /** Base URL of the cluster; /_bulk is appended. */
  endpoint: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }),
  logsIndex: z.string().min(1).default('logs-generic.otel-default'),
  tracesIndex: z.string().min(1).default('traces-generic.otel-default'),
  /** Sent as `Authorization: ApiKey <apiKey>`. */
  apiKey: z.string().min(1).optional(),
  /** Basic auth, when no API key is given. */
  username: z.string().min(1).optional(),
  password: z.string().optional(),
  headers: z.record(z.string(), z.string()).default({}),
  timeoutMs: z.number().int().positive().default(30_000),
});
export type ElasticsearchExporterConfig = z.infer<typeof elasticsearchExporterConfigSchema>;

interface BulkItemResult {
  status: number;
  error?: { type?: string; reason?: string };
}

export class ElasticsearchExporter implements Exporter {
  private readonly http = new HttpPoster();
  private readonly url: URL;
  /** Per batch: documents still to send (indexes into its document list), so a retry resends only those. */
  private readonly pending = new WeakMap<TelemetryBatch, { docs: string[]; left: number[] }>();
  private readonly rejected: (by?: number) => void;
  private readonly log: Log;

  constructor(
    readonly name: string,
    private readonly config: Omit<ElasticsearchExporterConfig, 'type' | 'timeoutMs'>,
    options: { metrics?: SelfMetrics; log?: Log } = {},
  ) {
    this.url = new URL(`${config.endpoint.replace(/\/+$/, '')}/_bulk`);
    this.log = options.log ?? stderrLog;
    this.rejected =
      options.metrics?.counter(
        'switchyard_exporter_rejected_items_total',
        'Items a destination rejected in a partial success (not retried)',
        { exporter: name, signal: 'any' },
      ) ?? (() => {});
  }

  private headers(): Record<string, string> {
    const h: Record<string, string> = { ...this.config.headers, 'content-type': 'application/x-ndjson' };
    if (this.config.apiKey) h.authorization = `ApiKey ${this.config.apiKey}`;
    else if (this.config.username) {
      const basic = Buffer.from(`${this.config.username}:${this.config.password ?? ''}`).toString('base64');
      h.authorization = `Basic ${basic}`;
    }
    return h;
  }

  async push(batch: TelemetryBatch, signal?: AbortSignal): Promise<ExportResult> {
    if (batch.signal === 'metrics') return SUCCESS;
    let state = this.pending.get(batch);
    if (!state) {
      const index = batch.signal === 'logs' ? this.config.logsIndex : this.config.tracesIndex;
      const action = JSON.stringify({ create: { _index: index } });
      const docs = toEsDocuments(batch).map((d) => `${action}\n${JSON.stringify(d)}\n`);
      state = { docs, left: docs.map((_, i) => i) };
      this.pending.set(batch, state);
    }
    if (state.left.length === 0) return SUCCESS;
    const body = state.left.map((i) => state.docs[i]!).join('');
    let res: Awaited<ReturnType<HttpPoster['post']>>;
    try {
      res = await this.http.post(this.url, this.headers(), body, signal);
    } catch (err) {
      return connectionFailureResult(err);
    }
    const whole = vendorHttpResult(res);
    if (whole.kind !== 'success') return whole;
    return this.itemResults(state, res.body);
  }

  private itemResults(state: { left: number[] }, body: Buffer): ExportResult {
    let parsed: { errors?: boolean; items?: Record<string, BulkItemResult>[] };
    try {
      parsed = JSON.parse(body.toString()) as typeof parsed;
    } catch {
      state.left = [];
      return SUCCESS;
    }
    if (!parsed.errors || !parsed.items) {
      state.left = [];
      return SUCCESS;
    }
    const retry: number[] = [];
    let rejected = 0;
    let firstReason = '';
    parsed.items.forEach((item, k) => {
      const r = Object.values(item)[0];
      const docIndex = state.left[k];
      if (!r || docIndex === undefined || r.status < 300) return;
      if (r.status === 429 || r.status >= 500) retry.push(docIndex);
      else {
        rejected++;
        firstReason ||= `${r.error?.type ?? r.status}: ${r.error?.reason ?? ''}`;
      }
    });
    if (rejected > 0) {
      this.rejected(rejected);
      this.log(`exporter ${this.name}: ${rejected} documents rejected by Elasticsearch (${firstReason})`);
    }
    state.left = retry;
    return retry.length > 0 ? retryable(`${retry.length} bulk items throttled or failed (429/5xx)`) : SUCCESS;
  }

  async shutdown(): Promise<void> {
    this.http.destroy();
  }
}

export const elasticsearchExporterFactory: ComponentFactory<
  ElasticsearchExporterConfig,
  Exporter,
  ExporterContext
> = {
  type: 'elasticsearch',
  kind: 'exporter',
  stability: { logs: 'beta', traces: 'alpha' },
  configSchema: elasticsearchExporterConfigSchema,
  createDefaultConfig: () =>
    elasticsearchExporterConfigSchema.parse({ type: 'elasticsearch', endpoint: 'http://127.0.0.1:9200' }),
  create: (c, { name, metrics, log }) => new ElasticsearchExporter(name, c, { metrics, log }),
};
