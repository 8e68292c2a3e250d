/**
 * @module Creates OTLP span, metric and log exporters from an exporter plan, over http/protobuf,
 * http/json or gRPC. Built from OpenTelemetry's export delegates with a fully resolved configuration,
 * not the stock exporter classes: those merge `OTEL_EXPORTER_OTLP_*` env headers into every instance,
 * which would send one vendor's credentials to another when several exporters run at once.
 */
import {
  AggregationTemporalityPreference,
  OTLPMetricExporterBase,
} from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPExporterBase } from '@opentelemetry/otlp-exporter-base';
import {
  createOtlpHttpExportDelegate,
  httpAgentFactoryFromOptions,
} from '@opentelemetry/otlp-exporter-base/node-http';
import {
  createEmptyMetadata,
  createInsecureCredentials,
  createOtlpGrpcExportDelegate,
  createSslCredentials,
} from '@opentelemetry/otlp-grpc-exporter-base';
import {
  JsonMetricsSerializer,
  LogsExporterMetricsHelper,
  MetricsExporterMetricsHelper,
  ProtobufMetricsSerializer,
  TraceExporterMetricsHelper,
} from '@opentelemetry/otlp-transformer';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { TemporalityPreference } from '@switchyard/presets';
import type { ExporterPlan, SignalTarget } from './exporter-plan.js';
import { logSerializer, traceSerializer } from './shared-serializer.js';

const USER_AGENT = 'switchyard-sdk';

function httpConfig(plan: ExporterPlan, target: SignalTarget, contentType: string) {
  const headers = { ...target.headers, 'Content-Type': contentType };
  return {
    url: target.url,
    headers: async () => headers,
    timeoutMillis: plan.timeoutMillis,
    concurrencyLimit: 30,
    compression: plan.compression,
    agentFactory: httpAgentFactoryFromOptions({ keepAlive: true }),
    userAgent: USER_AGENT,
  };
}

function grpcConfig(plan: ExporterPlan, target: SignalTarget) {
  const url = new URL(/^[a-z]+:\/\//i.test(target.url) ? target.url : `http://${target.url}`);
  const tls = url.protocol === 'https:';
  return {
    url: url.host,
    metadata: () => {
      const m = createEmptyMetadata();
      for (const [k, v] of Object.entries(target.headers)) m.set(k.toLowerCase(), v);
      return m;
    },
    credentials: () => (tls ? createSslCredentials() : createInsecureCredentials()),
    timeoutMillis: plan.timeoutMillis,
    concurrencyLimit: 30,
    compression: plan.compression,
    userAgent: USER_AGENT,
  };
}

const TEMPORALITY: Record<TemporalityPreference, AggregationTemporalityPreference> = {
  cumulative: AggregationTemporalityPreference.CUMULATIVE,
  delta: AggregationTemporalityPreference.DELTA,
  lowmemory: AggregationTemporalityPreference.LOWMEMORY,
};

export function createOtlpSpanExporter(plan: ExporterPlan, target: SignalTarget): SpanExporter {
  if (plan.protocol === 'grpc')
    return new OTLPExporterBase<ReadableSpan[]>(
      createOtlpGrpcExportDelegate(
        grpcConfig(plan, target),
        traceSerializer(false, plan.shareEncoding),
        'otlp_grpc_span_exporter',
        TraceExporterMetricsHelper,
        undefined,
        'TraceExportService',
        '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
      ),
    );
  const json = plan.protocol === 'http/json';
  return new OTLPExporterBase<ReadableSpan[]>(
    createOtlpHttpExportDelegate(
      httpConfig(plan, target, json ? 'application/json' : 'application/x-protobuf'),
      traceSerializer(json, plan.shareEncoding),
      'otlp_http_span_exporter',
      TraceExporterMetricsHelper,
      undefined,
    ),
  );
}

export function createOtlpMetricExporter(plan: ExporterPlan, target: SignalTarget): PushMetricExporter {
  const options = { temporalityPreference: TEMPORALITY[plan.temporality] };
  if (plan.protocol === 'grpc')
    return new OTLPMetricExporterBase(
      createOtlpGrpcExportDelegate<ResourceMetrics, unknown>(
        grpcConfig(plan, target),
        ProtobufMetricsSerializer,
        'otlp_grpc_metric_exporter',
        MetricsExporterMetricsHelper,
        undefined,
        'MetricsExportService',
        '/opentelemetry.proto.collector.metrics.v1.MetricsService/Export',
      ),
      options,
    );
  const json = plan.protocol === 'http/json';
  return new OTLPMetricExporterBase(
    createOtlpHttpExportDelegate<ResourceMetrics, unknown>(
      httpConfig(plan, target, json ? 'application/json' : 'application/x-protobuf'),
      json ? JsonMetricsSerializer : ProtobufMetricsSerializer,
      'otlp_http_metric_exporter',
      MetricsExporterMetricsHelper,
      undefined,
    ),
    options,
  );
}

export function createOtlpLogExporter(plan: ExporterPlan, target: SignalTarget): LogRecordExporter {
  if (plan.protocol === 'grpc')
    return new OTLPExporterBase<ReadableLogRecord[]>(
      createOtlpGrpcExportDelegate<ReadableLogRecord[], unknown>(
        grpcConfig(plan, target),
        logSerializer(false, plan.shareEncoding),
        'otlp_grpc_log_exporter',
        LogsExporterMetricsHelper,
        undefined,
        'LogsExportService',
        '/opentelemetry.proto.collector.logs.v1.LogsService/Export',
      ),
    );
  const json = plan.protocol === 'http/json';
  return new OTLPExporterBase<ReadableLogRecord[]>(
    createOtlpHttpExportDelegate<ReadableLogRecord[], unknown>(
      httpConfig(plan, target, json ? 'application/json' : 'application/x-protobuf'),
      logSerializer(json, plan.shareEncoding),
      'otlp_http_log_exporter',
      LogsExporterMetricsHelper,
      undefined,
    ),
  );
}
