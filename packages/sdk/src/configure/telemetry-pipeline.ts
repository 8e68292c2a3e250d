/**
 * @module Builds the tracer, meter and logger providers from exporter plans: each exporter gets its own
 * batch processor / metric reader and its own counters, so a failing exporter is isolated from the others.
 */
import type { Resource } from '@opentelemetry/resources';
import { LoggerProvider, type LogRecordProcessor } from '@opentelemetry/sdk-logs';
import { type IMetricReader, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import type { IdGenerator, Sampler, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { ConfigError } from '@switchyard/core';
import type { BatchSettings } from '../config/env-settings.js';
import { ContextAttributesSpanProcessor } from '../context/context-span-processor.js';
import {
  CountingLogExporter,
  CountingMetricExporter,
  CountingSpanExporter,
} from '../exporters/counting-exporters.js';
import type { ExporterPlan } from '../exporters/exporter-plan.js';
import {
  createStatsRecorder,
  type ExporterStats,
  type FailureLogger,
  type StatsRecorder,
} from '../exporters/exporter-stats.js';
import {
  FailoverLogExporter,
  FailoverMetricExporter,
  FailoverSpanExporter,
} from '../exporters/failover-exporters.js';
import { GatedLogProcessor, GatedMetricExporter, GatedSpanProcessor } from '../exporters/gated-processors.js';
import type { ProbeGate } from '../exporters/hub-probe.js';
import { IsolatedLogProcessor } from '../exporters/isolated-log-processor.js';
import { IsolatedSpanProcessor } from '../exporters/isolated-span-processor.js';
import { createPlanExporters } from '../exporters/signal-exporters.js';

export interface PipelineInput {
  plans: ExporterPlan[];
  resource: Resource;
  sampler: Sampler;
  /** Trace/span id generator (AWS X-Ray ids when the aws exporter runs); default random. */
  idGenerator?: IdGenerator;
  metricExportIntervalMillis: number;
  logBatch: BatchSettings;
  failureLogIntervalMs?: number;
  failureLogger?: FailureLogger;
  /** For the 'auto' fallback: exporters that run only if the probe decides for them (name → wanted value). */
  gate?: { probe: ProbeGate; want: Record<string, boolean> };
  /** Exporter names that form one failover group (tried in order, one queue). */
  failover?: string[];
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

  // Several OTLP exporters: let them share the encoding of identical batches (see shared-serializer).
  const shareEncoding = input.plans.filter((p) => p.kind === 'otlp').length > 1;
  const recorderFor = (plan: ExporterPlan) => {
    plan.shareEncoding = shareEncoding;
    const recorder = createStatsRecorder(
      plan.name,
      Object.keys(plan.signals),
      input.failureLogIntervalMs,
      input.failureLogger,
    );
    stats[plan.name] = recorder.stats;
    const exporters = createPlanExporters(plan, (e) => {
      recorder.stats.configError = e.message;
      input.onLateError(plan.name, e);
    });
    return { plan, recorder, exporters };
  };
  const groupNames = (input.failover ?? []).filter((n) => input.plans.some((p) => p.name === n));
  const grouped = groupNames.length >= 2 ? groupNames : [];

  for (const plan of input.plans) {
    if (grouped.includes(plan.name)) continue;
    const { recorder, exporters } = recorderFor(plan);
    const want = input.gate?.want[plan.name];
    const gated = input.gate && want !== undefined ? { probe: input.gate.probe, want } : undefined;
    if (exporters.traces) {
      const processor = new IsolatedSpanProcessor(exporters.traces, recorder, plan.batch);
      spanProcessors.push(gated ? new GatedSpanProcessor(processor, gated.probe, gated.want) : processor);
    }
    if (exporters.metrics) {
      const counting = new CountingMetricExporter(exporters.metrics, recorder);
      readers.push(
        new PeriodicExportingMetricReader({
          exporter: gated ? new GatedMetricExporter(counting, gated.probe, gated.want) : counting,
          exportIntervalMillis: interval,
          exportTimeoutMillis: Math.min(plan.timeoutMillis, interval),
        }),
      );
    }
    if (exporters.logs) {
      const batch = { ...input.logBatch, ...plan.batch };
      const processor = new IsolatedLogProcessor(exporters.logs, recorder, batch);
      logProcessors.push(gated ? new GatedLogProcessor(processor, gated.probe, gated.want) : processor);
    }
  }

  if (grouped.length > 0) {
    // One queue for the group; each member counts what it sent or failed; queue overflow counts on the primary.
    const members = grouped.map((n) => recorderFor(input.plans.find((p) => p.name === n)!));
    const primary = members[0]!;
    const queueRecorder: StatsRecorder = {
      stats: primary.recorder.stats,
      recordSent: () => {},
      recordFailed: () => {},
      recordDropped: (n) => primary.recorder.recordDropped(n),
    };
    const spans = members.flatMap((m) =>
      m.exporters.traces ? [new CountingSpanExporter(m.exporters.traces, m.recorder)] : [],
    );
    if (spans.length > 0)
      spanProcessors.push(
        new IsolatedSpanProcessor(new FailoverSpanExporter(spans), queueRecorder, primary.plan.batch),
      );
    const metricMembers = members.flatMap((m) =>
      m.exporters.metrics ? [new CountingMetricExporter(m.exporters.metrics, m.recorder)] : [],
    );
    if (metricMembers.length > 0)
      readers.push(
        new PeriodicExportingMetricReader({
          exporter: new FailoverMetricExporter(metricMembers),
          exportIntervalMillis: interval,
          exportTimeoutMillis: Math.min(
            members.reduce((t, m) => t + m.plan.timeoutMillis, 0),
            interval,
          ),
        }),
      );
    const logMembers = members.flatMap((m) =>
      m.exporters.logs ? [new CountingLogExporter(m.exporters.logs, m.recorder)] : [],
    );
    if (logMembers.length > 0)
      logProcessors.push(
        new IsolatedLogProcessor(new FailoverLogExporter(logMembers), queueRecorder, {
          ...input.logBatch,
          ...primary.plan.batch,
        }),
      );
  }

  return {
    tracerProvider: new NodeTracerProvider({
      resource: input.resource,
      sampler: input.sampler,
      ...(input.idGenerator ? { idGenerator: input.idGenerator } : {}),
      spanProcessors,
    }),
    meterProvider: new MeterProvider({ resource: input.resource, readers }),
    loggerProvider: new LoggerProvider({ resource: input.resource, processors: logProcessors }),
    stats,
  };
}
