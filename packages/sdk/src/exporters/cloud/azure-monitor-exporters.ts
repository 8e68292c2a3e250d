/**
 * @module Azure Monitor (Application Insights) through Microsoft's official
 * `@azure/monitor-opentelemetry-exporter`, an optional dependency imported once, on first use, and shared by
 * the span, metric and log exporters. The connection string comes from APPLICATIONINSIGHTS_CONNECTION_STRING
 * (or `apiKey`).
 */
import type { LogRecordExporter } from '@opentelemetry/sdk-logs';
import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { importOptional, once } from '@switchyard/presets';
import type { ExporterPlan } from '../exporter-plan.js';
import { LazyLogExporter, LazyMetricExporter, LazySpanExporter } from '../lazy-exporters.js';

export const AZURE_PACKAGE = '@azure/monitor-opentelemetry-exporter@1.0.0-beta.42';

export interface AzureMonitorExporters {
  traces: SpanExporter;
  metrics: PushMetricExporter;
  logs: LogRecordExporter;
}

/** One lazily loaded module for the three signals; `onError` is called once if it cannot be loaded. */
export function createAzureMonitorExporters(
  plan: ExporterPlan,
  onError: (error: Error) => void,
): AzureMonitorExporters {
  let reported = false;
  const report = (e: Error): void => {
    if (!reported) {
      reported = true;
      onError(e);
    }
  };
  const load = once(() =>
    importOptional(
      () => import('@azure/monitor-opentelemetry-exporter'),
      plan.name,
      plan.package ?? AZURE_PACKAGE,
      `exportTo.${plan.name}`,
    ),
  );
  const options = { connectionString: plan.connectionString };
  return {
    traces: new LazySpanExporter(async () => new (await load()).AzureMonitorTraceExporter(options), report),
    metrics: new LazyMetricExporter(
      async () => new (await load()).AzureMonitorMetricExporter(options),
      undefined,
      report,
    ),
    logs: new LazyLogExporter(async () => new (await load()).AzureMonitorLogExporter(options), report),
  };
}
