/**
 * End to end: the hub runs as its own process; the official OpenTelemetry JS SDK sends traces over
 * http/protobuf, http/json and gRPC, plus logs and metrics, and everything is read back through the API
 * with ids, parent links, typed attributes, events, status, resource and exact timestamps intact.
 */
import { SeverityNumber } from '@opentelemetry/api-logs';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { OTLPTraceExporter as GrpcTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { eventually, getJson, useHubProcess } from '../helpers/hub-process.js';

const hub = useHubProcess();

// 2023-11-14T22:13:20.123456789Z — a timestamp whose nanoseconds do not survive a float.
const START: [number, number] = [1_700_000_000, 123_456_789];
const END: [number, number] = [1_700_000_000, 987_654_321];

async function sendTrace(
  exporter: SpanExporter,
  service: string,
): Promise<{ traceId: string; rootId: string; childId: string }> {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service, 'deployment.environment.name': 'test' }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('e2e-scope', '1.2.3');
  const root = tracer.startSpan('GET /checkout', { kind: 1, startTime: START });
  const { trace, context } = await import('@opentelemetry/api');
  const child = tracer.startSpan(
    'SELECT orders',
    {
      kind: 2,
      startTime: [START[0], START[1] + 1000],
      attributes: {
        'str.attr': 'hello',
        'int.attr': 42,
        'double.attr': 3.25,
        'bool.attr': true,
        'arr.attr': ['a', 'b'],
        'int.arr': [1, 2, 3],
      },
      links: [{ context: root.spanContext(), attributes: { 'link.kind': 'follows' } }],
    },
    trace.setSpan(context.active(), root),
  );
  child.addEvent('cache.miss', { 'cache.key': 'user:7' }, [START[0], START[1] + 5000]);
  child.setStatus({ code: 2, message: 'deadlock detected' });
  child.end([END[0], END[1] - 1000]);
  root.end(END);
  await provider.forceFlush();
  await provider.shutdown();
  return {
    traceId: root.spanContext().traceId,
    rootId: root.spanContext().spanId,
    childId: child.spanContext().spanId,
  };
}

async function checkTrace(
  ids: { traceId: string; rootId: string; childId: string },
  service: string,
): Promise<void> {
  const { body } = await eventually(async () => {
    const r = await getJson(`${hub().api}/api/traces/${ids.traceId}`);
    return r.status === 200 && r.body.spans.length === 2 ? r : undefined;
  });
  expect(body.traceId).toBe(ids.traceId);
  const root = body.spans.find((s: any) => s.spanId === ids.rootId);
  const child = body.spans.find((s: any) => s.spanId === ids.childId);
  expect(root.parentSpanId).toBe('');
  expect(root.startTimeUnixNano).toBe('1700000000123456789');
  expect(root.endTimeUnixNano).toBe('1700000000987654321');
  expect(root.kind).toBe(2); // JS SpanKind.SERVER (1) is OTLP SPAN_KIND_SERVER (2)
  expect(child.kind).toBe(3);
  expect(child.parentSpanId).toBe(ids.rootId);
  expect(child.name).toBe('SELECT orders');
  expect(child.attributes).toEqual({
    'str.attr': 'hello',
    'int.attr': 42,
    'double.attr': 3.25,
    'bool.attr': true,
    'arr.attr': ['a', 'b'],
    'int.arr': [1, 2, 3],
  });
  expect(child.events).toEqual([
    { name: 'cache.miss', timeUnixNano: '1700000000123461789', attributes: { 'cache.key': 'user:7' } },
  ]);
  expect(child.links[0].spanId).toBe(ids.rootId);
  expect(child.links[0].attributes).toEqual({ 'link.kind': 'follows' });
  expect(child.status).toEqual({ code: 2, message: 'deadlock detected' });
  expect(child.resource.attributes['service.name']).toBe(service);
  expect(child.scope).toEqual({ name: 'e2e-scope', version: '1.2.3' });
}

