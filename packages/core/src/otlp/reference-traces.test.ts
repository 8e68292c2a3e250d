import { SpanKind as ApiSpanKind, context, SpanStatusCode, trace } from '@opentelemetry/api';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import type { Span } from '../model/span.js';
import { decodeTracesJson } from './traces-json.js';
import { decodeTraces } from './traces-proto-decode.js';

/** Real spans from the OpenTelemetry JS SDK, serialized by the official OTLP serializers. */
function officialPayloads() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': 'checkout',
      'service.instance.id': 'i-1',
      'host.cpus': 8,
    }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('checkout-lib', '2.1.0');
  const linked = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1 };
  const root = tracer.startSpan('GET /cart', {
    kind: ApiSpanKind.SERVER,
    startTime: [1_700_000_000, 123_456_789],
    attributes: {
      'http.method': 'GET',
      'http.status_code': 200,
      'neg.int': -42,
      'big.int': 2 ** 60,
      ratio: 0.25,
      cached: false,
      empty: '',
      tags: ['a', 'b'],
      nums: [1, 2.5],
      flags: [true, false],
    },
    links: [{ context: linked, attributes: { 'link.kind': 'follows' } }],
  });
  root.addEvent('cache.miss', { key: 'cart:7', attempt: 3 }, [1_700_000_000, 500_000_001]);
  root.addEvent('retry', undefined, [1_700_000_000, 900_000_000]);
  root.setStatus({ code: SpanStatusCode.ERROR, message: 'db timeout' });
  const child = tracer.startSpan(
    'SELECT carts',
    { kind: ApiSpanKind.CLIENT, startTime: [1_700_000_000, 200_000_000] },
    trace.setSpan(context.active(), root),
  );
  child.end([1_700_000_000, 300_000_007]);
  root.end([1_700_000_001, 987_654_321]);
  const spans = exporter.getFinishedSpans();
  return {
    proto: ProtobufTraceSerializer.serializeRequest(spans)!,
    json: new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans)!),
    rootCtx: root.spanContext(),
  };
}

describe('decoding spans serialized by @opentelemetry/otlp-transformer', () => {
  const { proto, json, rootCtx } = officialPayloads();
  const decoded = decodeTraces(proto);

  function span(name: string): Span {
    const s = decoded.resourceSpans[0]?.scopeSpans[0]?.spans.find((x) => x.name === name);
    if (s === undefined) throw new Error(`span ${name} missing`);
    return s;
  }

  it('recovers resource and scope', () => {
    const rs = decoded.resourceSpans[0]!;
    expect(rs.resource.attributes['service.name']).toBe('checkout');
    expect(rs.resource.attributes['service.instance.id']).toBe('i-1');
    expect(rs.resource.attributes['host.cpus']).toBe(8n);
    expect(rs.scopeSpans[0]?.scope).toMatchObject({ name: 'checkout-lib', version: '2.1.0' });
    expect(rs.scopeSpans[0]?.spans).toHaveLength(2);
  });

  it('recovers ids, parent, kind, flags and exact nanosecond timestamps', () => {
    const root = span('GET /cart');
    const child = span('SELECT carts');
    expect(root.traceId).toBe(rootCtx.traceId);
    expect(root.spanId).toBe(rootCtx.spanId);
    expect(root.parentSpanId).toBe('');
    expect(child.traceId).toBe(rootCtx.traceId);
    expect(child.parentSpanId).toBe(rootCtx.spanId);
    expect(root.kind).toBe(2);
    expect(child.kind).toBe(3);
    expect(root.flags).toBe(0x100 | 1);
    expect(root.startTimeUnixNano).toBe(1_700_000_000_123_456_789n);
    expect(root.endTimeUnixNano).toBe(1_700_000_001_987_654_321n);
    expect(child.endTimeUnixNano).toBe(1_700_000_000_300_000_007n);
  });

  it('recovers typed attributes (int vs double, arrays, empty string)', () => {
    expect(span('GET /cart').attributes).toStrictEqual({
      'http.method': 'GET',
      'http.status_code': 200n,
      'neg.int': -42n,
      'big.int': 2n ** 60n,
      ratio: 0.25,
      cached: false,
      empty: '',
      tags: ['a', 'b'],
      nums: [1n, 2.5],
      flags: [true, false],
    });
  });

  it('recovers events, links and status', () => {
    const root = span('GET /cart');
    expect(root.events).toStrictEqual([
      {
        timeUnixNano: 1_700_000_000_500_000_001n,
        name: 'cache.miss',
        attributes: { key: 'cart:7', attempt: 3n },
        droppedAttributesCount: 0,
      },
      { timeUnixNano: 1_700_000_000_900_000_000n, name: 'retry', attributes: {}, droppedAttributesCount: 0 },
    ]);
    expect(root.links).toStrictEqual([
      {
        traceId: '0af7651916cd43dd8448eb211c80319c',
        spanId: 'b7ad6b7169203331',
        traceState: '',
        attributes: { 'link.kind': 'follows' },
        droppedAttributesCount: 0,
        flags: 0x100 | 1,
      },
    ]);
    expect(root.status).toStrictEqual({ code: 2, message: 'db timeout' });
  });

  it('decodes the official JSON serialization to the same model as the protobuf one', () => {
    expect(decodeTracesJson(json)).toStrictEqual(decoded);
  });
});
