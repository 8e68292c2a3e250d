/**
 * @module Turns `exportTo` (names or name → options) plus env and presets into exporter plans: for each
 * exporter, the exact URL and headers per signal, protocol, temporality and batch settings. Pure: no I/O
 * beyond reading secret files. A plan that cannot be made (missing credential, unknown name) becomes a
 * ConfigError naming the env var or the nearest valid name, and the other exporters go on.
 */
import { ConfigError, didYouMean, type Env, resolveSecret } from '@switchyard/core';
import {
  type OtlpProtocol,
  PRESET_NAMES,
  type PresetAuth,
  renderTemplate,
  type TelemetrySignal,
  type TemporalityPreference,
  VENDOR_PRESETS,
  type VendorPreset,
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
  for (const [name, alternatives] of Object.entries(preset.aliases ?? {}))
    if (!vars[name]) vars[name] = alternatives.map((a) => vars[a]).find((v) => v);
  const secretVar = preset.env.find((e) => e.secret)?.name;
  if (opts.apiKey !== undefined && secretVar)
    vars[secretVar] = resolveSecret(opts.apiKey, input.env, `exportTo.${preset.name}.apiKey`);
  return { vars, secretVar };
}

function authFor(preset: VendorPreset, vars: Record<string, string | undefined>): PlanAuth | undefined {
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

function presetPlan(preset: VendorPreset, opts: ExporterOptions, input: PlanInput): ExporterPlan {
  const { vars, secretVar } = presetVars(preset, opts, input);
  const useAgent = preset.agent && vars[preset.agent.whenEnv] && !(secretVar && vars[secretVar]);
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
  const signals: Partial<Record<TelemetrySignal, SignalTarget>> = {};
  const available = (Object.keys(preset.signals) as TelemetrySignal[]).filter((s) => {
    const needs = preset.signalRequires?.[s];
    return !needs || vars[needs];
  });
  for (const s of pickSignals(available, opts, input.signalsFor?.(preset.name))) {
    const service = preset.signingService?.[s];
    const endpointTemplate = useAgent ? preset.agent!.endpoint : preset.endpoint;
    const endpoint = (opts.endpoint ?? render(endpointTemplate.replace('{service}', service ?? ''))).replace(
      /\/+$/,
      '',
    );
    const template = useAgent ? `{endpoint}/v1/${s}` : preset.signals[s]!;
    const own: Record<string, string> = {};
    for (const [k, t] of Object.entries(preset.signalHeaders?.[s] ?? {})) own[k] = render(t);
    signals[s] = {
      url: opts.urls?.[s] ?? template.replace('{endpoint}', endpoint),
      headers: { ...headers, ...own, ...opts.headers },
      ...(service ? { signingService: service } : {}),
    };
  }
  const resourceAttributes: Record<string, string> = {};
  for (const [k, t] of Object.entries(preset.resourceAttributes ?? {})) resourceAttributes[k] = render(t);
  if (preset.format === 'azure-monitor') render(`{${secretVar}}`);
  // SigV4 signs with the region even when an endpoint override (VPC endpoint, test server) is given.
  if (preset.auth === 'sigv4') render('{AWS_REGION}');
  if (missing.size > 0) {
    const names = [...missing];
    const described = names.map((n) => {
      const d = preset.env.find((e) => e.name === n)?.description;
      return d ? `${n} (${d})` : n;
    });
    throw new ConfigError(
      `exporter '${preset.name}' needs ${names.length === 1 ? 'environment variable' : 'environment variables'} ${described.join(', ')}`,
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
    auth: authFor(preset, vars),
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