describe('hub end to end with the OpenTelemetry JS SDK', () => {
  it('receives traces over http/protobuf and returns them intact', async () => {
    const ids = await sendTrace(new ProtoTraceExporter({ url: `${hub().otlpHttp}/v1/traces` }), 'svc-proto');
    await checkTrace(ids, 'svc-proto');
  });

  it('receives traces over http/json and returns them intact', async () => {
    const ids = await sendTrace(new JsonTraceExporter({ url: `${hub().otlpHttp}/v1/traces` }), 'svc-json');
    await checkTrace(ids, 'svc-json');
  });

  it('receives traces over gRPC and returns them intact', async () => {
    const ids = await sendTrace(new GrpcTraceExporter({ url: hub().otlpGrpc }), 'svc-grpc');
    await checkTrace(ids, 'svc-grpc');
  });

  it('lists services with span and error counts, and finds error traces', async () => {
    const { body } = await eventually(async () => {
      const r = await getJson(`${hub().api}/api/services`);
      return r.body.services.length >= 3 ? r : undefined;
    });
    const proto = body.services.find((s: any) => s.name === 'svc-proto');
    expect(proto.spanCount).toBe(2);
    expect(proto.errorCount).toBe(1);
    const errors = await getJson(`${hub().api}/api/traces?service=svc-grpc&status=error&start=0`);
    expect(errors.body.traces).toHaveLength(1);
    expect(errors.body.traces[0].rootName).toBe('GET /checkout');
  });

  it('receives logs and filters them by minimum severity and text', async () => {
    const provider = new LoggerProvider({
      resource: resourceFromAttributes({ 'service.name': 'log-svc' }),
      processors: [
        new BatchLogRecordProcessor({ exporter: new OTLPLogExporter({ url: `${hub().otlpHttp}/v1/logs` }) }),
      ],
    });
    const logger = provider.getLogger('e2e');
    logger.emit({
      severityNumber: SeverityNumber.INFO,
      severityText: 'INFO',
      body: 'user 7 logged in',
      timestamp: START,
    });
    logger.emit({
      severityNumber: SeverityNumber.ERROR,
      severityText: 'ERROR',
      body: 'payment declined for order 99',
      attributes: { 'order.id': 99 },
      timestamp: END,
    });
    await provider.forceFlush();
    await provider.shutdown();
    const { body } = await eventually(async () => {
      const r = await getJson(`${hub().api}/api/logs?service=log-svc&severity=warn&start=0`);
      return r.body.logs.length > 0 ? r : undefined;
    });
    expect(body.logs).toHaveLength(1);
    expect(body.logs[0]).toMatchObject({
      severityNumber: 17,
      severityText: 'ERROR',
      body: 'payment declined for order 99',
      attributes: { 'order.id': 99 },
      timeUnixNano: '1700000000987654321',
    });
    const text = await getJson(`${hub().api}/api/logs?service=log-svc&q=LOGGED%20IN&start=0`);
    expect(text.body.logs.map((l: any) => l.body)).toEqual(['user 7 logged in']);
  });

  it('receives metrics and reports a cumulative counter value', async () => {
    const reader = new PeriodicExportingMetricReader({
      exporter: new OTLPMetricExporter({ url: `${hub().otlpHttp}/v1/metrics` }),
      exportIntervalMillis: 60_000,
    });
    const provider = new MeterProvider({
      resource: resourceFromAttributes({ 'service.name': 'metric-svc' }),
      readers: [reader],
    });
    const counter = provider.getMeter('e2e').createCounter('orders_processed');
    counter.add(5, { region: 'eu' });
    counter.add(7, { region: 'eu' });
    await provider.forceFlush();
    await provider.shutdown();
    const { body } = await eventually(async () => {
      const r = await getJson(
        `${hub().api}/api/metrics?name=orders_processed&service=metric-svc&start=now-1h`,
      );
      return r.body.series?.length > 0 ? r : undefined;
    });
    expect(body.series[0].labels).toMatchObject({ service: 'metric-svc', region: 'eu' });
    expect(body.series[0].points.at(-1)[1]).toBe(12);
    const names = await getJson(`${hub().api}/api/metrics/names`);
    expect(names.body.metrics.map((m: any) => m.name)).toContain('orders_processed');
  });
});
