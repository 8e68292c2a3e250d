/**
 * @module The handle `configureObservability` returns: lifecycle (forceFlush, shutdown), what was
 * detected and why, per-exporter delivery counters, and every configuration problem found.
 */
import type { MeterProvider, TracerProvider } from '@opentelemetry/api';
import { metrics, trace } from '@opentelemetry/api';
import type { LoggerProvider } from '@opentelemetry/api-logs';
import { logs } from '@opentelemetry/api-logs';
import type { SwitchyardError } from '@switchyard/core';
import type { ExporterStats } from '../exporters/exporter-stats.js';

export interface DetectionReport {
  /** 'local', 'aws-lambda', 'gcp-cloud-run', 'azure-app-service', 'kubernetes', … */
  platform: string;
  /** Cloud metadata detectors started (aws, gcp, azure); their attributes join the resource asynchronously. */
  cloudDetectors: string[];
  /** Why the platform and exporters were chosen. */
  reasons: string[];
  /** Where the exporter selection came from. */
  exportToSource: 'options' | 'env' | 'file' | 'default';
  /** Exporters that are running (for the 'auto' fallback, updated once the hub probe has answered). */
  exporters: string[];
  propagators: string[];
  /** The failover group, when configured: tried in this order with one queue. */
  failover?: string[];
  configFile?: string;
}

export interface ObservabilityHandle {
  /** False for the no-op handle (OTEL_SDK_DISABLED=true or `disabled: true`). */
  readonly enabled: boolean;
  readonly serviceName: string;
  readonly detected: DetectionReport;
  /** Per exporter: sent, failed, dropped, lastError, configError — live counters. */
  readonly exporters: Readonly<Record<string, ExporterStats>>;
  /** Configuration errors that were tolerated (fail open): bad config file, missing credentials, … */
  readonly errors: readonly SwitchyardError[];
  /** Settings that were ignored, one sentence each (malformed env values, unknown propagators, …). */
  readonly problems: readonly string[];
  /** The providers (also registered globally unless `registerGlobals: false`). */
  readonly tracerProvider: TracerProvider;
  readonly meterProvider: MeterProvider;
  readonly loggerProvider: LoggerProvider;
  forceFlush(): Promise<void>;
  /** Flushes and stops everything; afterwards configureObservability may be called again. */
  shutdown(): Promise<void>;
}

export function noopHandle(serviceName: string, reason: string): ObservabilityHandle {
  return {
    enabled: false,
    serviceName,
    detected: {
      platform: 'local',
      cloudDetectors: [],
      reasons: [reason],
      exportToSource: 'default',
      exporters: [],
      propagators: [],
    },
    exporters: {},
    errors: [],
    problems: [],
    tracerProvider: trace.getTracerProvider(),
    meterProvider: metrics.getMeterProvider(),
    loggerProvider: logs.getLoggerProvider(),
    forceFlush: async () => {},
    shutdown: async () => {},
  };
}
