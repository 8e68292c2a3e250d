/**
 * @module Merges the three configuration sources — options > env > switchyard.yaml — into one resolved
 * configuration. Invalid input never throws here: problems and ConfigErrors are collected, and the caller
 * decides (fail open by default) what to do with them.
 */
import { ConfigError, configErrorFromZod, type Env, SwitchyardError } from '@switchyard/core';
import type { TelemetrySignal } from '@switchyard/presets';
import { ALL_SIGNALS } from '../exporters/exporter-plan.js';
import { loadSdkConfigFile } from './config-file.js';
import { type BatchSettings, type EnvSettings, readEnvSettings } from './env-settings.js';
import {
  type InstrumentationName,
  instrumentationsFromEnv,
  resolveInstrumentations,
} from './instrumentation-switches.js';
import { CODE_ONLY_OPTIONS, type ObservabilityOptions } from './observability-options.js';
import {
  type ExporterOptions,
  type ExportTo,
  FAILOVER_KEY,
  type SamplingOptions,
  type SdkFileConfig,
  sdkConfigSchema,
} from './sdk-config-schema.js';

export interface ResolvedConfig {
  disabled: boolean;
  serviceName: string;
  resourceAttributes: Record<string, string | number | boolean>;
  /** 'auto' or the exporter names with their options, merged options > file. */
  exportTo: 'auto' | Array<[string, ExporterOptions]>;
  exportToSource: 'options' | 'env' | 'file' | 'default';
  /** Exporter names tried in order with one shared queue (`exportTo: { failover: [a, b] }`). */
  failover?: string[];
  /** Signals per exporter name when the selection came from OTEL_*_EXPORTER. */
  signalsFor?: (name: string) => TelemetrySignal[] | undefined;
  sampling?: SamplingOptions;
  propagators?: string[];
  correlationHeader?: string;
  /** Cloud metadata detectors to run (aws, gcp, azure, all, none); unset → env hints and DMI decide. */
  resourceDetectors?: string[];
  resourceDetectionTimeoutMillis: number;
  failOpen: boolean;
  metricExportIntervalMillis: number;
  spanBatch: BatchSettings;
  logBatch: BatchSettings;
  /** Each bundled auto-instrumentation on or off (options > env > file > on). */
  instrumentations: Record<InstrumentationName, boolean>;
  envSettings: EnvSettings;
  configFile?: string;
  problems: string[];
  errors: SwitchyardError[];
}

function validateOptions(options: ObservabilityOptions, errors: SwitchyardError[]): SdkFileConfig {
  const plain: Record<string, unknown> = { ...options };
  for (const k of CODE_ONLY_OPTIONS) delete plain[k];
  const parsed = sdkConfigSchema.safeParse(plain);
  if (parsed.success) return parsed.data;
  errors.push(configErrorFromZod(parsed.error, sdkConfigSchema, 'configureObservability options', plain));
  // Keep the valid keys so one bad key does not discard the rest.
  const kept: Record<string, unknown> = {};
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')));
  for (const [k, v] of Object.entries(plain)) if (!bad.has(k) && k in sdkConfigSchema.shape) kept[k] = v;
  return sdkConfigSchema.safeParse(kept).data ?? {};
}

function entries(exportTo: ExportTo): Array<[string, ExporterOptions]> | 'auto' {
  if (exportTo === 'auto') return 'auto';
  if (Array.isArray(exportTo)) return exportTo.map((n) => [n, {}]);
  const out: Array<[string, ExporterOptions]> = [];
  for (const [n, o] of Object.entries(exportTo)) {
    if (Array.isArray(o)) continue; // the failover group, read by failoverGroup()
    out.push([n, o === true ? {} : o]);
  }
  // Members of the failover group need no entry of their own.
  for (const member of failoverGroup(exportTo) ?? [])
    if (!out.some(([n]) => n === member)) out.push([member, {}]);
  return out;
}

function failoverGroup(exportTo: ExportTo | undefined): string[] | undefined {
  if (!exportTo || exportTo === 'auto' || Array.isArray(exportTo)) return undefined;
  const group = exportTo[FAILOVER_KEY];
  return Array.isArray(group) ? [...new Set(group)] : undefined;
}

function mergeExporterOptions(
  chosen: Array<[string, ExporterOptions]>,
  file: ExportTo | undefined,
): Array<[string, ExporterOptions]> {
  // Per-exporter settings from the file fill in what the chosen source leaves out (options > file).
  const fileOpts = file && file !== 'auto' && !Array.isArray(file) ? file : {};
  return chosen.map(([name, opts]) => {
    const f = fileOpts[name];
    return [
      name,
      f && f !== true && !Array.isArray(f)
        ? { ...f, ...opts, headers: { ...f.headers, ...opts.headers } }
        : opts,
    ];
  });
}

