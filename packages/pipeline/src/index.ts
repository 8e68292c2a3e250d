export { parseRetryAfterMs } from '@switchyard/core';
export type { ConsumeResult, Consumer, Lifecycle } from './component/consumer.js';
export { ACCEPTED } from './component/consumer.js';
export type { ExportResult } from './component/export-result.js';
export { permanent, retryable, SUCCESS } from './component/export-result.js';
export type { Exporter } from './component/exporter.js';
export type { ComponentFactory, ComponentKind, Stability } from './component/factory.js';
export type { Processor } from './component/processor.js';
export type {
  CircuitBreakerConfig,
  CircuitBreakerOptions,
  CircuitState,
} from './delivery/circuit-breaker.js';
export { CircuitBreakerExporter, circuitBreakerConfigSchema } from './delivery/circuit-breaker.js';
export type { ExporterSinkOptions } from './delivery/exporter-sink.js';
export { ExporterSink } from './delivery/exporter-sink.js';
export type { RetryPolicy } from './delivery/retry-policy.js';
export { backoffDelayMs, retryPolicySchema } from './delivery/retry-policy.js';
export { pushWithTimeout } from './delivery/timeout.js';
export { attributesText, attrText } from './exporters/attr-text.js';
export { resolveConnectionString } from './exporters/azure-monitor/azure-connection-string.js';
export type {
  AzureMonitorExporterConfig,
  AzureMonitorExporterOptions,
} from './exporters/azure-monitor/azure-monitor-exporter.js';
export {
  AzureMonitorExporter,
  azureMonitorExporterConfigSchema,
  azureMonitorExporterFactory,
} from './exporters/azure-monitor/azure-monitor-exporter.js';
export type {
  CloudWatchEmfExporterConfig,
  CloudWatchEmfOptions,
} from './exporters/cloudwatch-emf/cloudwatch-emf-exporter.js';
export {
  CloudWatchEmfExporter,
  cloudWatchEmfExporterConfigSchema,
  cloudWatchEmfExporterFactory,
} from './exporters/cloudwatch-emf/cloudwatch-emf-exporter.js';
export type { ElasticsearchExporterConfig } from './exporters/elasticsearch/elasticsearch-exporter.js';
export {
  ElasticsearchExporter,
  elasticsearchExporterConfigSchema,
  elasticsearchExporterFactory,
} from './exporters/elasticsearch/elasticsearch-exporter.js';
export type { FileExporterConfig } from './exporters/file/file-exporter.js';
export {
  FileExporter,
  fileExporterConfigSchema,
  fileExporterFactory,
} from './exporters/file/file-exporter.js';
export type { LokiExporterConfig } from './exporters/loki/loki-exporter.js';
export {
  DEFAULT_LOKI_LABELS,
  LokiExporter,
  lokiExporterConfigSchema,
  lokiExporterFactory,
} from './exporters/loki/loki-exporter.js';
export type {
  ExporterContext,
  OtlpGrpcExporterConfig,
  OtlpHttpExporterConfig,
} from './exporters/otlp-exporter-config.js';
export {
  otlpGrpcExporterConfigSchema,
  otlpGrpcExporterFactory,
  otlpHttpExporterConfigSchema,
  otlpHttpExporterFactory,
} from './exporters/otlp-exporter-config.js';
export type { OtlpGrpcExporterOptions } from './exporters/otlp-grpc-exporter.js';
export { OTLP_GRPC_METHODS, OtlpGrpcExporter } from './exporters/otlp-grpc-exporter.js';
export type { OtlpHttpExporterOptions } from './exporters/otlp-http-exporter.js';
export { OtlpHttpExporter } from './exporters/otlp-http-exporter.js';
export { promLabelName, promMetricName } from './exporters/prometheus/prom-naming.js';
export type { PrometheusRemoteWriteConfig } from './exporters/prometheus/prometheus-remote-write-config.js';
export { prometheusRemoteWriteExporterFactory } from './exporters/prometheus/prometheus-remote-write-config.js';
export type { PrometheusRemoteWriteOptions } from './exporters/prometheus/prometheus-remote-write-exporter.js';
export { PrometheusRemoteWriteExporter } from './exporters/prometheus/prometheus-remote-write-exporter.js';
export type { PrometheusScrapeConfig } from './exporters/prometheus-scrape/prometheus-scrape-config.js';
export {
  prometheusScrapeConfigSchema,
  prometheusScrapeExporterFactory,
} from './exporters/prometheus-scrape/prometheus-scrape-config.js';
export type { PrometheusScrapeOptions } from './exporters/prometheus-scrape/prometheus-scrape-exporter.js';
export { PrometheusScrapeExporter } from './exporters/prometheus-scrape/prometheus-scrape-exporter.js';
export type { SplunkHecExporterConfig } from './exporters/splunk/splunk-hec-exporter.js';
export {
  SplunkHecExporter,
  splunkHecExporterConfigSchema,
  splunkHecExporterFactory,
} from './exporters/splunk/splunk-hec-exporter.js';
export type { VendorExporterConfig } from './exporters/vendor/vendor-exporter-config.js';
export {
  checkVendorExporters,
  isVendorExporterEntry,
  isVendorExporterType,
  vendorExporterConfigSchema,
  vendorExporterFactory,
} from './exporters/vendor/vendor-exporter-config.js';
export type { VendorOtlpExporterOptions } from './exporters/vendor/vendor-otlp-exporter.js';
export { VendorOtlpExporter } from './exporters/vendor/vendor-otlp-exporter.js';
export type { VendorExporterType } from './exporters/vendor/vendor-settings.js';
export {
  resolveVendorSettings,
  VENDOR_EXPORTER_TYPES,
  vendorPreset,
} from './exporters/vendor/vendor-settings.js';
export type { ZipkinExporterConfig } from './exporters/zipkin/zipkin-exporter.js';
export {
  ZipkinExporter,
  zipkinExporterConfigSchema,
  zipkinExporterFactory,
} from './exporters/zipkin/zipkin-exporter.js';
export type { AttributesProcessorConfig } from './processors/attributes-processor.js';
export {
  AttributesProcessor,
  attributesProcessorConfigSchema,
  attributesProcessorFactory,
} from './processors/attributes-processor.js';
export type { BatchProcessorConfig } from './processors/batch-processor.js';
export {
  BatchProcessor,
  batchProcessorConfigSchema,
  batchProcessorFactory,
  mergeBatches,
} from './processors/batch-processor.js';
export type { CumulativeToDeltaConfig, CumulativeToDeltaOptions } from './processors/cumulative-to-delta.js';
export {
  CumulativeToDelta,
  cumulativeToDeltaConfigSchema,
  cumulativeToDeltaFactory,
} from './processors/cumulative-to-delta.js';
export { FanoutConsumer } from './processors/fanout.js';
export type { FilterProcessorConfig } from './processors/filter-processor.js';
export {
  FilterProcessor,
  filterProcessorConfigSchema,
  filterProcessorFactory,
} from './processors/filter-processor.js';
export type { MemoryLimiterConfig } from './processors/memory-limiter.js';
export {
  MemoryLimiter,
  memoryLimiterConfigSchema,
  memoryLimiterFactory,
} from './processors/memory-limiter.js';
export { ProcessorChain } from './processors/processor-chain.js';
export type { PatternName } from './processors/redaction-patterns.js';
export { luhnValid, PATTERN_NAMES } from './processors/redaction-patterns.js';
export type { RedactionProcessorConfig } from './processors/redaction-processor.js';
export {
  DEFAULT_BLOCKED_KEYS,
  RedactionProcessor,
  redactionProcessorConfigSchema,
  redactionProcessorFactory,
} from './processors/redaction-processor.js';
export type {
  ResourceDetectionConfig,
  ResourceDetectorName,
} from './processors/resource-detection-processor.js';
export {
  RESOURCE_DETECTORS,
  ResourceDetectionProcessor,
  resourceDetectionConfigSchema,
  resourceDetectionFactory,
} from './processors/resource-detection-processor.js';
export type { SpanMetricsConfig } from './processors/span-metrics.js';
export {
  SpanMetricsConnector,
  spanMetricsConfigSchema,
  spanMetricsFactory,
} from './processors/span-metrics.js';
export type { TailSamplingConfig, TailSamplingOptions } from './processors/tail-sampling.js';
export { TailSamplingProcessor, tailSamplingConfigSchema } from './processors/tail-sampling.js';
export type { TailSamplingPolicy } from './processors/tail-sampling-policies.js';
export { tailSamplingPolicySchema, traceIdHash } from './processors/tail-sampling-policies.js';
export type { AttributeOwner } from './processors/telemetry-walk.js';
export { forEachAttributes } from './processors/telemetry-walk.js';
export type { BatchQueue, QueuedRecord, QueueStats } from './queue/batch-queue.js';
export { DeadLetterFile } from './queue/dead-letter.js';
export { DurableQueue } from './queue/durable-queue.js';
export type { Log } from './queue/log.js';
export { stderrLog } from './queue/log.js';
export { MemoryQueue } from './queue/memory-queue.js';
export type { QueueConfig } from './queue/queue-config.js';
export { queueConfigSchema } from './queue/queue-config.js';
export type { QueueContext } from './queue/queue-metrics.js';
export type { QueuedExporterConsumerOptions } from './queue/queued-exporter-consumer.js';
export { QueuedExporterConsumer } from './queue/queued-exporter-consumer.js';
export type { Routing, RoutingContext } from './routing/build-routing.js';
export { buildRouting } from './routing/build-routing.js';
export { FailoverExporter } from './routing/failover-exporter.js';
export type { ExporterEntry, FailoverGroup, Route, RoutingConfig } from './routing/routing-config.js';
export {
  checkRoutingReferences,
  exporterEntrySchema,
  failoverGroupSchema,
  prometheusRemoteWriteConfigSchema,
  routeSchema,
  routingConfigSchema,
  routingShape,
} from './routing/routing-config.js';
export { RoutingConsumer } from './routing/routing-consumer.js';
export { SelfMetrics } from './self/self-metrics.js';
