import { describe, expect, it } from 'vitest';
import { spanBatch } from '../testing/spans.js';
import { toHrTime, toOtelAttributes } from './otel-common.js';
import { toReadableSpans } from './otel-spans.js';

describe('toHrTime', () => {
  it('splits nanoseconds exactly, beyond what a double holds', () => {
    expect(toHrTime(1_700_000_000_123_456_789n)).toEqual([1_700_000_000, 123_456_789]);
    expect(toHrTime(0n)).toEqual([0, 0]);
  });
});

describe('toOtelAttributes', () => {
  it('keeps strings, doubles and bools; ints become numbers; arrays stay homogeneous; the rest is text', () => {
    expect(
      toOtelAttributes({
        s: 'x',
        d: 1.5,
        b: true,
        i: 42n,
        big: 9_007_199_254_740_993n,
        ints: [1n, 2n],
        mixed: ['a', 1n],
        bytes: new Uint8Array([1, 2]),
        map: { k: 'v' },
        none: null,
      }),
    ).toEqual({
      s: 'x',
      d: 1.5,
      b: true,
      i: 42,
      big: '9007199254740993',
      ints: [1, 2],
      mixed: '["a",1]',
      bytes: 'AQI=',
      map: '{"k":"v"}',
    });
  });
});

describe('toReadableSpans', () => {
  it('maps ids, parent, kind, status, times, events, links, resource and scope', () => {
    const batch = spanBatch(1, 2, 'checkout');
    if (batch.signal !== 'traces') throw new Error('traces');
    const [a, b] = batch.data.resourceSpans[0]!.scopeSpans[0]!.spans;
    b!.parentSpanId = a!.spanId;
    b!.kind = 3;
    b!.traceState = 'vendor=1';
    b!.status = { code: 2, message: 'declined' };
    b!.events.push({
      timeUnixNano: 1_700_000_000_000_002_000n,
      name: 'retry',
      attributes: { attempt: 2n },
      droppedAttributesCount: 0,
    });
    b!.links.push({
      traceId: 'f'.repeat(32),
      spanId: 'e'.repeat(16),
      traceState: '',
      attributes: { why: 'batch' },
      droppedAttributesCount: 1,
      flags: 1,
    });
    const [ra, rb] = toReadableSpans(batch.data);
    expect(ra!.spanContext()).toMatchObject({ traceId: a!.traceId, spanId: a!.spanId, traceFlags: 1 });
    expect(ra!.parentSpanContext).toBeUndefined();
    expect(ra!.kind).toBe(1); // OTLP SERVER (2) → API SpanKind.SERVER (1)
    expect(ra!.status).toEqual({ code: 0 });
    expect(ra!.startTime).toEqual([1_700_000_000, 1000]);
    expect(ra!.endTime).toEqual([1_700_000_000, 1500]);
    expect(ra!.duration).toEqual([0, 500]);
    expect(ra!.attributes).toEqual({ 'http.route': '/checkout', 'test.seq': 1 });
    expect(ra!.resource.attributes).toEqual({ 'service.name': 'checkout' });
    expect(ra!.instrumentationScope).toEqual({ name: 'test', version: '1' });
    expect(rb!.parentSpanContext?.spanId).toBe(a!.spanId);
    expect(rb!.kind).toBe(2); // CLIENT
    expect(rb!.spanContext().traceState?.get('vendor')).toBe('1');
    expect(rb!.status).toEqual({ code: 2, message: 'declined' });
    expect(rb!.events).toEqual([
      { time: [1_700_000_000, 2000], name: 'retry', attributes: { attempt: 2 }, droppedAttributesCount: 0 },
    ]);
    expect(rb!.links[0]).toMatchObject({
      context: { traceId: 'f'.repeat(32), spanId: 'e'.repeat(16), isRemote: true },
      attributes: { why: 'batch' },
      droppedAttributesCount: 1,
    });
  });
});
