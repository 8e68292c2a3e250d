export type { AnomalyResult } from './anomaly/detect-anomalies.js';
export { detectAnomalies } from './anomaly/detect-anomalies.js';
export { createAnomalyDetector } from './anomaly/detector.js';
export { parseTimestampMs } from './anomaly/parse-timestamp.js';
export type {
  AnomalyDetector,
  AnomalyDetectorOptions,
  AnomalyEvent,
  AnomalyKind,
  AnomalyPoint,
  AnomalySeverity,
  Sensitivity,
} from './anomaly/types.js';
export { SENSITIVITIES } from './anomaly/types.js';
export { LogPatternMiner } from './patterns/log-pattern-miner.js';
export { maskToken, maskTokens, WILDCARD } from './patterns/mask.js';
export type {
  AddMeta,
  AddResult,
  LogPatternMinerOptions,
  MinerCounters,
  PatternSummary,
  TimeBucket,
} from './patterns/miner-options.js';
export type { ClusterJson, MinerStateJson } from './patterns/miner-state.js';
export { extractParams } from './patterns/template-params.js';
export type {
  AnalysisSpan,
  AnalysisSpanEvent,
  SpanWithResource,
  TraceSpanInput,
} from './trace/analysis-span.js';
export { errorMessageOf, isErrorSpan, toAnalysisSpan, toAnalysisSpans } from './trace/analysis-span.js';
export type {
  AnalyzeTraceOptions,
  Bottleneck,
  CriticalPathEntry,
  SpanTiming,
  TraceAnalysis,
} from './trace/analyze-trace.js';
export { analyzeTrace } from './trace/analyze-trace.js';
export type { ClockSkewAdjustment } from './trace/clock-skew.js';
export type { AttributeComparison, CompareOptions } from './trace/compare-traces.js';
export { compareSpans, compareTraces, splitTraces } from './trace/compare-traces.js';
export type { CriticalPathScope } from './trace/critical-path.js';
export type { ErrorOrigin } from './trace/error-origin.js';
export { formatDurationNs } from './trace/format-duration.js';
export type { OperationSelfTime, ServiceSelfTime } from './trace/self-time.js';
export type { PatternOptions, SpanPattern } from './trace/span-patterns.js';
export type { OrphanSpan } from './trace/span-tree.js';
export type { SyntheticTraceOptions } from './trace/synthetic-trace.js';
export { generateSyntheticTrace } from './trace/synthetic-trace.js';
export type { WaterfallOptions } from './trace/waterfall.js';
export { renderWaterfall } from './trace/waterfall.js';