function exportersFromEnv(
  env: EnvSettings,
): { names: string[]; signalsFor: (n: string) => TelemetrySignal[] } | undefined {
  const lists = env.exporters;
  if (!lists.traces && !lists.metrics && !lists.logs) return undefined;
  const bySignal = new Map<string, TelemetrySignal[]>();
  for (const signal of ALL_SIGNALS) {
    // A signal not named in env keeps the default exporter (otlp), per spec.
    for (const name of lists[signal] ?? ['otlp']) {
      if (name === 'none') continue;
      const l = bySignal.get(name) ?? [];
      bySignal.set(name, l);
      l.push(signal);
    }
  }
  return { names: [...bySignal.keys()], signalsFor: (n) => bySignal.get(n) ?? [] };
}

export function resolveConfig(options: ObservabilityOptions = {}): ResolvedConfig {
  const env: Env = options.env ?? process.env;
  const errors: SwitchyardError[] = [];
  const envSettings = readEnvSettings(env);
  const problems = [...envSettings.problems];
  const opts = validateOptions(options, errors);

  let file: SdkFileConfig = {};
  let configFile: string | undefined;
  try {
    const loaded = loadSdkConfigFile(env, options.configFile, options.cwd);
    file = loaded.config;
    configFile = loaded.path;
  } catch (error) {
    errors.push(
      error instanceof SwitchyardError ? error : new ConfigError(String(error), { path: 'switchyard.yaml' }),
    );
  }

  let exportTo: ResolvedConfig['exportTo'] = 'auto';
  let exportToSource: ResolvedConfig['exportToSource'] = 'default';
  let signalsFor: ResolvedConfig['signalsFor'];
  const fromEnv = exportersFromEnv(envSettings);
  let failover: string[] | undefined;
  if (opts.exportTo !== undefined) {
    exportTo = entries(opts.exportTo);
    failover = failoverGroup(opts.exportTo);
    exportToSource = 'options';
  } else if (fromEnv) {
    exportTo = fromEnv.names.map((n) => [n, {}]);
    signalsFor = fromEnv.signalsFor;
    exportToSource = 'env';
  } else if (file.exportTo !== undefined) {
    exportTo = entries(file.exportTo);
    failover = failoverGroup(file.exportTo);
    exportToSource = 'file';
  }
  if (exportTo !== 'auto') exportTo = mergeExporterOptions(exportTo, file.exportTo);

  const resourceAttributes: Record<string, string | number | boolean> = {
    ...file.resourceAttributes,
    ...envSettings.resourceAttributes,
    ...opts.resourceAttributes,
  };
  const version = opts.serviceVersion ?? file.serviceVersion;
  const environment = opts.environment ?? file.environment;
  if (version && !opts.resourceAttributes?.['service.version'])
    resourceAttributes['service.version'] = version;
  if (environment) resourceAttributes['deployment.environment.name'] = environment;
  const serviceName = String(
    opts.serviceName ??
      envSettings.serviceName ??
      envSettings.resourceAttributes['service.name'] ??
      file.serviceName ??
      file.resourceAttributes?.['service.name'] ??
      'unknown_service:node',
  );
  resourceAttributes['service.name'] = serviceName;

  return {
    disabled: opts.disabled ?? (envSettings.disabled || file.disabled === true),
    serviceName,
    resourceAttributes,
    exportTo,
    exportToSource,
    ...(failover ? { failover } : {}),
    signalsFor,
    sampling: opts.sampling ?? (envSettings.sampler ? undefined : file.sampling),
    propagators: opts.propagators ?? envSettings.propagators ?? file.propagators,
    correlationHeader: opts.correlationHeader ?? file.correlationHeader,
    resourceDetectors: opts.resourceDetectors ?? file.resourceDetectors,
    resourceDetectionTimeoutMillis:
      opts.resourceDetectionTimeoutMillis ?? file.resourceDetectionTimeoutMillis ?? 1000,
    failOpen: opts.failOpen ?? file.failOpen ?? true,
    metricExportIntervalMillis:
      opts.metricExportIntervalMillis ??
      envSettings.metricExportIntervalMillis ??
      file.metricExportIntervalMillis ??
      60_000,
    spanBatch: { ...file.batch, ...stripUndefined(envSettings.spanBatch), ...opts.batch },
    logBatch: { ...file.batch, ...stripUndefined(envSettings.logBatch), ...opts.batch },
    instrumentations: resolveInstrumentations(
      opts.instrumentations,
      instrumentationsFromEnv(env, problems),
      file.instrumentations,
    ),
    envSettings,
    configFile,
    problems,
    errors,
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
