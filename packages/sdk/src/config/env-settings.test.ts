import { describe, expect, it } from 'vitest';
import { readEnvSettings } from './env-settings.js';

describe('readEnvSettings', () => {
  it('appends the signal path to the generic endpoint and uses signal endpoints as given', () => {
    const s = readEnvSettings({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/',
      OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'http://logs:9999/custom',
    });
    expect(s.otlp.traces.url).toBe('http://collector:4318/v1/traces');
    expect(s.otlp.metrics.url).toBe('http://collector:4318/v1/metrics');
    expect(s.otlp.logs.url).toBe('http://logs:9999/custom');
  });

  it('keeps the generic endpoint unchanged for grpc', () => {
    const s = readEnvSettings({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4317',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
    });
    expect(s.otlp.traces).toMatchObject({ url: 'http://c:4317', protocol: 'grpc' });
  });

  it('merges generic and signal headers, the signal-specific value winning', () => {
    const s = readEnvSettings({
      OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20a,x-team=core',
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'authorization=Bearer%20t',
    });
    expect(s.otlp.traces.headers).toEqual({ authorization: 'Bearer t', 'x-team': 'core' });
    expect(s.otlp.metrics.headers).toEqual({ authorization: 'Bearer a', 'x-team': 'core' });
  });

  it('reads per-signal protocol, compression and timeout over the generic ones', () => {
    const s = readEnvSettings({
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'http/protobuf',
      OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip',
      OTEL_EXPORTER_OTLP_TIMEOUT: '5000',
      OTEL_EXPORTER_OTLP_LOGS_TIMEOUT: '700',
    });
    expect(s.otlp.traces).toMatchObject({ protocol: 'http/json', compression: 'gzip', timeoutMillis: 5000 });
    expect(s.otlp.metrics.protocol).toBe('http/protobuf');
    expect(s.otlp.logs.timeoutMillis).toBe(700);
  });

  it('reports malformed values instead of throwing', () => {
    const s = readEnvSettings({
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/xml',
      OTEL_BSP_MAX_QUEUE_SIZE: 'lots',
      OTEL_EXPORTER_OTLP_HEADERS: 'novalue',
      OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'sometimes',
    });
    expect(s.otlp.traces.protocol).toBeUndefined();
    expect(s.spanBatch.maxQueueSize).toBeUndefined();
    expect(s.problems.join('\n')).toMatch(/http\/xml/);
    expect(s.problems.join('\n')).toMatch(/OTEL_BSP_MAX_QUEUE_SIZE='lots'/);
    expect(s.problems.join('\n')).toMatch(/OTEL_EXPORTER_OTLP_HEADERS/);
    expect(s.problems.join('\n')).toMatch(/sometimes/);
  });

  it('reads sampler, propagators, exporters, resource, interval, temporality and batch settings', () => {
    const s = readEnvSettings({
      OTEL_SERVICE_NAME: 'api',
      OTEL_RESOURCE_ATTRIBUTES: 'team=payments,deployment.environment.name=prod',
      OTEL_TRACES_SAMPLER: 'ParentBased_TraceIdRatio',
      OTEL_TRACES_SAMPLER_ARG: '0.25',
      OTEL_PROPAGATORS: 'tracecontext, baggage,B3',
      OTEL_TRACES_EXPORTER: 'otlp,console',
      OTEL_METRICS_EXPORTER: 'none',
      OTEL_METRIC_EXPORT_INTERVAL: '15000',
      OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'Delta',
      OTEL_BSP_SCHEDULE_DELAY: '200',
      OTEL_BLRP_MAX_EXPORT_BATCH_SIZE: '64',
      OTEL_SDK_DISABLED: 'TRUE',
    });
    expect(s.serviceName).toBe('api');
    expect(s.resourceAttributes).toEqual({ team: 'payments', 'deployment.environment.name': 'prod' });
    expect(s.sampler).toEqual({ name: 'parentbased_traceidratio', arg: '0.25' });
    expect(s.propagators).toEqual(['tracecontext', 'baggage', 'b3']);
    expect(s.exporters).toEqual({ traces: ['otlp', 'console'], metrics: ['none'] });
    expect(s.metricExportIntervalMillis).toBe(15000);
    expect(s.metricTemporality).toBe('delta');
    expect(s.spanBatch.scheduleDelayMillis).toBe(200);
    expect(s.logBatch.maxExportBatchSize).toBe(64);
    expect(s.disabled).toBe(true);
    expect(s.problems).toEqual([]);
  });
});
