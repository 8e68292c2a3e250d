/**
 * @module Reads the standard `OTEL_*` environment variables into one typed object. Nothing here throws:
 * every malformed value is skipped and described in `problems`, so a typo in the environment never
 * stops the application.
 */
import type { Env } from '@switchyard/core';
import type { OtlpProtocol, TelemetrySignal, TemporalityPreference } from '@switchyard/presets';
import { parseOtlpHeaders } from './otlp-headers.js';

export interface SignalOtlpSettings {
  /** Full URL for this signal (the generic endpoint gets `/v1/<signal>` appended, per spec). */
  url?: string;
  headers: Record<string, string>;
  protocol?: OtlpProtocol;
  compression?: 'gzip' | 'none';
  timeoutMillis?: number;
}

export interface BatchSettings {
  scheduleDelayMillis?: number;
  exportTimeoutMillis?: number;
  maxQueueSize?: number;
  maxExportBatchSize?: number;
}

export interface EnvSettings {
  disabled: boolean;
  serviceName?: string;
  resourceAttributes: Record<string, string>;
  sampler?: { name: string; arg?: string };
  propagators?: string[];
  /** Per-signal exporter names from OTEL_{TRACES,METRICS,LOGS}_EXPORTER (`none` = off). */
  exporters: Partial<Record<TelemetrySignal, string[]>>;
  otlp: Record<TelemetrySignal, SignalOtlpSettings>;
  metricExportIntervalMillis?: number;
  metricTemporality?: TemporalityPreference;
  spanBatch: BatchSettings;
  logBatch: BatchSettings;
  problems: string[];
}

const SIGNAL_KEYS: Record<TelemetrySignal, string> = { traces: 'TRACES', metrics: 'METRICS', logs: 'LOGS' };
const PROTOCOLS: readonly OtlpProtocol[] = ['http/protobuf', 'http/json', 'grpc'];

function str(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v === undefined || v === '' ? undefined : v;
}

function int(env: Env, name: string, problems: string[], min = 0): number | undefined {
  const v = str(env, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) {
    problems.push(`${name}='${v}' is not an integer >= ${min}; ignored`);
    return undefined;
  }
  return n;
}

function list(env: Env, name: string): string[] | undefined {
  const v = str(env, name);
  if (v === undefined) return undefined;
  return v
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');
}

/** Parses `OTEL_RESOURCE_ATTRIBUTES` (same grammar as the OTLP headers variable). */
function resourceAttributes(env: Env, problems: string[]): Record<string, string> {
  const parsed = parseOtlpHeaders(env.OTEL_RESOURCE_ATTRIBUTES, 'OTEL_RESOURCE_ATTRIBUTES');
  // Same grammar as the headers variable: comma-separated, URL-encoded key=value.
  problems.push(...parsed.problems);
  return parsed.headers;
}

function withSignalPath(endpoint: string, signal: TelemetrySignal): string {
  return `${endpoint.replace(/\/+$/, '')}/v1/${signal}`;
}

