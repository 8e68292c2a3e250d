export type { Attributes, AttrValue } from './model/attributes.js';
export { isKvList } from './model/attributes.js';
export type { InstrumentationScope, Resource } from './model/resource.js';
export { emptyResource, emptyScope, serviceNameOf } from './model/resource.js';
export type { ResourceSpans, ScopeSpans, Span, SpanEvent, SpanLink, SpanStatus, TraceData } from './model/span.js';
export { SpanKind, StatusCode } from './model/span.js';
export type { LogRecord, LogsData, ResourceLogs, ScopeLogs, SeverityName } from './model/log.js';
export { SeverityLevel, severityFloor } from './model/log.js';
export type {
  Exemplar,
  ExponentialHistogramBuckets,
  ExponentialHistogramDataPoint,
  HistogramDataPoint,
  Metric,
  MetricData,
  MetricType,
  MetricsData,
  NumberDataPoint,
  ResourceMetrics,
  ScopeMetrics,
  SummaryDataPoint,
} from './model/metric.js';
export { Temporality } from './model/metric.js';
export type { Signal, TelemetryBatch } from './model/batch.js';
export { itemCount, SIGNALS } from './model/batch.js';
export type { ErrorDetails } from './errors/switchyard-error.js';
export { ConfigError, OtlpDecodeError, ParameterError, SwitchyardError } from './errors/switchyard-error.js';
export { msToNs, NS_PER_MS, nowNs, nsToMs, parseDurationNs, parseTimeNs } from './time/nanos.js';
