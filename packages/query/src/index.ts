export type { QueryAdapter, QueryContext } from './adapter.js';
export type { LlmAnswer, LlmConfig } from './ask/llm-fallback.js';
export { askLlm, llmConfigFromEnv } from './ask/llm-fallback.js';
export type { ParsedQuestion, ParseQuestionOptions } from './ask/parse-question.js';
export { parseQuestion } from './ask/parse-question.js';
export type { TimePhrase } from './ask/time-expressions.js';
export { parseTimePhrase } from './ask/time-expressions.js';
export { DatadogAdapter } from './datadog/datadog-adapter.js';
export {
  translateDatadogLogs,
  translateDatadogMetric,
  translateDatadogSpans,
} from './datadog/translate-datadog.js';
export type { DashboardHit, GrafanaDatasources } from './grafana/grafana-adapter.js';
export { GrafanaAdapter, grafanaProxyUrl } from './grafana/grafana-adapter.js';
export type { Auth } from './http/auth.js';
export { AuthSchema, authHeaders } from './http/auth.js';
export type { Guardrails } from './http/guardrails.js';
export { DEFAULT_GUARDRAILS, withGuardrails } from './http/guardrails.js';
export type { HttpClientOptions } from './http/http-client.js';
export { HttpClient } from './http/http-client.js';
export type { SourceErrorCode } from './http/source-error.js';
export { SourceError } from './http/source-error.js';
export { JaegerAdapter } from './jaeger/jaeger-adapter.js';
export { translateJaeger } from './jaeger/translate-jaeger.js';
export type { LocalAdapterOptions } from './local/local-adapter.js';
export { LocalAdapter } from './local/local-adapter.js';
export type { LocalPlan } from './local/translate-local.js';
export { describeLocalPlan, translateLocal } from './local/translate-local.js';
export { LokiAdapter } from './loki/loki-adapter.js';
export { translateLogQL, validateLogQL } from './loki/translate-logql.js';
export { minePatternsWithAnalysis } from './model/analysis-pattern-miner.js';
export type { PatternMiner } from './model/log-patterns.js';
export { parseUnifiedQuery } from './model/parse-query.js';
export type {
  LogPatternOut,
  LogRecordOut,
  LogsResult,
  LogsSummary,
  MetricSeriesOut,
  MetricsResult,
  MetricsSummary,
  QueryResult,
  SourceRef,
  SourceType,
  TraceSummaryOut,
  TracesAnalysisOut,
  TracesResult,
  Trend,
} from './model/results.js';
export { SOURCE_TYPES } from './model/results.js';
export type { AnomalyCheck } from './model/summarize.js';
export { analyzeTraceList, defaultAnomalyCheck, summarizeLogs, summarizeSeries } from './model/summarize.js';
export { theilSenSlope, trendOf } from './model/theil-sen.js';
export type { ResolvedRange } from './model/time-range.js';
export { chooseStepMs, resolveRange } from './model/time-range.js';
export type {
  Aggregation,
  Filter,
  MetricIntent,
  NativeLanguage,
  QuerySignal,
  Severity,
  UnifiedQuery,
  UnifiedQueryInput,
} from './model/unified-query.js';
export { UnifiedQuerySchema } from './model/unified-query.js';
export { NewRelicAdapter } from './newrelic/newrelic-adapter.js';
export { translateNrql } from './newrelic/translate-nrql.js';
export type { MetricMetadata } from './prometheus/prometheus-adapter.js';
export { PrometheusAdapter } from './prometheus/prometheus-adapter.js';
export type { PromCatalog, PromTranslation } from './prometheus/translate-promql.js';
export { translatePromQL } from './prometheus/translate-promql.js';
export { promqlErrorPosition, validatePromQL } from './prometheus/validate-promql.js';
export type { CreateAdapterOptions } from './sources/create-adapter.js';
export { createAdapter, createAdapters } from './sources/create-adapter.js';
export type { SourceConfig, SourcesConfig } from './sources/sources-config.js';
export {
  parseSourceFlag,
  parseSourceFlags,
  SourceConfigSchema,
  SourcesConfigSchema,
} from './sources/sources-config.js';
export { TempoAdapter } from './tempo/tempo-adapter.js';
export { translateTraceQL } from './tempo/translate-traceql.js';