function signalSettings(env: Env, signal: TelemetrySignal, problems: string[]): SignalOtlpSettings {
  const K = SIGNAL_KEYS[signal];
  const specificUrl = str(env, `OTEL_EXPORTER_OTLP_${K}_ENDPOINT`);
  const genericUrl = str(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  const protocolRaw = str(env, `OTEL_EXPORTER_OTLP_${K}_PROTOCOL`) ?? str(env, 'OTEL_EXPORTER_OTLP_PROTOCOL');
  let protocol: OtlpProtocol | undefined;
  if (protocolRaw !== undefined) {
    if ((PROTOCOLS as readonly string[]).includes(protocolRaw)) protocol = protocolRaw as OtlpProtocol;
    else
      problems.push(
        `OTEL_EXPORTER_OTLP_PROTOCOL='${protocolRaw}' is not one of ${PROTOCOLS.join(', ')}; ignored`,
      );
  }
  // gRPC takes the endpoint as is; HTTP appends the signal path to the generic endpoint only.
  const url =
    specificUrl ?? (genericUrl && (protocol === 'grpc' ? genericUrl : withSignalPath(genericUrl, signal)));
  const generic = parseOtlpHeaders(env.OTEL_EXPORTER_OTLP_HEADERS, 'OTEL_EXPORTER_OTLP_HEADERS');
  const specific = parseOtlpHeaders(
    env[`OTEL_EXPORTER_OTLP_${K}_HEADERS`],
    `OTEL_EXPORTER_OTLP_${K}_HEADERS`,
  );
  if (signal === 'traces') problems.push(...generic.problems);
  problems.push(...specific.problems);
  const compressionRaw =
    str(env, `OTEL_EXPORTER_OTLP_${K}_COMPRESSION`) ?? str(env, 'OTEL_EXPORTER_OTLP_COMPRESSION');
  let compression: 'gzip' | 'none' | undefined;
  if (compressionRaw === 'gzip' || compressionRaw === 'none') compression = compressionRaw;
  else if (compressionRaw !== undefined)
    problems.push(`OTEL_EXPORTER_OTLP_COMPRESSION='${compressionRaw}' is not gzip or none; ignored`);
  const timeoutMillis =
    int(env, `OTEL_EXPORTER_OTLP_${K}_TIMEOUT`, problems, 1) ??
    int(env, 'OTEL_EXPORTER_OTLP_TIMEOUT', problems, 1);
  return {
    url,
    headers: { ...generic.headers, ...specific.headers },
    protocol,
    compression,
    timeoutMillis,
  };
}

function temporality(env: Env, problems: string[]): TemporalityPreference | undefined {
  const name = 'OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE';
  const v = str(env, name)?.toLowerCase();
  if (v === undefined) return undefined;
  if (v === 'cumulative' || v === 'delta' || v === 'lowmemory') return v;
  problems.push(`${name}='${v}' is not cumulative, delta or lowmemory; ignored`);
  return undefined;
}

/** Reads every supported `OTEL_*` variable from `env`. */
export function readEnvSettings(env: Env): EnvSettings {
  const problems: string[] = [];
  const samplerName = str(env, 'OTEL_TRACES_SAMPLER')?.toLowerCase();
  const exporters: Partial<Record<TelemetrySignal, string[]>> = {};
  for (const signal of ['traces', 'metrics', 'logs'] as const) {
    const names = list(env, `OTEL_${SIGNAL_KEYS[signal]}_EXPORTER`);
    if (names) exporters[signal] = names;
  }
  return {
    disabled: str(env, 'OTEL_SDK_DISABLED')?.toLowerCase() === 'true',
    serviceName: str(env, 'OTEL_SERVICE_NAME'),
    resourceAttributes: resourceAttributes(env, problems),
    sampler: samplerName ? { name: samplerName, arg: str(env, 'OTEL_TRACES_SAMPLER_ARG') } : undefined,
    propagators: list(env, 'OTEL_PROPAGATORS'),
    exporters,
    otlp: {
      traces: signalSettings(env, 'traces', problems),
      metrics: signalSettings(env, 'metrics', problems),
      logs: signalSettings(env, 'logs', problems),
    },
    metricExportIntervalMillis: int(env, 'OTEL_METRIC_EXPORT_INTERVAL', problems, 1),
    metricTemporality: temporality(env, problems),
    spanBatch: {
      scheduleDelayMillis: int(env, 'OTEL_BSP_SCHEDULE_DELAY', problems),
      exportTimeoutMillis: int(env, 'OTEL_BSP_EXPORT_TIMEOUT', problems, 1),
      maxQueueSize: int(env, 'OTEL_BSP_MAX_QUEUE_SIZE', problems, 1),
      maxExportBatchSize: int(env, 'OTEL_BSP_MAX_EXPORT_BATCH_SIZE', problems, 1),
    },
    logBatch: {
      scheduleDelayMillis: int(env, 'OTEL_BLRP_SCHEDULE_DELAY', problems),
      exportTimeoutMillis: int(env, 'OTEL_BLRP_EXPORT_TIMEOUT', problems, 1),
      maxQueueSize: int(env, 'OTEL_BLRP_MAX_QUEUE_SIZE', problems, 1),
      maxExportBatchSize: int(env, 'OTEL_BLRP_MAX_EXPORT_BATCH_SIZE', problems, 1),
    },
    problems,
  };
}
