/**
 * @module Splunk HTTP Event Collector exporter (`type: splunk_hec`): `POST <endpoint>/services/collector/event`
 * with `Authorization: Splunk <token>` and concatenated JSON events (see hec-events.ts). HEC answers 503
 * when busy and 429 when throttled (both retried); a bad token (401/403) or malformed data (400) is permanent.
 *
 *   exporters:
 *     splunk: { type: splunk_hec, endpoint: https://splunk.example.com:8088, token: "${SPLUNK_HEC_TOKEN}",
 *               index: otel, sourcetype: otel }
 */
import type { TelemetryBatch } from '@switchyard/core';
import { z } from 'zod';
import { type ExportResult, SUCCESS } from '../../component/export-result.js';
import type { Exporter } from '../../component/exporter.js';
import type { ComponentFactory } from '../../component/factory.js';
import type { SelfMetrics } from '../../self/self-metrics.js';
import { HttpPoster, postForResult } from '../http-post.js';
import type { ExporterContext } from '../otlp-exporter-config.js';
import { type HecDefaults, toHecEvents } from './hec-events.js';

export const splunkHecExporterConfigSchema = z.strictObject({
  type: z.literal('splunk_hec'),
  /** Base URL of the HEC endpoint; /services/collector/event is appended. */
  endpoint: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }),
  token: z.string().min(1),
  index: z.string().min(1).optional(),
  source: z.string().min(1).optional(),
  sourcetype: z.string().min(1).optional(),
  headers: z.record(z.string(), z.string()).default({}),
  timeoutMs: z.number().int().positive().default(10_000),
});
export type SplunkHecExporterConfig = z.infer<typeof splunkHecExporterConfigSchema>;

export class SplunkHecExporter implements Exporter {
  private readonly http = new HttpPoster();
  private readonly url: URL;
  private readonly unsupported: (by?: number) => void;

  constructor(
    readonly name: string,
    private readonly config: HecDefaults & {
      endpoint: string;
      token: string;
      headers: Record<string, string>;
    },
    metrics?: SelfMetrics,
  ) {
    this.url = new URL(`${config.endpoint.replace(/\/+$/, '')}/services/collector/event`);
    this.unsupported =
      metrics?.counter(
        'switchyard_exporter_dropped_points_total',
        'Data points an exporter could not represent in its destination format',
        { exporter: name, reason: 'unsupported_metric_type' },
      ) ?? (() => {});
  }

  push(batch: TelemetryBatch, signal?: AbortSignal): Promise<ExportResult> {
    const { events, unsupported } = toHecEvents(batch, this.config);
    if (unsupported > 0) this.unsupported(unsupported);
    if (events.length === 0) return Promise.resolve(SUCCESS);
    const headers = {
      ...this.config.headers,
      authorization: `Splunk ${this.config.token}`,
      'content-type': 'application/json',
    };
    const body = events.map((e) => JSON.stringify(e)).join('\n');
    return postForResult(this.http, this.url, headers, body, signal);
  }

  async shutdown(): Promise<void> {
    this.http.destroy();
  }
}

export const splunkHecExporterFactory: ComponentFactory<SplunkHecExporterConfig, Exporter, ExporterContext> =
  {
    type: 'splunk_hec',
    kind: 'exporter',
    stability: { logs: 'beta', traces: 'alpha', metrics: 'alpha' },
    configSchema: splunkHecExporterConfigSchema,
    createDefaultConfig: () =>
      splunkHecExporterConfigSchema.parse({
        type: 'splunk_hec',
        endpoint: 'http://127.0.0.1:8088',
        token: 'changeme',
      }),
    create: (c, { name, metrics }) => new SplunkHecExporter(name, c, metrics),
  };
