/**
 * @module The routing section of switchyard.yaml: named `exporters` (typed, each with its delivery settings),
 * `routes` (match → exporters), `failover` groups, and `routeMode`. Names are checked across sections so a
 * typo fails validation with the key path, not at the first batch.
 *
 *   exporters:
 *     upstream: { type: otlp_http, endpoint: http://127.0.0.1:4999, encoding: json, durable: true }
 *   routes:
 *     - { signals: [traces, logs], exporters: [upstream] }
 */
import { SIGNALS } from '@switchyard/core';
import { z } from 'zod';
import { circuitBreakerConfigSchema } from '../delivery/circuit-breaker.js';
import { retryPolicySchema } from '../delivery/retry-policy.js';
import { azureMonitorExporterConfigSchema } from '../exporters/azure-monitor/azure-monitor-exporter.js';
import { cloudWatchEmfExporterConfigSchema } from '../exporters/cloudwatch-emf/cloudwatch-emf-exporter.js';
import { elasticsearchExporterConfigSchema } from '../exporters/elasticsearch/elasticsearch-exporter.js';
import { fileExporterConfigSchema } from '../exporters/file/file-exporter.js';
import { lokiExporterConfigSchema } from '../exporters/loki/loki-exporter.js';
import {
  otlpGrpcExporterConfigSchema,
  otlpHttpExporterConfigSchema,
} from '../exporters/otlp-exporter-config.js';
import { prometheusRemoteWriteConfigSchema } from '../exporters/prometheus/prometheus-remote-write-config.js';
import { prometheusScrapeConfigSchema } from '../exporters/prometheus-scrape/prometheus-scrape-config.js';
import { splunkHecExporterConfigSchema } from '../exporters/splunk/splunk-hec-exporter.js';
import {
  checkVendorExporters,
  vendorExporterConfigSchema,
} from '../exporters/vendor/vendor-exporter-config.js';
import { zipkinExporterConfigSchema } from '../exporters/zipkin/zipkin-exporter.js';
import { queueConfigSchema } from '../queue/queue-config.js';

export { prometheusRemoteWriteConfigSchema };

const deliveryShape = {
  /** Queue on disk (survives restarts and crashes; 200 to senders means "on disk") instead of in memory. */
  durable: z.boolean().default(false),
  queue: queueConfigSchema.prefault({}),
  retry: retryPolicySchema.prefault({}),
  circuitBreaker: circuitBreakerConfigSchema.prefault({}),
};

export const exporterEntrySchema = z.discriminatedUnion('type', [
  otlpHttpExporterConfigSchema.extend(deliveryShape),
  otlpGrpcExporterConfigSchema.extend(deliveryShape),
  prometheusRemoteWriteConfigSchema.extend(deliveryShape),
  prometheusScrapeConfigSchema.extend(deliveryShape),
  zipkinExporterConfigSchema.extend(deliveryShape),
  lokiExporterConfigSchema.extend(deliveryShape),
  splunkHecExporterConfigSchema.extend(deliveryShape),
  elasticsearchExporterConfigSchema.extend(deliveryShape),
  fileExporterConfigSchema.extend(deliveryShape),
  azureMonitorExporterConfigSchema.extend(deliveryShape),
  cloudWatchEmfExporterConfigSchema.extend(deliveryShape),
  vendorExporterConfigSchema.extend(deliveryShape),
]);
export type ExporterEntry = z.infer<typeof exporterEntrySchema>;

const attributeMatch = z.union([z.string(), z.array(z.string()).min(1)]);

export const routeSchema = z.strictObject({
  /** Shown in logs and metrics; defaults to the route's index. */
  name: z.string().min(1).optional(),
  /** Signals this route takes; all when omitted. */
  signals: z
    .array(z.enum(SIGNALS as [string, ...string[]]))
    .min(1)
    .optional(),
  /** Resource service.name values; `*` matches any run of characters (`checkout-*`). */
  services: z.array(z.string().min(1)).min(1).optional(),
  /** Resource attributes that must all match (one value or any of a list; values compared as text). */
  resourceAttributes: z.record(z.string(), attributeMatch).optional(),
  /** Exporter or failover group names. */
  exporters: z.array(z.string().min(1)).min(1),
});
export type Route = z.infer<typeof routeSchema>;

export const failoverGroupSchema = z.strictObject({
  /** In order of preference; traffic moves on when the active one's circuit opens and returns when it closes. */
  exporters: z.array(z.string().min(1)).min(2),
  /** Queue of the group; defaults to the preferred exporter's delivery settings. */
  durable: z.boolean().optional(),
  queue: queueConfigSchema.optional(),
});
export type FailoverGroup = z.infer<typeof failoverGroupSchema>;

/** Spread into a larger strict object (the hub config); apply `checkRoutingReferences` there too. */
export const routingShape = {
  exporters: z.record(z.string().min(1), exporterEntrySchema).default({}),
  routes: z.array(routeSchema).default([]),
  failover: z.record(z.string().min(1), failoverGroupSchema).default({}),
  /** `first`: each resource goes to the first matching route. `all`: to every matching route. */
  routeMode: z.enum(['first', 'all']).default('first'),
};

type RoutingSection = {
  exporters: Record<string, { type: string }>;
  routes: { signals?: string[]; exporters: string[] }[];
  failover: Record<string, { exporters: string[] }>;
};

/** Cross-reference checks: route targets exist, failover members are exporters, names are unique. */
export function checkRoutingReferences(config: RoutingSection, ctx: z.RefinementCtx): void {
  const exporters = Object.keys(config.exporters);
  const groups = Object.keys(config.failover);
  const known = [...exporters, ...groups];
  for (const g of groups) {
    if (exporters.includes(g)) {
      ctx.addIssue({ code: 'custom', path: ['failover', g], message: `'${g}' is also an exporter name` });
    }
    config.failover[g]!.exporters.forEach((m, i) => {
      if (!exporters.includes(m)) {
        ctx.addIssue({
          code: 'custom',
          path: ['failover', g, 'exporters', i],
          message: `unknown exporter '${m}' (defined: ${exporters.join(', ') || 'none'})`,
        });
      }
    });
  }
  config.routes.forEach((r, i) => {
    r.exporters.forEach((name, j) => {
      if (!known.includes(name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['routes', i, 'exporters', j],
          message: `unknown exporter or failover group '${name}' (defined: ${known.join(', ') || 'none'})`,
        });
      }
    });
  });
  checkVendorExporters(config, ctx);
}

export const routingConfigSchema = z.strictObject(routingShape).superRefine(checkRoutingReferences);
export type RoutingConfig = z.infer<typeof routingConfigSchema>;
