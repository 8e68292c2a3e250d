/**
 * @module Loki push API exporter (`type: loki`): `POST <endpoint>/loki/api/v1/push` with JSON streams (see
 * loki-streams.ts). Logs only. For Loki 3's native OTLP endpoint use `type: otlp_http` with
 * `endpoint: http://loki:3100/otlp` instead — no translation needed.
 *
 *   exporters:
 *     loki: { type: loki, endpoint: http://127.0.0.1:3100, tenantId: team-a }
 *
 * Options: `labels` (resource attributes that become stream labels), `structuredMetadata`, `tenantId`
 * (sent as X-Scope-OrgID), `headers`.
 */
import type { TelemetryBatch } from '@switchyard/core';
import { z } from 'zod';
import { type ExportResult, SUCCESS } from '../../component/export-result.js';
import type { Exporter } from '../../component/exporter.js';
import type { ComponentFactory } from '../../component/factory.js';
import { HttpPoster, postForResult } from '../http-post.js';
import type { ExporterContext } from '../otlp-exporter-config.js';
import { toLokiStreams } from './loki-streams.js';

export const DEFAULT_LOKI_LABELS = [
  'service.name',
  'service.namespace',
  'service.instance.id',
  'deployment.environment',
  'deployment.environment.name',
  'k8s.namespace.name',
  'cloud.region',
];

export const lokiExporterConfigSchema = z.strictObject({
  type: z.literal('loki'),
  /** Base URL of Loki; /loki/api/v1/push is appended. */
  endpoint: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }),
  labels: z.array(z.string().min(1)).min(1).default(DEFAULT_LOKI_LABELS),
  structuredMetadata: z.boolean().default(true),
  tenantId: z.string().min(1).optional(),
  headers: z.record(z.string(), z.string()).default({}),
  timeoutMs: z.number().int().positive().default(10_000),
});
export type LokiExporterConfig = z.infer<typeof lokiExporterConfigSchema>;

export class LokiExporter implements Exporter {
  private readonly http = new HttpPoster();
  private readonly url: URL;

  constructor(
    readonly name: string,
    private readonly config: Omit<LokiExporterConfig, 'type' | 'timeoutMs'>,
  ) {
    this.url = new URL(`${config.endpoint.replace(/\/+$/, '')}/loki/api/v1/push`);
  }

  push(batch: TelemetryBatch, signal?: AbortSignal): Promise<ExportResult> {
    if (batch.signal !== 'logs') return Promise.resolve(SUCCESS);
    const streams = toLokiStreams(batch.data, this.config);
    if (streams.length === 0) return Promise.resolve(SUCCESS);
    const headers: Record<string, string> = { ...this.config.headers, 'content-type': 'application/json' };
    if (this.config.tenantId) headers['x-scope-orgid'] = this.config.tenantId;
    return postForResult(this.http, this.url, headers, JSON.stringify({ streams }), signal);
  }

  async shutdown(): Promise<void> {
    this.http.destroy();
  }
}

export const lokiExporterFactory: ComponentFactory<LokiExporterConfig, Exporter, ExporterContext> = {
  type: 'loki',
  kind: 'exporter',
  stability: { logs: 'beta' },
  configSchema: lokiExporterConfigSchema,
  createDefaultConfig: () =>
    lokiExporterConfigSchema.parse({ type: 'loki', endpoint: 'http://127.0.0.1:3100' }),
  create: (c, { name }) => new LokiExporter(name, c),
};
