/**
 * @module Creates the span, metric and log exporters for one exporter plan, whatever its kind: plain OTLP,
 * OTLP with per-request signing (AWS SigV4, Google ADC), Zipkin, Azure Monitor, or the console tree.
 * Optional packages are imported lazily; a failure to load one is reported once through `onConfigError`.
 */
import type { LogRecordExporter } from '@opentelemetry/sdk-logs';
import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { ConfigError } from '@switchyard/core';
import {
  type Authorizer,
  createGoogleAdcAuthorizer,
  createSigV4Authorizer,
  type TelemetrySignal,
} from '@switchyard/presets';
import { type AzureMonitorExporters, createAzureMonitorExporters } from './cloud/azure-monitor-exporters.js';
import {
  createSignedLogExporter,
  createSignedMetricExporter,
  createSignedSpanExporter,
} from './cloud/signed-otlp-exporters.js';
import { ConsoleSpanTreeExporter } from './console-span-tree.js';
import type { ExporterPlan, SignalTarget } from './exporter-plan.js';
import {
  createOtlpLogExporter,
  createOtlpMetricExporter,
  createOtlpSpanExporter,
} from './otlp-exporter-factory.js';
import { createZipkinExporter } from './zipkin-exporter.js';

export interface PlanExporters {
  traces?: SpanExporter;
  metrics?: PushMetricExporter;
  logs?: LogRecordExporter;
}

function authorizerFor(
  plan: ExporterPlan,
  target: SignalTarget,
  onConfigError: (error: ConfigError) => void,
): Authorizer | undefined {
  const auth = plan.auth;
  if (!auth) return undefined;
  const owner = { exporter: plan.name, configPath: `exportTo.${plan.name}` };
  if (auth.type === 'sigv4')
    return createSigV4Authorizer(owner, auth, target.signingService ?? '', onConfigError);
  return createGoogleAdcAuthorizer(owner, auth, onConfigError);
}

export function createPlanExporters(
  plan: ExporterPlan,
  onConfigError: (error: ConfigError) => void,
): PlanExporters {
  const asConfigError = (e: Error): ConfigError =>
    e instanceof ConfigError ? e : new ConfigError(e.message);
  const out: PlanExporters = {};
  if (plan.kind === 'console') {
    if (plan.signals.traces) out.traces = new ConsoleSpanTreeExporter();
    return out;
  }
  if (plan.kind === 'zipkin') {
    if (plan.signals.traces) out.traces = createZipkinExporter(plan, (e) => onConfigError(asConfigError(e)));
    return out;
  }
  if (plan.kind === 'azure-monitor') {
    const azure: AzureMonitorExporters = createAzureMonitorExporters(plan, (e) =>
      onConfigError(asConfigError(e)),
    );
    for (const s of Object.keys(plan.signals) as TelemetrySignal[]) {
      if (s === 'traces') out.traces = azure.traces;
      else if (s === 'metrics') out.metrics = azure.metrics;
      else out.logs = azure.logs;
    }
    return out;
  }
  const { traces, metrics, logs } = plan.signals;
  if (traces) {
    const auth = authorizerFor(plan, traces, onConfigError);
    out.traces = auth ? createSignedSpanExporter(plan, traces, auth) : createOtlpSpanExporter(plan, traces);
  }
  if (metrics) {
    const auth = authorizerFor(plan, metrics, onConfigError);
    out.metrics = auth
      ? createSignedMetricExporter(plan, metrics, auth)
      : createOtlpMetricExporter(plan, metrics);
  }
  if (logs) {
    const auth = authorizerFor(plan, logs, onConfigError);
    out.logs = auth ? createSignedLogExporter(plan, logs, auth) : createOtlpLogExporter(plan, logs);
  }
  return out;
}
