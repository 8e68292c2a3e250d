import { type Attributes, context, type HrTime, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { TraceState } from '@opentelemetry/core';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { type Resource, resourceFromAttributes } from '@opentelemetry/resources';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { decodeTraces } from '@switchyard/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { installInMemoryTelemetry } from '../test-support/in-memory-telemetry.js';
import { encodeTraceRequest } from './otlp-trace-encoder.js';

const official = (spans: ReadableSpan[]) => Buffer.from(ProtobufTraceSerializer.serializeRequest(spans)!);
const ours = (spans: ReadableSpan[]) => Buffer.from(encodeTraceRequest(spans));

// Small alphabets so that keys and values repeat across spans and runs: the attribute cache gets hits.
const key = fc.constantFrom('http.method', 'http.status_code', 'k', 'correlation.id', 'ключ', 'a.b.c', 'x');
const text = fc.oneof(
  fc.constantFrom('GET', 'POST', '', '200', 'true', 'ü', '日本', '\ud800', 'x'.repeat(64)),
  fc.string({ maxLength: 80, unit: 'binary' }),
  fc.string({ minLength: 100, maxLength: 300 }),
);
const num = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, -0, 1, -1, 200, 2 ** 32, 2 ** 53, -(2 ** 53), 2 ** 63, -(2 ** 63), 2 ** 62 + 2 ** 40),
  fc.double(),
);
const scalar = fc.oneof(text, num, fc.boolean());
const value = fc.oneof(
  { weight: 5, arbitrary: scalar },
  {
    weight: 1,
    arbitrary: fc.array(fc.oneof(scalar, fc.constant(null), fc.constant(undefined)), { maxLength: 4 }),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.dictionary(key, scalar, { maxKeys: 3 }) },
);
const attributes = fc.dictionary(fc.oneof(key, fc.string({ maxLength: 12 })), value, {
  maxKeys: 14,
}) as fc.Arbitrary<Attributes>;
const hex = (bytes: number) =>
  fc.uint8Array({ minLength: bytes, maxLength: bytes }).chain((b) =>
    fc.boolean().map((upper) => {
      const s = Buffer.from(b).toString('hex');
      return upper ? s.toUpperCase() : s;
    }),
  );
const hrTime: fc.Arbitrary<HrTime> = fc.tuple(
  fc.oneof(fc.integer({ min: 0, max: 2 ** 32 }), fc.constant(1_763_700_000)),
  fc.integer({ min: 0, max: 999_999_999 }),
);
const traceState = fc.option(fc.constantFrom('vendor=a', 'a=1,b=2', 'congo=t61rcWkgMzE'), { nil: undefined });
const spanContext = fc.record({
  traceId: hex(16),
  spanId: hex(8),
  traceFlags: fc.integer({ min: 0, max: 255 }),
  isRemote: fc.option(fc.boolean(), { nil: undefined }),
  traceState: traceState.map((s) => (s ? new TraceState(s) : undefined)),
});
const event = fc.record(
  { time: hrTime, name: text, attributes: attributes, droppedAttributesCount: fc.nat(5) },
  { requiredKeys: ['time', 'name'] },
);
const link = fc.record(
  { context: spanContext, attributes, droppedAttributesCount: fc.nat(3) },
  { requiredKeys: ['context'] },
);
const resources: Resource[] = [
  resourceFromAttributes({ 'service.name': 'checkout', 'host.name': 'h1', 'process.pid': 42 }),
  resourceFromAttributes({ 'service.name': 'other', list: ['a', 'b'], ratio: 0.5 }),
];
const scopes = [
  { name: '@opentelemetry/instrumentation-http', version: '0.223.0' },
  { name: 'app', schemaUrl: 'https://opentelemetry.io/schemas/1.30.0' },
  { name: '' },
];
const span: fc.Arbitrary<ReadableSpan> = fc
  .record({
    ctx: spanContext,
    parent: fc.option(spanContext, { nil: undefined }),
    name: text,
    kind: fc.constantFrom(
      SpanKind.INTERNAL,
      SpanKind.SERVER,
      SpanKind.CLIENT,
      SpanKind.PRODUCER,
      SpanKind.CONSUMER,
    ),
    startTime: hrTime,
    endTime: hrTime,
    status: fc.record(
      { code: fc.constantFrom(SpanStatusCode.UNSET, SpanStatusCode.OK, SpanStatusCode.ERROR), message: text },
      { requiredKeys: ['code'] },
    ),
    attributes,
    links: fc.array(link, { maxLength: 3 }),
    events: fc.array(event, { maxLength: 3 }),
    resource: fc.constantFrom(...resources),
    scope: fc.constantFrom(...scopes),
    droppedAttributesCount: fc.nat(1000),
    droppedEventsCount: fc.nat(200),
    droppedLinksCount: fc.nat(3),
  })
  .map((s) => ({
    name: s.name,
    kind: s.kind,
    spanContext: () => s.ctx,
    parentSpanContext: s.parent,
    startTime: s.startTime,
    endTime: s.endTime,
    status: s.status,
    attributes: s.attributes,
    links: s.links,
    events: s.events,
    duration: [0, 0],
    ended: true,
    resource: s.resource,
    instrumentationScope: s.scope,
    droppedAttributesCount: s.droppedAttributesCount,
    droppedEventsCount: s.droppedEventsCount,
    droppedLinksCount: s.droppedLinksCount,
  }));

