export { didYouMean, levenshtein } from './config/did-you-mean.js';
export type { LoadConfigOptions } from './config/load-config.js';
export { configErrorFromZod, loadConfigText } from './config/load-config.js';
export type { Env } from './config/substitute.js';
export { resolveSecret, substituteString, substituteTree } from './config/substitute.js';
export type { ErrorDetails } from './errors/switchyard-error.js';
export { ConfigError, OtlpDecodeError, ParameterError, SwitchyardError } from './errors/switchyard-error.js';
export type { Attributes, AttrValue } from './model/attributes.js';
export { isKvList } from './model/attributes.js';
export type { EncodedRequest, Signal, TelemetryBatch } from './model/batch.js';
export { itemCount, SIGNALS } from './model/batch.js';
export type { LogRecord, LogsData, ResourceLogs, ScopeLogs, SeverityName } from './model/log.js';
export { SeverityLevel, severityFloor } from './model/log.js';
export type {
  Exemplar,
  ExponentialHistogramBuckets,
  ExponentialHistogramDataPoint,
  HistogramDataPoint,
  Metric,
  MetricData,
  MetricsData,
  MetricType,
  NumberDataPoint,
  ResourceMetrics,
  ScopeMetrics,
  SummaryDataPoint,
} from './model/metric.js';
export { Temporality } from './model/metric.js';
export type { InstrumentationScope, Resource } from './model/resource.js';
export { emptyResource, emptyScope, serviceNameOf } from './model/resource.js';
export type {
  ResourceSpans,
  ScopeSpans,
  Span,
  SpanEvent,
  SpanLink,
  SpanStatus,
  TraceData,
} from './model/span.js';
export { SpanKind, StatusCode } from './model/span.js';
export {
  attributesFromJson,
  attributesFromParsed,
  attributesToJson,
  attributesToPlainJson,
  attrValueFromJson,
  attrValueFromParsed,
  attrValueToJson,
  attrValueToPlainJson,
} from './model/typed-json.js';
export { decodeRequest, encodeRequest } from './otlp/codec.js';
export { decodeLogsJson, encodeLogsJson } from './otlp/logs-json.js';
export { decodeLogs, encodeLogs } from './otlp/logs-proto.js';
export { decodeMetricsJson } from './otlp/metrics-json-decode.js';
export { encodeMetricsJson } from './otlp/metrics-json-encode.js';
export { decodeMetrics } from './otlp/metrics-proto-decode.js';
export { encodeMetrics } from './otlp/metrics-proto-encode.js';
export type { OtlpFormat } from './otlp/otlp-format.js';
export type { PartialSuccess } from './otlp/responses.js';
export { decodeExportResponse, encodeExportResponse, encodeRpcStatus } from './otlp/responses.js';
export { decodeTracesJson, encodeTracesJson } from './otlp/traces-json.js';
export { decodeTraces } from './otlp/traces-proto-decode.js';
export { encodeTraces } from './otlp/traces-proto-encode.js';
export { msToNs, NS_PER_MS, nowNs, nsToMs, parseDurationNs, parseTimeNs } from './time/nanos.js';
export { parseRetryAfterMs } from './time/retry-after.js';
