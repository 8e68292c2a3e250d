/**
 * @module `configureObservability(options?)`: one call sets up traces, metrics and logs — resource,
 * sampler, propagators, exporters (each isolated), http/undici instrumentation — from options > env >
 * switchyard.yaml, and returns a handle. Configuration problems fail open by default: the application
 * starts, the handle lists what was wrong. A second call warns and returns the same handle.
 */
import { context, metrics, propagation, trace } from '@opentelemetry/api';
import { logs } from '@opentelemetry/api-logs';
import { AWSXRayIdGenerator } from '@opentelemetry/id-generator-aws-xray';
import {
  defaultResource,
  detectResources,
  hostDetector,
  osDetector,
  processDetector,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import type { SwitchyardError } from '@switchyard/core';
import type { ObservabilityOptions } from '../config/observability-options.js';
import { resolveConfig } from '../config/resolve-config.js';
import { setRedactHook } from '../context/business-context.js';
import { SDK_VERSION } from '../context/sdk-meter.js';
import { selectAutomatically } from '../exporters/auto-selection.js';
import { type ExporterPlan, planExporters } from '../exporters/exporter-plan.js';
import { type ProbeGate, probeEndpoint } from '../exporters/hub-probe.js';
import { buildPropagator } from '../propagation/propagators.js';
import { buildSampler } from '../sampling/sampler-config.js';
import { chooseCloudDetectors, cloudResource } from './cloud-resource-detection.js';
import { enableInstrumentations } from './instrumentations.js';
import { type DetectionReport, noopHandle, type ObservabilityHandle } from './observability-handle.js';
import { detectPlatform } from './platform-detection.js';
import { buildPipeline } from './telemetry-pipeline.js';

let current: ObservabilityHandle | undefined;

function warn(message: string): void {
  process.emitWarning(message, { code: 'SWITCHYARD_CONFIG' });
}

/** Sets up OpenTelemetry for this process. See the package README for every option and env var. */
export function configureObservability(options: ObservabilityOptions = {}): ObservabilityHandle {
  if (current) {
    warn('configureObservability() was already called; returning the existing handle');
    return current;
  }
  const config = resolveConfig(options);
  if (config.disabled) {
    const base = noopHandle(config.serviceName, 'disabled by OTEL_SDK_DISABLED=true or `disabled: true`');
    const handle: ObservabilityHandle = {
      ...base,
      shutdown: async () => {
        if (current === handle) current = undefined;
      },
    };
    current = handle;
    return handle;
  }
  const env = options.env ?? process.env;
  const errors: SwitchyardError[] = [...config.errors];
  const problems = [...config.problems];
  const platform = detectPlatform(env);
  const reasons = [...platform.reasons];

  let entries = config.exportTo;
  let gate: { probe: ProbeGate; want: Record<string, boolean> } | undefined;
  const hubEndpoint = env.SWITCHYARD_HUB_ENDPOINT || 'http://localhost:4318';
  if (entries === 'auto') {
    const auto = selectAutomatically(env);
    reasons.push(...auto.reasons);
    entries = auto.entries;
    if (entries.length === 0) {
      // Nothing configured: a local hub if one answers, else the console. Decided asynchronously.
      entries = [
        ['hub', {}],
        ['console', {}],
      ];
      gate = { probe: probeEndpoint(hubEndpoint), want: { hub: true, console: false } };
    }
  }
  const { plans, failures } = planExporters(entries, {
    env,
    envSettings: config.envSettings,
    signalsFor: config.signalsFor,
    defaultBatch: config.spanBatch,
  });
  for (const f of failures) errors.push(f.error);
  if (!config.failOpen && errors.length > 0) throw errors[0];
  for (const e of errors)
    warn(`switchyard: ${e.message}${e.path ? ` (at ${e.path})` : ''}${e.hint ? ` — ${e.hint}` : ''}`);

  const sampler = buildSampler(config.sampling, config.envSettings.sampler, problems);
  // AWS: X-Ray needs X-Ray trace ids (time-prefixed) and reads/writes X-Amzn-Trace-Id at the edges.
  const usesAws = plans.some((p) => p.auth?.type === 'sigv4');
  const propagatorList = config.propagators ?? (usesAws ? ['tracecontext', 'baggage', 'xray'] : undefined);
  const { propagator, names: propagatorNames } = buildPropagator(
    propagatorList,
    problems,
    config.correlationHeader,
  );
  const cloud = chooseCloudDetectors(env, config.resourceDetectors);
  reasons.push(...cloud.reasons);
  const resource = defaultResource()
    .merge(detectResources({ detectors: [hostDetector, osDetector, processDetector] }))
    .merge(cloudResource(cloud.clouds, config.resourceDetectionTimeoutMillis))
    .merge(
      resourceFromAttributes({
        ...platform.attributes,
        ...Object.assign({}, ...plans.map((p) => p.resourceAttributes ?? {})),
        ...config.resourceAttributes,
        'telemetry.distro.name': '@switchyard/sdk',
        'telemetry.distro.version': SDK_VERSION,
      }),
    );
  const lateErrors: SwitchyardError[] = [];
  const pipeline = buildPipeline({
    plans,
    resource,
    sampler,
    idGenerator: usesAws ? new AWSXRayIdGenerator() : undefined,
    metricExportIntervalMillis: config.metricExportIntervalMillis,
    logBatch: config.logBatch,
    failover: config.failover,
    failureLogIntervalMs: options.failureLogIntervalMs,
    onLateError: (_name, error) => lateErrors.push(error),
    gate,
  });
  const stats = pipeline.stats;
  for (const f of failures)
    stats[f.name] = {
      name: f.name,
      signals: [],
      sent: 0,
      failed: 0,
      dropped: 0,
      configError: f.error.message,
    };

  const registerGlobals = options.registerGlobals ?? true;
  let disableInstrumentations: () => void = () => {};
  if (registerGlobals) {
    pipeline.tracerProvider.register({ propagator });
    metrics.setGlobalMeterProvider(pipeline.meterProvider);
    logs.setGlobalLoggerProvider(pipeline.loggerProvider);
    disableInstrumentations = enableInstrumentations(config.instrumentations, pipeline, problems);
  }
  setRedactHook(options.redact);
  for (const p of problems) warn(`switchyard: ${p}`);

  const detected: DetectionReport = {
    platform: platform.platform,
    cloudDetectors: cloud.clouds,
    reasons,
    exportToSource: config.exportToSource,
    exporters: plans.map((p: ExporterPlan) => p.name),
    ...(config.failover ? { failover: config.failover } : {}),
    propagators: propagatorNames,
    configFile: config.configFile,
  };
  if (gate) {
    void gate.probe.result.then((found) => {
      const loser = found ? 'console' : 'hub';
      delete stats[loser];
      detected.exporters = detected.exporters.filter((n) => n !== loser);
      reasons.push(
        found
          ? `hub: a Switchyard hub answers on ${hubEndpoint}`
          : `console: no exporter configured and no hub on ${hubEndpoint} (set exportTo or OTEL_EXPORTER_OTLP_ENDPOINT)`,
      );
    });
  }
  const allErrors = errors;
  const forceFlush = async (): Promise<void> => {
    await Promise.allSettled([
      pipeline.tracerProvider.forceFlush(),
      pipeline.meterProvider.forceFlush(),
      pipeline.loggerProvider.forceFlush(),
    ]);
  };
  let stopping: Promise<void> | undefined;
  const handle: ObservabilityHandle = {
    enabled: true,
    serviceName: config.serviceName,
    detected,
    exporters: stats,
    get errors() {
      return [...allErrors, ...lateErrors];
    },
    problems,
    tracerProvider: pipeline.tracerProvider,
    meterProvider: pipeline.meterProvider,
    loggerProvider: pipeline.loggerProvider,
    forceFlush,
    shutdown() {
      stopping ??= (async () => {
        disableInstrumentations();
        await Promise.allSettled([
          pipeline.tracerProvider.shutdown(),
          pipeline.meterProvider.shutdown(),
          pipeline.loggerProvider.shutdown(),
        ]);
        if (registerGlobals) {
          trace.disable();
          metrics.disable();
          logs.disable();
          propagation.disable();
          context.disable();
        }
        setRedactHook(undefined);
        if (current === handle) current = undefined;
      })();
      return stopping;
    },
  };
  current = handle;
  return handle;
}
