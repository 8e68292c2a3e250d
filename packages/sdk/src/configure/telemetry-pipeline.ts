/**
 * @module Builds the tracer, meter and logger providers from exporter plans: each exporter gets its own
 * batch processor / metric reader and its own counters, so a failing exporter is isolated from the others.
 */
import type { Resource } from '@opentelemetry/resources';
import { LoggerProvider, type LogRecordProcessor } from '@opentelemetry/sdk-logs';
import { type IMetricReader, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import type { Sampler, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ConfigError } from '@switchyard/core';
import type { BatchSettings } from '../config/env-settings.js';
import { ContextAttributesSpanProcessor } from '../context/context-span-processor.js';
import { ConsoleSpanTreeExporter } from '../exporters/console-span-tree.js';
import { CountingMetricExporter } from '../exporters/counting-exporters.js';
import type { ExporterPlan } from '../exporters/exporter-plan.js';
import { createStatsRecorder, type ExporterStats, type FailureLogger } from '../exporters/exporter-stats.js';
import { GatedLogProcessor, GatedMetricExporter, GatedSpanProcessor } from '../exporters/gated-processors.js';
import type { ProbeGate } from '../exporters/hub-probe.js';
import { IsolatedLogProcessor } from '../exporters/isolated-log-processor.js';
import { IsolatedSpanProcessor } from '../exporters/isolated-span-processor.js';
import {
  createOtlpLogExporter,
  createOtlpMetricExporter,
  createOtlpSpanExporter,
} from '../exporters/otlp-exporter-factory.js';
import { createZipkinExporter } from '../exporters/zipkin-exporter.js';

export interface PipelineInput {
  plans: ExporterPlan[];
  resource: Resource;
  sampler: Sampler;
  metricExportIntervalMillis: number;
  logBatch: BatchSettings;
  failureLogIntervalMs?: number;
  failureLogger?: FailureLogger;
  /** For the 'auto' fallback: exporters that run only if the probe decides for them (name → wanted value). */
  gate?: { probe: ProbeGate; want: Record<string, boolean> };
  /** Called when an exporter fails to be created after startup (lazy package import). */
  onLateError: (name: string, error: ConfigError) => void;
}

export interface TelemetryPipeline {
  tracerProvider: NodeTracerProvider;
  meterProvider: MeterProvider;
  loggerProvider: LoggerProvider;
  stats: Record<string, ExporterStats>;
}

export function buildPipeline(input: PipelineInput): TelemetryPipeline {
  const spanProcessors: SpanProcessor[] = [new ContextAttributesSpanProcessor()];
  const readers: IMetricReader[] = [];
  const logProcessors: LogRecordProcessor[] = [];
  const stats: Record<string, ExporterStats> = {};
  const interval = input.metricExportIntervalMillis;

  for (const plan of input.plans) {
    const recorder = createStatsRecorder(
      plan.name,
      Object.keys(plan.signals),
      input.failureLogIntervalMs,
      input.failureLogger,
    );
    stats[plan.name] = recorder.stats;
    const { traces, metrics, logs } = plan.signals;
    const want = input.gate?.want[plan.name];
    const gated = input.gate && want !== undefined ? { probe: input.gate.probe, want } : undefined;
    if (traces) {
      const exporter =
        plan.kind === 'console'
          ? new ConsoleSpanTreeExporter()
          : plan.kind === 'zipkin'
            ? createZipkinExporter(plan, (e) => {
                recorder.stats.configError = e.message;
                input.onLateError(plan.name, e instanceof ConfigError ? e : new ConfigError(e.message));
              })
            : createOtlpSpanExporter(plan, traces);
      const processor = new IsolatedSpanProcessor(exporter, recorder, plan.batch);
      spanProcessors.push(gated ? new GatedSpanProcessor(processor, gated.probe, gated.want) : processor);
    }
    if (metrics && plan.kind === 'otlp') {
      const counting = new CountingMetricExporter(createOtlpMetricExporter(plan, metrics), recorder);
      readers.push(
        new PeriodicExportingMetricReader({
          exporter: gated ? new GatedMetricExporter(counting, gated.probe, gated.want) : counting,
          exportIntervalMillis: interval,
          exportTimeoutMillis: Math.min(plan.timeoutMillis, interval),
        }),
      );
    }
    if (logs && plan.kind === 'otlp') {
      const batch = { ...input.logBatch, ...plan.batch };
      const processor = new IsolatedLogProcessor(createOtlpLogExporter(plan, logs), recorder, batch);
      logProcessors.push(gated ? new GatedLogProcessor(processor, gated.probe, gated.want) : processor);
    }
  }

  return {
    tracerProvider: new NodeTracerProvider({
      resource: input.resource,
      sampler: input.sampler,
      spanProcessors,
    }),
    meterProvider: new MeterProvider({ resource: input.resource, readers }),
    loggerProvider: new LoggerProvider({ resource: input.resource, processors: logProcessors }),
    stats,
  };
}
