/**
 * @module Config schemas and factories for the OTLP exporters (`type: otlp_http`, `type: otlp_grpc`).
 * Delivery settings (queue, retry, circuit breaker) are added around these by the routing schema.
 */
import { z } from 'zod';
import type { Exporter } from '../component/exporter.js';
import type { ComponentFactory } from '../component/factory.js';
import type { Log } from '../queue/log.js';
import type { SelfMetrics } from '../self/self-metrics.js';
import { OtlpGrpcExporter } from './otlp-grpc-exporter.js';
import { OtlpHttpExporter } from './otlp-http-exporter.js';

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });
const headers = z.record(z.string(), z.string()).default({});
const compression = z.enum(['none', 'gzip']).default('gzip');
/** Bound on one push attempt; retries are governed by the retry policy. */
const timeoutMs = z.number().int().positive().default(10_000);

export const otlpHttpExporterConfigSchema = z.strictObject({
  type: z.literal('otlp_http'),
  /** Base URL; /v1/traces, /v1/metrics and /v1/logs are appended. */
  endpoint: httpUrl,
  tracesEndpoint: httpUrl.optional(),
  metricsEndpoint: httpUrl.optional(),
  logsEndpoint: httpUrl.optional(),
  encoding: z.enum(['protobuf', 'json']).default('protobuf'),
  headers,
  compression,
  timeoutMs,
});
export type OtlpHttpExporterConfig = z.infer<typeof otlpHttpExporterConfigSchema>;

export const otlpGrpcExporterConfigSchema = z.strictObject({
  type: z.literal('otlp_grpc'),
  /** http://host:port for plaintext, https://host:port for TLS. */
  endpoint: httpUrl,
  headers,
  compression,
  timeoutMs,
});
export type OtlpGrpcExporterConfig = z.infer<typeof otlpGrpcExporterConfigSchema>;

/** What every exporter factory receives besides its config. */
export interface ExporterContext {
  name: string;
  metrics?: SelfMetrics;
  log?: Log;
}

export const otlpHttpExporterFactory: ComponentFactory<OtlpHttpExporterConfig, Exporter, ExporterContext> = {
  type: 'otlp_http',
  kind: 'exporter',
  stability: { traces: 'beta', metrics: 'beta', logs: 'beta' },
  configSchema: otlpHttpExporterConfigSchema,
  createDefaultConfig: () =>
    otlpHttpExporterConfigSchema.parse({ type: 'otlp_http', endpoint: 'http://127.0.0.1:4318' }),
  create: (c, { name, metrics, log }) =>
    new OtlpHttpExporter({
      name,
      endpoint: c.endpoint,
      signalEndpoints: { traces: c.tracesEndpoint, metrics: c.metricsEndpoint, logs: c.logsEndpoint },
      encoding: c.encoding,
      compression: c.compression,
      headers: c.headers,
      metrics,
      log,
    }),
};

export const otlpGrpcExporterFactory: ComponentFactory<OtlpGrpcExporterConfig, Exporter, ExporterContext> = {
  type: 'otlp_grpc',
  kind: 'exporter',
  stability: { traces: 'beta', metrics: 'beta', logs: 'beta' },
  configSchema: otlpGrpcExporterConfigSchema,
  createDefaultConfig: () =>
    otlpGrpcExporterConfigSchema.parse({ type: 'otlp_grpc', endpoint: 'http://127.0.0.1:4317' }),
  create: (c, { name, metrics, log }) =>
    new OtlpGrpcExporter({
      name,
      endpoint: c.endpoint,
      compression: c.compression,
      headers: c.headers,
      metrics,
      log,
    }),
};
