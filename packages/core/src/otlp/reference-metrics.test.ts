import { ValueType } from '@opentelemetry/api';
import { JsonMetricsSerializer, ProtobufMetricsSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AggregationType, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import type { Metric, MetricData } from '../model/metric.js';
import { decodeMetricsJson } from './metrics-json-decode.js';
import { decodeMetrics } from './metrics-proto-decode.js';

/** A pull reader: the test calls collect() itself. */
class CollectingReader extends MetricReader {
  protected override async onShutdown(): Promise<void> {}
  protected override async onForceFlush(): Promise<void> {}
}

/** Real metrics from the OpenTelemetry JS SDK, serialized by the official OTLP serializers. */
async function officialPayloads() {
  const reader = new CollectingReader();
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ 'service.name': 'gateway' }),
    readers: [reader],
    views: [{ instrumentName: 'payload.size', aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM } }],
  });
  const meter = provider.getMeter('gateway-meter', '1.0.0');
  const requests = meter.createCounter('http.requests', { valueType: ValueType.INT, unit: '{request}' });
  requests.add(5, { route: '/a' });
  requests.add(3, { route: '/a' });
  requests.add(1, { route: '/b' });
  meter.createUpDownCounter('queue.depth', { valueType: ValueType.INT }).add(-4);
  const latency = meter.createHistogram('http.latency', {
    unit: 'ms',
    description: 'request latency',
    advice: { explicitBucketBoundaries: [10, 100] },
  });
  for (const v of [5, 50, 500]) latency.record(v, { route: '/a' });
  meter.createGauge('cpu.temp').record(42.5);
  const size = meter.createHistogram('payload.size');
  for (const v of [1, 2, 4, 4, 1024]) size.record(v);
  const { resourceMetrics } = await reader.collect();
  return {
    sdk: resourceMetrics,
    proto: ProtobufMetricsSerializer.serializeRequest(resourceMetrics)!,
    json: new TextDecoder().decode(JsonMetricsSerializer.serializeRequest(resourceMetrics)!),
  };
}

const { sdk, proto, json } = await officialPayloads();
const decoded = decodeMetrics(proto);
const metrics = decoded.resourceMetrics[0]!.scopeMetrics[0]!.metrics;

function metric(name: string): Metric {
  const m = metrics.find((x) => x.name === name);
  if (m === undefined) throw new Error(`metric ${name} missing`);
  return m;
}
function data<T extends MetricData['type']>(name: string, type: T): Extract<MetricData, { type: T }> {
  const d = metric(name).data;
  if (d?.type !== type) throw new Error(`${name} is ${d?.type}, expected ${type}`);
  return d as Extract<MetricData, { type: T }>;
}
const ns = (t: [number, number]) => BigInt(t[0]) * 1_000_000_000n + BigInt(t[1]);

describe('decoding metrics serialized by @opentelemetry/otlp-transformer', () => {
  it('recovers resource, scope and all five instruments', () => {
    expect(decoded.resourceMetrics[0]!.resource.attributes['service.name']).toBe('gateway');
    expect(decoded.resourceMetrics[0]!.scopeMetrics[0]!.scope).toMatchObject({
      name: 'gateway-meter',
      version: '1.0.0',
    });
    expect(metrics.map((m) => m.name).sort()).toEqual([
      'cpu.temp',
      'http.latency',
      'http.requests',
      'payload.size',
      'queue.depth',
    ]);
  });

  it('recovers a monotonic cumulative int counter per attribute set, with exact timestamps', () => {
    const sum = data('http.requests', 'sum');
    expect(metric('http.requests').unit).toBe('{request}');
    expect(sum.isMonotonic).toBe(true);
    expect(sum.aggregationTemporality).toBe(2);
    const byRoute = Object.fromEntries(sum.dataPoints.map((p) => [p.attributes.route, p.value]));
    expect(byRoute).toEqual({ '/a': 8n, '/b': 1n });
    const sdkPoint = sdk.scopeMetrics[0]!.metrics.find((m) => m.descriptor.name === 'http.requests')!
      .dataPoints[0]!;
    expect(sum.dataPoints[0]!.startTimeUnixNano).toBe(ns(sdkPoint.startTime));
    expect(sum.dataPoints[0]!.timeUnixNano).toBe(ns(sdkPoint.endTime));
  });

  it('recovers a non-monotonic up-down counter and a double gauge', () => {
    const udc = data('queue.depth', 'sum');
    expect(udc.isMonotonic).toBe(false);
    expect(udc.dataPoints[0]!.value).toBe(-4n);
    expect(data('cpu.temp', 'gauge').dataPoints[0]!.value).toBe(42.5);
  });

  it('recovers histogram buckets, bounds, count, sum, min and max', () => {
    const h = data('http.latency', 'histogram');
    expect(metric('http.latency').description).toBe('request latency');
    expect(h.aggregationTemporality).toBe(2);
    expect(h.dataPoints[0]).toMatchObject({
      attributes: { route: '/a' },
      count: 3n,
      sum: 555,
      min: 5,
      max: 500,
      bucketCounts: [1n, 1n, 1n],
      explicitBounds: [10, 100],
    });
  });

  it('recovers an exponential histogram with scale and positive buckets', () => {
    const p = data('payload.size', 'exponentialHistogram').dataPoints[0]!;
    const sdkPoint = sdk.scopeMetrics[0]!.metrics.find((m) => m.descriptor.name === 'payload.size')!
      .dataPoints[0]!;
    const v = sdkPoint.value as { scale: number; positive: { offset: number; bucketCounts: number[] } };
    expect(p.count).toBe(5n);
    expect(p.sum).toBe(1035);
    expect(p.min).toBe(1);
    expect(p.max).toBe(1024);
    expect(p.scale).toBe(v.scale);
    expect(p.positive).toEqual({
      offset: v.positive.offset,
      bucketCounts: v.positive.bucketCounts.map(BigInt),
    });
    expect(p.positive.bucketCounts.reduce((a, b) => a + b, 0n)).toBe(5n);
  });

  it('decodes the official JSON serialization to the same model as the protobuf one', () => {
    expect(decodeMetricsJson(json)).toStrictEqual(decoded);
  });
});
