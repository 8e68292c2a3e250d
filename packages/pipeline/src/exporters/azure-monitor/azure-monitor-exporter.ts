/**
 * @module Azure Monitor / Application Insights exporter (`type: azure_monitor`) through Microsoft's official
 * `@azure/monitor-opentelemetry-exporter` — an optional dependency imported on the first push, with the
 * model → OTel SDK converters (../otel-sdk). The SDK's own retries and offline storage are off: the hub's
 * queue, retry policy and circuit breaker own delivery; breeze-outcome.ts classifies each request.
 *
 *   exporters:
 *     appinsights: { type: azure_monitor, connectionString: "${APPLICATIONINSIGHTS_CONNECTION_STRING}" }
 */
import type { Agent } from 'node:https';
import { ConfigError, type Signal, type TelemetryBatch } from '@switchyard/core';
import { z } from 'zod';
import { type ExportResult, permanent, SUCCESS } from '../../component/export-result.js';
import type { Exporter } from '../../component/exporter.js';
import type { ComponentFactory } from '../../component/factory.js';
import { CumulativeToDelta } from '../../processors/cumulative-to-delta.js';
import type { Log } from '../../queue/log.js';
import type { SelfMetrics } from '../../self/self-metrics.js';
import type { ExporterContext } from '../otlp-exporter-config.js';
import { resolveConnectionString } from './azure-connection-string.js';
import { breezeRejected, breezeResult, outcomePolicy, withOutcome } from './breeze-outcome.js';

export const AZURE_MONITOR_PACKAGE = '@azure/monitor-opentelemetry-exporter@1.0.0-beta.42';

export const azureMonitorExporterConfigSchema = z.strictObject({
  type: z.literal('azure_monitor'),
  /** Secret. Falls back to APPLICATIONINSIGHTS_CONNECTION_STRING. */
  connectionString: z.string().min(1).optional(),
  timeoutMs: z.number().int().positive().default(10_000),
});
export type AzureMonitorExporterConfig = z.infer<typeof azureMonitorExporterConfigSchema>;

type AzureModule = typeof import('@azure/monitor-opentelemetry-exporter');
type Converters = typeof import('./azure-converters.js');
interface Loaded {
  azure: AzureModule;
  convert: Converters;
  traces: InstanceType<AzureModule['AzureMonitorTraceExporter']>;
  metrics: InstanceType<AzureModule['AzureMonitorMetricExporter']>;
  logs: InstanceType<AzureModule['AzureMonitorLogExporter']>;
}

export interface AzureMonitorExporterOptions {
  connectionString?: string;
  timeoutMs?: number;
  /** Defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** A custom HTTPS agent (tests: trust a self-signed ingestion endpoint). */
  agent?: Agent;
  /** Replaces `import('@azure/monitor-opentelemetry-exporter')` (tests: a missing package). */
  importAzure?: () => Promise<AzureModule>;
  metrics?: SelfMetrics;
  log?: Log;
}

interface SdkResult {
  code: number;
  error?: Error;
}

export class AzureMonitorExporter implements Exporter {
  private readonly connectionString: string;
  private loading: Promise<Loaded> | undefined;
  private readonly deltas: CumulativeToDelta;
  private readonly unsupported: (by?: number) => void;

  constructor(
    readonly name: string,
    private readonly options: AzureMonitorExporterOptions = {},
  ) {
    this.connectionString = resolveConnectionString(
      options.connectionString,
      options.env ?? process.env,
      `exporters.${name}.connectionString`,
    ).text;
    // Application Insights aggregates what it receives: cumulative counters and histograms go as deltas.
    // Up-down counters stay cumulative (current values), as the Azure SDK itself reports them.
    this.deltas = new CumulativeToDelta(
      { type: 'cumulative_to_delta', maxSeries: 100_000 },
      `${name}/cumulative_to_delta`,
      options.metrics,
      { monotonicSumsOnly: true },
    );
    this.unsupported =
      options.metrics?.counter(
        'switchyard_exporter_dropped_points_total',
        'Data points an exporter could not represent in its destination format',
        { exporter: name, reason: 'unsupported_metric_type' },
      ) ?? (() => {});
  }

