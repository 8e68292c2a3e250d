export type {
  OtlpProtocol,
  PresetEnvVar,
  TelemetrySignal,
  TemporalityPreference,
  VendorPreset,
} from '@switchyard/presets';
export { PRESET_NAMES, VENDOR_PRESETS } from '@switchyard/presets';
export type { EnvSettings, SignalOtlpSettings } from './config/env-settings.js';
export { readEnvSettings } from './config/env-settings.js';
export type { InstrumentationOptions, ObservabilityOptions } from './config/observability-options.js';
export type { ParsedHeaders } from './config/otlp-headers.js';
export { parseOtlpHeaders } from './config/otlp-headers.js';
export type {
  BatchOptions,
  ExporterOptions,
  ExportTo,
  SamplingOptions,
  SamplingRule,
  SdkFileConfig,
} from './config/sdk-config-schema.js';
export { configFileSchema, sdkConfigSchema } from './config/sdk-config-schema.js';
export type { CloudDetectorChoice, CloudName } from './configure/cloud-resource-detection.js';
export { chooseCloudDetectors, detectCloudResource } from './configure/cloud-resource-detection.js';
export { configureObservability } from './configure/configure-observability.js';
export type { DetectionReport, ObservabilityHandle } from './configure/observability-handle.js';
export type { PlatformDetection } from './configure/platform-detection.js';
export { detectPlatform } from './configure/platform-detection.js';
export type { BusinessContext, RedactHook } from './context/business-context.js';
export { withBusinessContext } from './context/business-context.js';
export type { PerformanceOptions } from './context/trace-performance.js';
export { tracePerformance } from './context/trace-performance.js';
export type {
  ChunkCompleteEvent,
  ExecutionErrorEvent,
  ExecutionEventName,
  ExecutionHook,
  ExecutionHookEvents,
  ExecutionHooks,
  ExecutionInfo,
  PostExecuteEvent,
  PreExecuteEvent,
  ProgressEvent,
} from './execution/execution-hooks.js';
export { ExecutionHookManager } from './execution/execution-hooks.js';
export type { ExecutionResult, MonitorOptions } from './execution/monitor-execution.js';
export { monitorExecution } from './execution/monitor-execution.js';
export { ConsoleSpanTreeExporter, renderSpanTree } from './exporters/console-span-tree.js';
export type { ExporterPlan, SignalTarget } from './exporters/exporter-plan.js';
export { planExporter } from './exporters/exporter-plan.js';
export type { ExporterStats } from './exporters/exporter-stats.js';
export {
  CORRELATION_ID_KEY,
  CorrelationIdPropagator,
  DEFAULT_CORRELATION_HEADER,
  getCorrelationId,
  withCorrelationId,
} from './propagation/correlation-id.js';
export { buildPropagator, PROPAGATOR_NAMES } from './propagation/propagators.js';
export { RuleBasedSampler } from './sampling/rule-based-sampler.js';