describe('encodeTraceRequest', () => {
  it('produces the same bytes as OpenTelemetry’s ProtobufTraceSerializer for varied batches', () => {
    fc.assert(
      fc.property(fc.array(span, { maxLength: 12 }), (spans) => {
        expect(ours(spans).equals(official(spans))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('produces the same bytes for spans recorded by the SDK (events, exceptions, links, child spans)', async () => {
    const telemetry = installInMemoryTelemetry();
    try {
      const tracer = trace.getTracer('checkout', '1.2.3');
      const root = tracer.startSpan('GET /orders', {
        kind: SpanKind.SERVER,
        attributes: { 'http.method': 'GET' },
      });
      root.addEvent('cache miss', { key: 'order:42', size: 3 });
      root.recordException(new Error('boom'));
      root.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
      const child = tracer.startSpan(
        'SELECT orders',
        {
          kind: SpanKind.CLIENT,
          links: [{ context: root.spanContext(), attributes: { why: 'follows' } }],
        },
        trace.setSpan(context.active(), root),
      );
      child.end();
      root.end();
      const spans = telemetry.spans();
      expect(spans).toHaveLength(2);
      expect(ours(spans).equals(official(spans))).toBe(true);
    } finally {
      await telemetry.shutdown();
    }
  });

  it('encodes large batches, long strings and big spans (multi-byte lengths) like the official serializer', () => {
    const [base] = fc.sample(span, { numRuns: 1, seed: 7 });
    const big: ReadableSpan = {
      ...base!,
      attributes: { blob: 'é'.repeat(20_000), list: Array.from({ length: 300 }, (_, i) => `item-${i}`) },
    };
    const spans = Array.from({ length: 400 }, (_, i) => (i % 50 === 0 ? big : { ...base!, name: `op-${i}` }));
    const bytes = ours(spans);
    expect(bytes.length).toBeGreaterThan(300_000);
    expect(bytes.equals(official(spans))).toBe(true);
    // The scratch buffer is reused: a small batch after the big one is still right.
    expect(ours([base!]).equals(official([base!]))).toBe(true);
  });

  it('is read back by the hub’s decoder with ids, times, attributes and events intact', () => {
    const [s] = fc.sample(span, { numRuns: 1, seed: 3 });
    const sample: ReadableSpan = {
      ...s!,
      spanContext: () => ({
        traceId: '0af7651916cd43dd8448eb211c80319c',
        spanId: 'b7ad6b7169203331',
        traceFlags: 1,
      }),
      startTime: [1_763_700_000, 123_456_789],
      attributes: { 'http.request.method': 'GET', 'http.response.status_code': 200, ok: true, ratio: 0.25 },
      events: [{ time: [1_763_700_000, 5], name: 'retry', attributes: { attempt: 2 } }],
    };
    const decoded = decodeTraces(encodeTraceRequest([sample]));
    const got = decoded.resourceSpans[0]!.scopeSpans[0]!.spans[0]!;
    expect(got.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(got.spanId).toBe('b7ad6b7169203331');
    expect(got.startTimeUnixNano).toBe(1_763_700_000_123_456_789n);
    expect(got.attributes).toMatchObject({
      'http.request.method': 'GET',
      'http.response.status_code': 200n,
      ok: true,
      ratio: 0.25,
    });
    expect(got.events[0]).toMatchObject({
      name: 'retry',
      timeUnixNano: 1_763_700_000_000_000_005n,
      attributes: { attempt: 2n },
    });
  });
});