  async push(batch: TelemetryBatch, signal?: AbortSignal): Promise<ExportResult> {
    let sdk: Loaded;
    try {
      sdk = await this.load();
    } catch (err) {
      return permanent(err instanceof ConfigError && err.hint ? `${err.message}: ${err.hint}` : String(err));
    }
    switch (batch.signal) {
      case 'traces': {
        const spans = sdk.convert.toReadableSpans(batch.data);
        if (spans.length === 0) return SUCCESS;
        return this.send('traces', signal, (done) => sdk.traces.export(spans, done));
      }
      case 'logs': {
        const records = sdk.convert.toReadableLogRecords(batch.data);
        if (records.length === 0) return SUCCESS;
        return this.send('logs', signal, (done) => sdk.logs.export(records, done));
      }
      case 'metrics': {
        const converted = this.deltas.process(batch);
        if (converted?.signal !== 'metrics') return SUCCESS;
        const { resourceMetrics, unsupported } = sdk.convert.toOtelResourceMetrics(converted.data);
        if (unsupported > 0) this.unsupported(unsupported);
        // One ingestion request per resource (the SDK exporter takes one ResourceMetrics); the first
        // failure stops the batch, which is then retried whole.
        for (const rm of resourceMetrics) {
          if (rm.scopeMetrics.every((sm) => sm.metrics.length === 0)) continue;
          const result = await this.send('metrics', signal, (done) => sdk.metrics.export(rm, done));
          if (result.kind !== 'success') return result;
        }
        return SUCCESS;
      }
    }
  }

  private async send(
    kind: Signal,
    signal: AbortSignal | undefined,
    run: (done: (r: SdkResult) => void) => void,
  ) {
    const { value, outcome } = await withOutcome(
      signal,
      () => new Promise<SdkResult>((resolve) => run(resolve)),
    );
    const partial = breezeRejected(outcome);
    if (partial && partial.rejected > 0) {
      this.options.metrics?.counter(
        'switchyard_exporter_rejected_items_total',
        'Items a destination rejected in a partial success (not retried)',
        { exporter: this.name, signal: kind },
      )(partial.rejected);
      this.options.log?.(
        `exporter ${this.name}: partial success, ${partial.rejected} ${kind} items rejected: ${partial.message}`,
      );
    }
    return breezeResult(outcome, value.error, value.code !== 0);
  }

  private load(): Promise<Loaded> {
    this.loading ??= this.importAll();
    return this.loading;
  }

  private async importAll(): Promise<Loaded> {
    let azure: AzureModule;
    try {
      azure = await (this.options.importAzure ?? (() => import('@azure/monitor-opentelemetry-exporter')))();
    } catch (cause) {
      this.loading = undefined; // installing the package later and retrying works without a restart
      throw new ConfigError(
        `exporter '${this.name}' (azure_monitor) needs the optional package @azure/monitor-opentelemetry-exporter, which is not installed`,
        { path: `exporters.${this.name}`, hint: `npm install ${AZURE_MONITOR_PACKAGE}`, cause },
      );
    }
    const convert = await import('./azure-converters.js');
    const opts = {
      connectionString: this.connectionString,
      disableOfflineStorage: true,
      retryOptions: { maxRetries: 0 },
      additionalPolicies: [
        { policy: outcomePolicy(this.options.timeoutMs ?? 10_000), position: 'perCall' as const },
      ],
      ...(this.options.agent ? { agent: this.options.agent } : {}),
    };
    return {
      azure,
      convert,
      traces: new azure.AzureMonitorTraceExporter(opts),
      metrics: new azure.AzureMonitorMetricExporter(opts),
      logs: new azure.AzureMonitorLogExporter(opts),
    };
  }

  async shutdown(): Promise<void> {
    const loading = this.loading;
    this.loading = undefined;
    const sdk = await loading?.catch(() => undefined);
    if (!sdk) return;
    await Promise.allSettled([sdk.traces.shutdown(), sdk.metrics.shutdown(), sdk.logs.shutdown()]);
  }
}

export const azureMonitorExporterFactory: ComponentFactory<
  AzureMonitorExporterConfig,
  Exporter,
  ExporterContext
> = {
  type: 'azure_monitor',
  kind: 'exporter',
  stability: { traces: 'alpha', metrics: 'alpha', logs: 'alpha' },
  configSchema: azureMonitorExporterConfigSchema,
  createDefaultConfig: () => azureMonitorExporterConfigSchema.parse({ type: 'azure_monitor' }),
  create: (c, { name, metrics, log }) =>
    new AzureMonitorExporter(name, {
      ...(c.connectionString ? { connectionString: c.connectionString } : {}),
      timeoutMs: c.timeoutMs,
      metrics,
      log,
    }),
};
