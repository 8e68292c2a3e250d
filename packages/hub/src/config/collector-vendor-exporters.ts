/**
 * @module Vendor exporters (datadog, newrelic, aws, gcp, …) in the Collector's terms: `otlphttp` with the
 * preset's per-signal URLs and headers; AWS as one `otlphttp` per signal signed by a `sigv4auth` extension
 * per service; Google Cloud with the `googleclientauth` extension; HTTP Basic credentials (Grafana Cloud)
 * with `basicauth`. Secrets are written as `${env:NAME}` so the generated file holds none.
 */
import type { Signal } from '@switchyard/core';
import { type VendorExporterConfig, vendorPreset } from '@switchyard/pipeline';
import { type PresetVars, resolvePreset, type VendorPreset } from '@switchyard/presets';

export interface CollectorVendorExporters {
  /** Collector exporter id per signal the backend accepts. */
  ids: Partial<Record<Signal, string>>;
  exporters: Record<string, unknown>;
  extensions: Record<string, unknown>;
  unsupported: string[];
}

const BASIC = /^Basic \{base64:(\w+):(\w+)\}$/;

/** Values for the Collector: settings or the hub's env for plain ones, `${env:NAME}` for secrets that are set. */
function collectorVars(preset: VendorPreset, settings: Record<string, string>, env: NodeJS.ProcessEnv) {
  const vars: PresetVars = {};
  const secrets: string[] = [];
  for (const v of preset.env) {
    const value = settings[v.name] ?? env[v.name];
    if (value === undefined || value === '') continue;
    if (v.secret) {
      vars[v.name] = `\${env:${v.name}}`;
      secrets.push(v.name);
    } else vars[v.name] = value;
  }
  for (const [name, alternatives] of Object.entries(preset.aliases ?? {}))
    for (const a of alternatives) {
      const value = settings[a] ?? env[a];
      if (!vars[name] && value) vars[name] = value;
    }
  return { vars, secrets };
}

export function vendorCollectorExporters(
  name: string,
  e: VendorExporterConfig,
  common: Record<string, unknown>,
  env: NodeJS.ProcessEnv = process.env,
): CollectorVendorExporters {
  const preset = vendorPreset(e.type);
  const { vars, secrets } = collectorVars(preset, e.settings, env);
  // Basic credentials go through the basicauth extension, not a header rendered here.
  const basic = Object.entries(preset.headers).find(([, t]) => BASIC.test(t));
  const headerless = basic
    ? {
        ...preset,
        headers: Object.fromEntries(Object.entries(preset.headers).filter(([k]) => k !== basic[0])),
      }
    : preset;
  const resolved = resolvePreset(headerless, vars, { endpoint: e.endpoint });
  const out: CollectorVendorExporters = { ids: {}, exporters: {}, extensions: {}, unsupported: [] };
  if (secrets.length > 0)
    out.unsupported.push(
      `exporters.${name} (${e.type}): the Collector reads ${secrets.join(', ')} from its own environment (\${env:…})`,
    );
  if (preset.temporality === 'delta')
    out.unsupported.push(
      `exporters.${name} (${e.type}) needs delta metrics: add a cumulativetodelta processor to the metrics pipeline that feeds it (the hub converts per exporter)`,
    );
  const compression = e.compression === 'gzip' ? 'gzip' : 'none';
  const signals = Object.entries(resolved.signals) as [
    Signal,
    { url: string; headers: Record<string, string>; signingService?: string },
  ][];
  const base = { compression, encoding: 'proto', ...common };
  if (resolved.auth?.type === 'sigv4') {
    for (const [signal, target] of signals) {
      const auth = `sigv4auth/${name}-${target.signingService}`;
      out.extensions[auth] = { region: resolved.auth.region, service: target.signingService };
      const id = `otlphttp/${name}-${signal}`;
      const headers = { ...target.headers, ...e.headers };
      out.exporters[id] = {
        [`${signal}_endpoint`]: target.url,
        ...(Object.keys(headers).length > 0 && { headers }),
        auth: { authenticator: auth },
        ...base,
      };
      out.ids[signal] = id;
    }
    return out;
  }
  const id = `otlphttp/${name}`;
  const config: Record<string, unknown> = { ...base };
  for (const [signal, target] of signals) {
    config[`${signal}_endpoint`] = target.url;
    out.ids[signal] = id;
  }
  const headers = { ...(signals[0]?.[1].headers ?? {}), ...e.headers };
  if (Object.keys(headers).length > 0) config.headers = headers;
  if (resolved.auth?.type === 'google-adc') {
    out.extensions[`googleclientauth/${name}`] = { project: resolved.auth.projectId };
    config.auth = { authenticator: `googleclientauth/${name}` };
    for (const [k, v] of Object.entries(resolved.resourceAttributes))
      out.unsupported.push(
        `exporters.${name} (${e.type}): add a resource processor that inserts ${k}=${v} (the hub adds it per exporter)`,
      );
  }
  if (basic) {
    const [, user = '', pass = ''] = BASIC.exec(basic[1])!;
    const value = (n: string) => vars[n] ?? `\${env:${n}}`;
    out.extensions[`basicauth/${name}`] = { client_auth: { username: value(user), password: value(pass) } };
    config.auth = { authenticator: `basicauth/${name}` };
  }
  out.exporters[id] = config;
  return out;
}
