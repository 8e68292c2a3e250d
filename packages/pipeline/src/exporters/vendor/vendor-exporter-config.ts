/**
 * @module Vendor exporters from the shared preset table (`type: datadog | newrelic | honeycomb | dynatrace |
 * elastic | splunk | grafana-cloud | jaeger | aws | gcp`): the same endpoints, auth headers, signing and
 * temporality as the SDK's presets, sent by the hub's OTLP/HTTP exporter.
 *
 *   exporters:
 *     dd: { type: datadog, settings: { DD_API_KEY: "${DD_API_KEY}", DD_SITE: datadoghq.eu } }
 *
 * Settings are checked at config load (unknown key → did-you-mean, missing required variable → named);
 * a route that explicitly sends a signal the backend does not accept is refused there too.
 */
import type { Signal } from '@switchyard/core';
import { z } from 'zod';
import type { Exporter } from '../../component/exporter.js';
import type { ComponentFactory } from '../../component/factory.js';
import type { ExporterContext } from '../otlp-exporter-config.js';
import { VendorOtlpExporter } from './vendor-otlp-exporter.js';
import {
  missingSettingsError,
  resolveVendorSettings,
  unknownSettings,
  VENDOR_EXPORTER_TYPES,
  type VendorExporterType,
  vendorPreset,
} from './vendor-settings.js';

const settingValue = z.union([z.string(), z.number(), z.boolean()]).transform(String);

export const vendorExporterConfigSchema = z.strictObject({
  type: z.enum(VENDOR_EXPORTER_TYPES),
  /** The preset's env var names → values; each unset one falls back to the hub's environment. */
  settings: z.record(z.string(), settingValue).default({}),
  /** Replaces the preset's base endpoint (a proxy, a VPC endpoint, a test server); paths are kept. */
  endpoint: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  /** Extra headers, added to the preset's. */
  headers: z.record(z.string(), z.string()).default({}),
  compression: z.enum(['none', 'gzip']).default('gzip'),
  timeoutMs: z.number().int().positive().default(10_000),
  /** Series remembered for cumulative → delta (presets that need delta metrics). */
  maxDeltaSeries: z.number().int().positive().default(100_000),
});
export type VendorExporterConfig = z.infer<typeof vendorExporterConfigSchema>;

export function isVendorExporterType(type: string): type is VendorExporterType {
  return (VENDOR_EXPORTER_TYPES as readonly string[]).includes(type);
}

/** Narrows an exporter entry (of the routing union) to a vendor exporter's. */
export function isVendorExporterEntry<E extends { type: string }>(
  entry: E,
): entry is Extract<E, { type: VendorExporterType }> {
  return isVendorExporterType(entry.type);
}

type RoutingLike = {
  exporters: Record<string, { type: string }>;
  routes: { signals?: string[]; exporters: string[] }[];
};

/**
 * Config-load checks of every vendor exporter: settings (against the hub's process environment) and the
 * signals routes explicitly send it. Routes without a `signals` list are not refused: the signals the
 * backend lacks are skipped at run time and counted.
 */
export function checkVendorExporters(
  config: RoutingLike,
  ctx: z.RefinementCtx,
  env: NodeJS.ProcessEnv = process.env,
): void {
  for (const [name, raw] of Object.entries(config.exporters)) {
    if (!isVendorExporterType(raw.type)) continue;
    const entry = raw as VendorExporterConfig;
    const issues = unknownSettings(entry);
    for (const issue of issues)
      ctx.addIssue({ code: 'custom', path: ['exporters', name, ...issue.path], message: issue.message });
    if (issues.length > 0) continue;
    const resolved = resolveVendorSettings(entry, env);
    if (resolved.missing.length > 0) {
      const error = missingSettingsError(name, entry, resolved.missing);
      ctx.addIssue({
        code: 'custom',
        path: ['exporters', name, 'settings'],
        message: `${error.message}; ${error.hint}`,
      });
      continue;
    }
    config.routes.forEach((route, i) => {
      if (!route.exporters.includes(name)) return;
      route.signals?.forEach((s, j) => {
        if (!(s in resolved.signals))
          ctx.addIssue({
            code: 'custom',
            path: ['routes', i, 'signals', j],
            message: `exporter '${name}' (${entry.type}) does not accept ${s}${unsupportedReason(entry.type, s as Signal)}`,
          });
      });
    });
  }
}

function unsupportedReason(type: VendorExporterType, signal: Signal): string {
  const needs = vendorPreset(type).signalRequires?.[signal];
  if (needs) return ` unless settings.${needs} is set`;
  const notes = vendorPreset(type).notes;
  return notes ? ` (${notes})` : '';
}

export const vendorExporterFactory: ComponentFactory<VendorExporterConfig, Exporter, ExporterContext> = {
  type: 'vendor',
  kind: 'exporter',
  stability: { traces: 'beta', metrics: 'beta', logs: 'beta' },
  configSchema: vendorExporterConfigSchema,
  createDefaultConfig: () =>
    vendorExporterConfigSchema.parse({ type: 'jaeger', endpoint: 'http://127.0.0.1:4318' }),
  create: (c, { name, metrics, log }) => {
    const resolved = resolveVendorSettings(c, process.env);
    if (resolved.missing.length > 0) throw missingSettingsError(name, c, resolved.missing);
    return new VendorOtlpExporter({
      name,
      preset: vendorPreset(c.type),
      resolved,
      headers: c.headers,
      compression: c.compression,
      maxDeltaSeries: c.maxDeltaSeries,
      metrics,
      log,
    });
  },
};
