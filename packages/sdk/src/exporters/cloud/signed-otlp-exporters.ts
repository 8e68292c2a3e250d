/**
 * @module OTLP/HTTP span, metric and log exporters whose every request goes through an Authorizer (SigV4,
 * Google ADC). Built from OpenTelemetry's network export delegate and serializers, so the wire format is the
 * stock one; only the transport differs.
 */
import {
  AggregationTemporalityPreference,
  OTLPMetricExporterBase,
} from '@opentelemetry/exporter-metrics-otlp-http';
import { createOtlpNetworkExportDelegate, OTLPExporterBase } from '@opentelemetry/otlp-exporter-base';
import { createOtlpHttpExporterMetrics } from '@opentelemetry/otlp-exporter-base/node-http';
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
import type { Authorizer, TemporalityPreference } from '@switchyard/presets';
import type { ExporterPlan, SignalTarget } from '../exporter-plan.js';
import { logSerializer, traceSerializer } from '../shared-serializer.js';
import { createSignedHttpTransport } from './signed-http-transport.js';

const TEMPORALITY: Record<TemporalityPreference, AggregationTemporalityPreference> = {
  cumulative: AggregationTemporalityPreference.CUMULATIVE,
  delta: AggregationTemporalityPreference.DELTA,
  lowmemory: AggregationTemporalityPreference.LOWMEMORY,
};

function shared(plan: ExporterPlan) {
  return { timeoutMillis: plan.timeoutMillis, concurrencyLimit: 30, compression: plan.compression };
}

function transport(plan: ExporterPlan, target: SignalTarget, authorize: Authorizer) {
  const json = plan.protocol === 'http/json';
  return createSignedHttpTransport({
    url: target.url,
    headers: target.headers,
    contentType: json ? 'application/json' : 'application/x-protobuf',
    compression: plan.compression,
    authorize,
  });
}

export function createSignedSpanExporter(
  plan: ExporterPlan,
  target: SignalTarget,
  authorize: Authorizer,
): SpanExporter {
  const json = plan.protocol === 'http/json';
  return new OTLPExporterBase<ReadableSpan[]>(
    createOtlpNetworkExportDelegate(
      shared(plan),
      traceSerializer(json, plan.shareEncoding),
      createOtlpHttpExporterMetrics(
        'otlp_http_span_exporter',
        TraceExporterMetricsHelper,
        target.url,
        undefined,
      ),
      transport(plan, target, authorize),
    ),
  );
}

export function createSignedMetricExporter(
  plan: ExporterPlan,
  target: SignalTarget,
  authorize: Authorizer,
): PushMetricExporter {
  const json = plan.protocol === 'http/json';
  return new OTLPMetricExporterBase(
    createOtlpNetworkExportDelegate<ResourceMetrics, unknown>(
      shared(plan),
      json ? JsonMetricsSerializer : ProtobufMetricsSerializer,
      createOtlpHttpExporterMetrics(
        'otlp_http_metric_exporter',
        MetricsExporterMetricsHelper,
        target.url,
        undefined,
      ),
      transport(plan, target, authorize),
    ),
    { temporalityPreference: TEMPORALITY[plan.temporality] },
  );
}

export function createSignedLogExporter(
  plan: ExporterPlan,
  target: SignalTarget,
  authorize: Authorizer,
): LogRecordExporter {
  const json = plan.protocol === 'http/json';
  return new OTLPExporterBase<ReadableLogRecord[]>(
    createOtlpNetworkExportDelegate<ReadableLogRecord[], unknown>(
      shared(plan),
      logSerializer(json, plan.shareEncoding),
      createOtlpHttpExporterMetrics(
        'otlp_http_log_exporter',
        LogsExporterMetricsHelper,
        target.url,
        undefined,
      ),
      transport(plan, target, authorize),
    ),
  );
}
