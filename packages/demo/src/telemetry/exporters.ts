import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import type { LogRecordExporter } from '@opentelemetry/sdk-logs';
import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { SpanExporter } from '@opentelemetry/sdk-trace-node';

/** Creates one set of exporters per provider generation (each provider owns and shuts down its own). */
export interface ExporterFactory {
  spans(): SpanExporter;
  metrics(): PushMetricExporter;
  logs(): LogRecordExporter;
}

/** OTLP http/protobuf exporters posting to `<base>/v1/traces|metrics|logs`. */
export function otlpProtoExporters(baseUrl: string): ExporterFactory {
  const base = baseUrl.replace(/\/+$/, '');
  const common = { timeoutMillis: 10_000 };
  return {
    spans: () => new OTLPTraceExporter({ ...common, url: `${base}/v1/traces` }),
    metrics: () => new OTLPMetricExporter({ ...common, url: `${base}/v1/metrics` }),
    logs: () => new OTLPLogExporter({ ...common, url: `${base}/v1/logs` }),
  };
}
