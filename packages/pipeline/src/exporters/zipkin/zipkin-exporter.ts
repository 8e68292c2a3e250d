/**
 * @module Zipkin v2 JSON exporter (`type: zipkin`): `POST <endpoint>` (default path /api/v2/spans) with a JSON
 * array of spans (see zipkin-spans.ts). Traces only; other signals are ignored.
 *
 *   exporters:
 *     zipkin: { type: zipkin, endpoint: http://127.0.0.1:9411/api/v2/spans }
 */
import type { TelemetryBatch } from '@switchyard/core';
import { z } from 'zod';
import { type ExportResult, SUCCESS } from '../../component/export-result.js';
import type { Exporter } from '../../component/exporter.js';
import type { ComponentFactory } from '../../component/factory.js';
import { HttpPoster, postForResult } from '../http-post.js';
import type { ExporterContext } from '../otlp-exporter-config.js';
import { toZipkinSpans } from './zipkin-spans.js';

export const zipkinExporterConfigSchema = z.strictObject({
  type: z.literal('zipkin'),
  /** Full URL of the span endpoint, e.g. http://127.0.0.1:9411/api/v2/spans. */
  endpoint: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }),
  headers: z.record(z.string(), z.string()).default({}),
  timeoutMs: z.number().int().positive().default(10_000),
});
export type ZipkinExporterConfig = z.infer<typeof zipkinExporterConfigSchema>;

export class ZipkinExporter implements Exporter {
  private readonly http = new HttpPoster();
  private readonly url: URL;

  constructor(
    readonly name: string,
    private readonly config: Pick<ZipkinExporterConfig, 'endpoint' | 'headers'>,
  ) {
    this.url = new URL(config.endpoint);
  }

  push(batch: TelemetryBatch, signal?: AbortSignal): Promise<ExportResult> {
    if (batch.signal !== 'traces') return Promise.resolve(SUCCESS);
    const spans = toZipkinSpans(batch.data);
    if (spans.length === 0) return Promise.resolve(SUCCESS);
    const headers = { ...this.config.headers, 'content-type': 'application/json' };
    return postForResult(this.http, this.url, headers, JSON.stringify(spans), signal);
  }

  async shutdown(): Promise<void> {
    this.http.destroy();
  }
}

export const zipkinExporterFactory: ComponentFactory<ZipkinExporterConfig, Exporter, ExporterContext> = {
  type: 'zipkin',
  kind: 'exporter',
  stability: { traces: 'beta' },
  configSchema: zipkinExporterConfigSchema,
  createDefaultConfig: () =>
    zipkinExporterConfigSchema.parse({ type: 'zipkin', endpoint: 'http://127.0.0.1:9411/api/v2/spans' }),
  create: (c, { name }) => new ZipkinExporter(name, c),
};
