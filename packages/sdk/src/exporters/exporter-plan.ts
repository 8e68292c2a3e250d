/**
 * @module Turns `exportTo` (names or name → options) plus env and presets into exporter plans: for each
 * exporter, the exact URL and headers per signal, protocol, temporality and batch settings. Pure: no I/O
 * beyond reading secret files. A plan that cannot be made (missing credential, unknown name) becomes a
 * ConfigError naming the env var or the nearest valid name, and the other exporters go on.
 */
import { ConfigError, didYouMean, type Env, resolveSecret } from '@switchyard/core';
import {
  describeVars,
  type OtlpProtocol,
  PRESET_NAMES,
  type PresetAuth,
  resolvePreset,
  type TelemetrySignal,
  type TemporalityPreference,
  VENDOR_PRESETS,
  type VendorPreset,
  withAliases,
} from '@switchyard/presets';
import type { BatchSettings, EnvSettings, SignalOtlpSettings } from '../config/env-settings.js';
import type { ExporterOptions } from '../config/sdk-config-schema.js';

export const BUILTIN_EXPORTERS: readonly string[] = ['otlp', 'hub', 'console'];
export const ALL_SIGNALS: readonly TelemetrySignal[] = ['traces', 'metrics', 'logs'];

export interface SignalTarget {
  url: string;
  headers: Record<string, string>;
  /** AWS SigV4 signing service for this signal (xray, logs, monitoring). */
  signingService?: string;
}

/** How requests are authorized when a static header is not enough (credentials from the SDK's env). */
export type PlanAuth = PresetAuth;

export interface ExporterPlan {
  name: string;
  kind: 'otlp' | 'console' | 'zipkin' | 'azure-monitor';
  signals: Partial<Record<TelemetrySignal, SignalTarget>>;
  protocol: OtlpProtocol;
  compression: 'gzip' | 'none';
  timeoutMillis: number;
  temporality: TemporalityPreference;
  batch: BatchSettings;
  /** npm package the exporter needs beyond the SDK's own dependencies. */
  package?: string;
  /** Request signing (AWS SigV4, Google ADC) done per request by the signed transport. */
  auth?: PlanAuth;
  /** Resource attributes the backend needs (e.g. gcp.project_id). */
  resourceAttributes?: Record<string, string>;
  /** Azure Monitor connection string (the official exporter's own wire format). */
  connectionString?: string;
  /** Set by the pipeline when several OTLP exporters run: identical batches are then encoded once. */
  shareEncoding?: boolean;
}

export interface PlanFailure {
  name: string;
  error: ConfigError;
}

export interface PlanInput {
  env: Env;
  envSettings: EnvSettings;
  /** Signals each name is used for (from OTEL_*_EXPORTER); all signals when absent. */
  signalsFor?: (name: string) => TelemetrySignal[] | undefined;
  defaultBatch: BatchSettings;
}

