/**
 * @module Config schema and factory for `type: prometheus` (a scrape endpoint Prometheus pulls from):
 *
 *   exporters:
 *     scrape: { type: prometheus, port: 9464 }   # serves http://127.0.0.1:9464/metrics
 *
 * Options: `host` (default 127.0.0.1; 0.0.0.0 to be scraped from other machines), `path` (default /metrics),
 * `expireAfterMs` (default 5 min: series not updated for this long disappear), `maxSeries` (default 100 000).
 */
import { z } from 'zod';
import type { Exporter } from '../../component/exporter.js';
import type { ComponentFactory } from '../../component/factory.js';
import type { ExporterContext } from '../otlp-exporter-config.js';
import { PrometheusScrapeExporter } from './prometheus-scrape-exporter.js';

export const prometheusScrapeConfigSchema = z.strictObject({
  type: z.literal('prometheus'),
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65_535),
  path: z.string().startsWith('/', 'must start with /').default('/metrics'),
  expireAfterMs: z.number().int().positive().default(300_000),
  maxSeries: z.number().int().positive().default(100_000),
  /** Push deadline for the delivery queue; a push only updates memory, so it never comes near it. */
  timeoutMs: z.number().int().positive().default(10_000),
});
export type PrometheusScrapeConfig = z.infer<typeof prometheusScrapeConfigSchema>;

export const prometheusScrapeExporterFactory: ComponentFactory<
  PrometheusScrapeConfig,
  Exporter,
  ExporterContext
> = {
  type: 'prometheus',
  kind: 'exporter',
  stability: { metrics: 'beta' },
  configSchema: prometheusScrapeConfigSchema,
  createDefaultConfig: () => prometheusScrapeConfigSchema.parse({ type: 'prometheus', port: 9464 }),
  create: (c, { name, metrics, log }) => {
    const exporter = new PrometheusScrapeExporter({
      name,
      host: c.host,
      port: c.port,
      path: c.path,
      expireAfterMs: c.expireAfterMs,
      maxSeries: c.maxSeries,
      metrics,
      log,
    });
    // Listen at once so Prometheus sees an up (if empty) target before the first metric arrives.
    exporter.startInBackground();
    return exporter;
  },
};
