/**
 * @module Resolves a preset against a set of variables: per signal the exact URL, headers and SigV4 signing
 * service, the resource attributes the backend needs, the request auth, and every required variable that is
 * missing — so one error can name them all. Shared by the hub's vendor exporters; pure (no I/O).
 */
import type { PresetAuth } from './authorizer.js';
import { renderTemplate } from './preset-template.js';
import type { TelemetrySignal, VendorPreset } from './presets.js';

export type PresetVars = Record<string, string | undefined>;

export interface ResolvedSignal {
  url: string;
  headers: Record<string, string>;
  /** AWS SigV4 signing service for this signal (xray, monitoring, logs). */
  signingService?: string;
}

export interface ResolvedPreset {
  signals: Partial<Record<TelemetrySignal, ResolvedSignal>>;
  resourceAttributes: Record<string, string>;
  auth?: PresetAuth;
  /** Datadog: the local Agent is used (its host is set and no API key is). */
  useAgent: boolean;
  /** Required variables that were unset or empty. */
  missing: string[];
}

export interface ResolveOptions {
  /** Replaces the preset's base endpoint (a proxy, a VPC endpoint, a test server). */
  endpoint?: string;
}

/** Variable names a preset reads: its env vars and their aliases. */
export function presetVarNames(preset: VendorPreset): string[] {
  return [...preset.env.map((e) => e.name), ...Object.values(preset.aliases ?? {}).flat()];
}

/** Fills a preset's main variables from their aliases (AWS_REGION ← AWS_DEFAULT_REGION). */
export function withAliases(preset: VendorPreset, vars: PresetVars): PresetVars {
  const out = { ...vars };
  for (const [name, alternatives] of Object.entries(preset.aliases ?? {}))
    if (!out[name]) out[name] = alternatives.map((a) => out[a]).find((v) => v);
  return out;
}

export function presetAuth(preset: VendorPreset, vars: PresetVars): PresetAuth | undefined {
  if (preset.auth === 'sigv4') {
    const id = vars.AWS_ACCESS_KEY_ID;
    const secret = vars.AWS_SECRET_ACCESS_KEY;
    return {
      type: 'sigv4',
      region: vars.AWS_REGION ?? '',
      credentials:
        id && secret
          ? { accessKeyId: id, secretAccessKey: secret, sessionToken: vars.AWS_SESSION_TOKEN || undefined }
          : undefined,
    };
  }
  if (preset.auth === 'google-adc')
    return {
      type: 'google-adc',
      projectId: vars.GOOGLE_CLOUD_PROJECT ?? '',
      credentialsFile: vars.GOOGLE_APPLICATION_CREDENTIALS || undefined,
    };
  return undefined;
}

/** Resolves every signal the preset accepts (a signal gated by `signalRequires` only when its var is set). */
export function resolvePreset(
  preset: VendorPreset,
  rawVars: PresetVars,
  options: ResolveOptions = {},
): ResolvedPreset {
  const vars = withAliases(preset, rawVars);
  const secretVar = preset.env.find((e) => e.secret)?.name;
  const useAgent = Boolean(preset.agent && vars[preset.agent.whenEnv] && !(secretVar && vars[secretVar]));
  const missing = new Set<string>();
  const render = (t: string): string => {
    const r = renderTemplate(t, vars);
    for (const m of r.missing) missing.add(m);
    return r.value;
  };
  const headers: Record<string, string> = {};
  if (!useAgent)
    for (const [k, t] of Object.entries(preset.headers)) {
      const v = render(t);
      if (v !== '') headers[k] = v;
    }
  const signals: Partial<Record<TelemetrySignal, ResolvedSignal>> = {};
  for (const s of Object.keys(preset.signals) as TelemetrySignal[]) {
    const needs = preset.signalRequires?.[s];
    if (needs && !vars[needs]) continue;
    const service = preset.signingService?.[s];
    const endpointTemplate = useAgent ? preset.agent!.endpoint : preset.endpoint;
    const endpoint = (
      options.endpoint ?? render(endpointTemplate.replace('{service}', service ?? ''))
    ).replace(/\/+$/, '');
    const template = useAgent ? `{endpoint}/v1/${s}` : preset.signals[s]!;
    const own: Record<string, string> = {};
    for (const [k, t] of Object.entries(preset.signalHeaders?.[s] ?? {})) own[k] = render(t);
    signals[s] = {
      url: template.replace('{endpoint}', endpoint),
      headers: { ...headers, ...own },
      ...(service ? { signingService: service } : {}),
    };
  }
  const resourceAttributes: Record<string, string> = {};
  for (const [k, t] of Object.entries(preset.resourceAttributes ?? {})) resourceAttributes[k] = render(t);
  // SigV4 signs with the region even when an endpoint override is given.
  if (preset.auth === 'sigv4') render('{AWS_REGION}');
  return { signals, resourceAttributes, auth: presetAuth(preset, vars), useAgent, missing: [...missing] };
}

/** "DT_ENDPOINT (https://…), DT_API_TOKEN (token …)": the missing variables with their descriptions. */
export function describeVars(preset: VendorPreset, names: readonly string[]): string {
  return names
    .map((n) => {
      const d = preset.env.find((e) => e.name === n)?.description;
      return d ? `${n} (${d})` : n;
    })
    .join(', ');
}