function joinPath(endpoint: string, path: string): string {
  return `${endpoint.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

function pickSignals(preset: readonly TelemetrySignal[], opts: ExporterOptions, extra?: TelemetrySignal[]) {
  return preset.filter((s) => (!opts.signals || opts.signals.includes(s)) && (!extra || extra.includes(s)));
}

function otlpPlan(name: string, opts: ExporterOptions, input: PlanInput, baseDefault: string): ExporterPlan {
  // options > env > (file options were merged into `opts` below options by the caller)
  const fromEnv = name === 'otlp' ? input.envSettings.otlp : undefined;
  const envOf = (s: TelemetrySignal): SignalOtlpSettings | undefined => fromEnv?.[s];
  const protocol = opts.protocol ?? envOf('traces')?.protocol ?? 'http/protobuf';
  const signals: Partial<Record<TelemetrySignal, SignalTarget>> = {};
  const grpcDefault = 'http://localhost:4317';
  for (const s of pickSignals(ALL_SIGNALS, opts, input.signalsFor?.(name))) {
    const url =
      opts.urls?.[s] ??
      (opts.endpoint && (protocol === 'grpc' ? opts.endpoint : joinPath(opts.endpoint, `v1/${s}`))) ??
      envOf(s)?.url ??
      (protocol === 'grpc' ? grpcDefault : joinPath(baseDefault, `v1/${s}`));
    signals[s] = { url, headers: { ...envOf(s)?.headers, ...opts.headers } };
  }
  return {
    name,
    kind: 'otlp',
    signals,
    protocol,
    compression: opts.compression ?? envOf('traces')?.compression ?? 'none',
    timeoutMillis: opts.timeoutMillis ?? envOf('traces')?.timeoutMillis ?? 10_000,
    temporality: opts.temporality ?? input.envSettings.metricTemporality ?? 'cumulative',
    batch: { ...input.defaultBatch, ...opts.batch },
  };
}

function presetVars(preset: VendorPreset, opts: ExporterOptions, input: PlanInput) {
  const vars: Record<string, string | undefined> = { ...input.env, ...opts.vars };
  const secretVar = preset.env.find((e) => e.secret)?.name;
  if (opts.apiKey !== undefined && secretVar)
    vars[secretVar] = resolveSecret(opts.apiKey, input.env, `exportTo.${preset.name}.apiKey`);
  return { vars: withAliases(preset, vars), secretVar };
}

function presetPlan(preset: VendorPreset, opts: ExporterOptions, input: PlanInput): ExporterPlan {
  const { vars, secretVar } = presetVars(preset, opts, input);
  const resolved = resolvePreset(preset, vars, { endpoint: opts.endpoint });
  const missing = new Set(resolved.missing);
  const signals: Partial<Record<TelemetrySignal, SignalTarget>> = {};
  const available = Object.keys(resolved.signals) as TelemetrySignal[];
  for (const s of pickSignals(available, opts, input.signalsFor?.(preset.name))) {
    const target = resolved.signals[s]!;
    signals[s] = {
      ...target,
      url: opts.urls?.[s] ?? target.url,
      headers: { ...target.headers, ...opts.headers },
    };
  }
  const { resourceAttributes } = resolved;
  if (preset.format === 'azure-monitor' && secretVar && !vars[secretVar]) missing.add(secretVar);
  if (missing.size > 0) {
    const names = [...missing];
    throw new ConfigError(
      `exporter '${preset.name}' needs ${names.length === 1 ? 'environment variable' : 'environment variables'} ${describeVars(preset, names)}`,
      {
        path: `exportTo.${preset.name}`,
        hint: `export ${names.map((n) => `${n}=…`).join(' ')}${secretVar && missing.has(secretVar) ? ` or pass exportTo: { '${preset.name}': { apiKey: 'env:NAME' } }` : ''}`,
      },
    );
  }
  const kind: ExporterPlan['kind'] =
    preset.format === 'zipkin' ? 'zipkin' : preset.format === 'azure-monitor' ? 'azure-monitor' : 'otlp';
  return {
    name: preset.name,
    kind,
    signals,
    protocol: opts.protocol ?? preset.protocol,
    compression: opts.compression ?? 'gzip',
    timeoutMillis: opts.timeoutMillis ?? 10_000,
    // A vendor that needs delta gets delta even if the global preference says otherwise.
    temporality: opts.temporality ?? preset.temporality,
    batch: { ...input.defaultBatch, ...opts.batch },
    package: preset.package,
    auth: resolved.auth,
    ...(Object.keys(resourceAttributes).length > 0 ? { resourceAttributes } : {}),
    ...(kind === 'azure-monitor' && secretVar ? { connectionString: vars[secretVar] } : {}),
  };
}

/** Builds the plan for one exporter name. Throws ConfigError for an unknown name or missing credentials. */
export function planExporter(name: string, opts: ExporterOptions, input: PlanInput): ExporterPlan {
  if (name === 'otlp') return otlpPlan(name, opts, input, 'http://localhost:4318');
  if (name === 'hub')
    return otlpPlan(name, opts, input, input.env.SWITCHYARD_HUB_ENDPOINT || 'http://localhost:4318');
  if (name === 'console')
    return {
      name,
      kind: 'console',
      signals: { traces: { url: 'stdout', headers: {} } },
      protocol: 'http/json',
      compression: 'none',
      timeoutMillis: 1000,
      temporality: 'cumulative',
      batch: { scheduleDelayMillis: 500, ...input.defaultBatch, ...opts.batch },
    };
  const preset = VENDOR_PRESETS[name];
  if (preset) return presetPlan(preset, opts, input);
  const known = [...BUILTIN_EXPORTERS, ...PRESET_NAMES];
  const guess = didYouMean(name, known);
  throw new ConfigError(`unknown exporter '${name}'${guess ? ` (did you mean '${guess}'?)` : ''}`, {
    path: `exportTo.${name}`,
    hint: `valid exporters: ${known.join(', ')}`,
  });
}

/** Plans every named exporter; failures are collected, not thrown. */
export function planExporters(
  entries: ReadonlyArray<[string, ExporterOptions]>,
  input: PlanInput,
): { plans: ExporterPlan[]; failures: PlanFailure[] } {
  const plans: ExporterPlan[] = [];
  const failures: PlanFailure[] = [];
  for (const [name, opts] of entries) {
    try {
      const plan = planExporter(name, opts, input);
      if (Object.keys(plan.signals).length > 0) plans.push(plan);
    } catch (error) {
      const e =
        error instanceof ConfigError
          ? error
          : new ConfigError(String((error as Error)?.message ?? error), { path: `exportTo.${name}` });
      failures.push({ name, error: e });
    }
  }
  return { plans, failures };
}
