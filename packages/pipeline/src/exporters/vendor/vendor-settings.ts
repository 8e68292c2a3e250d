/**
 * @module The `settings` of a vendor exporter: keys are the preset's env var names (DD_API_KEY, AWS_REGION,
 * …); each unset one falls back to the hub's environment. Checked at config load so `switchyard config
 * validate` reports an unknown key (with the nearest valid one) or a missing required variable by name.
 */
import { ConfigError, didYouMean } from '@switchyard/core';
import {
  describeVars,
  type PresetVars,
  presetVarNames,
  type ResolvedPreset,
  resolvePreset,
  type TelemetrySignal,
  VENDOR_PRESETS,
  type VendorPreset,
} from '@switchyard/presets';

/** Presets the hub sends to with its OTLP/HTTP exporter (Zipkin and Azure Monitor have their own formats). */
export const VENDOR_EXPORTER_TYPES = [
  'datadog',
  'newrelic',
  'honeycomb',
  'dynatrace',
  'elastic',
  'splunk',
  'grafana-cloud',
  'jaeger',
  'aws',
  'gcp',
] as const;
export type VendorExporterType = (typeof VENDOR_EXPORTER_TYPES)[number];

export function vendorPreset(type: VendorExporterType): VendorPreset {
  return VENDOR_PRESETS[type]!;
}

export interface VendorSettingsInput {
  type: VendorExporterType;
  settings: Record<string, string>;
  endpoint?: string;
}

/** A problem with one exporter's settings, with the key path below `exporters.<name>`. */
export interface SettingsIssue {
  path: (string | number)[];
  message: string;
}

/** Unknown keys, each with the nearest valid name. */
export function unknownSettings(entry: VendorSettingsInput): SettingsIssue[] {
  const known = presetVarNames(vendorPreset(entry.type));
  return Object.keys(entry.settings)
    .filter((k) => !known.includes(k))
    .map((k) => {
      const guess = didYouMean(k, known);
      return {
        path: ['settings', k],
        message: `unknown setting '${k}' for ${entry.type}${guess ? ` (did you mean '${guess}'?)` : ''}; valid: ${known.join(', ')}`,
      };
    });
}

/** settings over the environment, for the preset's own variables only. */
export function settingsVars(entry: VendorSettingsInput, env: NodeJS.ProcessEnv): PresetVars {
  const vars: PresetVars = {};
  for (const name of presetVarNames(vendorPreset(entry.type))) {
    const v = entry.settings[name] ?? env[name];
    if (v !== undefined && v !== '') vars[name] = v;
  }
  return vars;
}

export function resolveVendorSettings(entry: VendorSettingsInput, env: NodeJS.ProcessEnv): ResolvedPreset {
  return resolvePreset(vendorPreset(entry.type), settingsVars(entry, env), { endpoint: entry.endpoint });
}

/** The missing-variable error: names each variable, what it is, and both ways to set it. */
export function missingSettingsError(
  name: string,
  entry: VendorSettingsInput,
  missing: string[],
): ConfigError {
  const preset = vendorPreset(entry.type);
  return new ConfigError(`exporter '${name}' (${entry.type}) needs ${describeVars(preset, missing)}`, {
    path: `exporters.${name}.settings`,
    hint: `set ${missing.map((m) => `settings.${m}`).join(', ')} (e.g. ${missing[0]}: \${${missing[0]}}) or export ${missing.join(' ')} in the hub's environment`,
  });
}

/** Signals the exporter will send, given its settings (AWS logs only with a log group). */
export function vendorSignals(entry: VendorSettingsInput, env: NodeJS.ProcessEnv): TelemetrySignal[] {
  return Object.keys(resolveVendorSettings(entry, env).signals) as TelemetrySignal[];
}
