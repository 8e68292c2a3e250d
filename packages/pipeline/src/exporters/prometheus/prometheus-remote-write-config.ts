/**
 * @module Config schema and factory for `type: prometheus_remote_write`.
 *
 *   exporters:
 *     prom: { type: prometheus_remote_write, endpoint: http://127.0.0.1:9090/api/v1/write }
 *
 * Options: `headers` (e.g. `authorization: Bearer ${PROM_TOKEN}`), `timeoutMs`, `nativeHistograms`
 * (default true: exponential histograms become native histograms — Prometheus 2.x needs
 * `--enable-feature=native-histograms`; false drops and counts them), `maxDeltaSeries` (default 100 000).
 */
import { z } from 'zod';
import type { Exporter } from '../../component/exporter.js';
import type { ComponentFactory } from '../../component/factory.js';
import type { ExporterContext } from '../otlp-exporter-config.js';
import { PrometheusRemoteWriteExporter } from './prometheus-remote-write-exporter.js';

export const prometheusRemoteWriteConfigSchema = z.strictObject({
  type: z.literal('prometheus_remote_write'),
  endpoint: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }),
  headers: z.record(z.string(), z.string()).default({}),
  timeoutMs: z.number().int().positive().default(10_000),
  nativeHistograms: z.boolean().default(true),
  maxDeltaSeries: z.number().int().positive().default(100_000),
});
export type PrometheusRemoteWriteConfig = z.infer<typeof prometheusRemoteWriteConfigSchema>;

export const prometheusRemoteWriteExporterFactory: ComponentFactory<
  PrometheusRemoteWriteConfig,
  Exporter,
  ExporterContext
> = {
  type: 'prometheus_remote_write',
  kind: 'exporter',
  stability: { metrics: 'beta' },
  configSchema: prometheusRemoteWriteConfigSchema,
  createDefaultConfig: () =>
    prometheusRemoteWriteConfigSchema.parse({
      type: 'prometheus_remote_write',
      endpoint: 'http://127.0.0.1:9090/api/v1/write',
    }),
  create: (c, { name, metrics, log }) =>
    new PrometheusRemoteWriteExporter({
      name,
      endpoint: c.endpoint,
      headers: c.headers,
      nativeHistograms: c.nativeHistograms,
      maxDeltaSeries: c.maxDeltaSeries,
      metrics,
      log,
    }),
};
