import {
  context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  TraceFlags,
  trace,
} from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import {
  CORRELATION_ID_KEY,
  CorrelationIdPropagator,
  getCorrelationId,
  setCorrelationId,
} from './correlation-id.js';
import { buildPropagator } from './propagators.js';

const SPAN = {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  traceFlags: TraceFlags.SAMPLED,
};

function inject(names: string[]): Record<string, string> {
  const { propagator } = buildPropagator(names, []);
  const carrier: Record<string, string> = {};
  propagator.inject(trace.setSpanContext(ROOT_CONTEXT, SPAN), carrier, defaultTextMapSetter);
  return carrier;
}

describe('buildPropagator', () => {
  it('defaults to W3C tracecontext and baggage', () => {
    const { names } = buildPropagator(undefined, []);
    expect(names).toEqual(['tracecontext', 'baggage']);
    expect(inject([]).traceparent).toBe(`00-${SPAN.traceId}-${SPAN.spanId}-01`);
  });

  it('writes a single b3 header for b3 and multiple headers for b3multi', () => {
    expect(inject(['b3']).b3).toBe(`${SPAN.traceId}-${SPAN.spanId}-1`);
    const multi = inject(['b3multi']);
    expect(multi['x-b3-traceid']).toBe(SPAN.traceId);
    expect(multi['x-b3-spanid']).toBe(SPAN.spanId);
    expect(multi['x-b3-sampled']).toBe('1');
  });

  it('writes jaeger and AWS X-Ray headers', () => {
    expect(inject(['jaeger'])['uber-trace-id']).toBe(`${SPAN.traceId}:${SPAN.spanId}:0:01`);
    expect(inject(['xray'])['x-amzn-trace-id']).toBe(
      'Root=1-0af76519-16cd43dd8448eb211c80319c;Parent=b7ad6b7169203331;Sampled=1',
    );
  });

  it('extracts a parent from any configured format', () => {
    const { propagator } = buildPropagator(['tracecontext', 'b3'], []);
    const ctx = propagator.extract(
      ROOT_CONTEXT,
      { b3: `${SPAN.traceId}-${SPAN.spanId}-1` },
      defaultTextMapGetter,
    );
    expect(trace.getSpanContext(ctx)?.traceId).toBe(SPAN.traceId);
  });

  it('reports an unknown name with a suggestion and keeps the others', () => {
    const problems: string[] = [];
    const { names } = buildPropagator(['tracecontext', 'b3mult'], problems);
    expect(names).toEqual(['tracecontext']);
    expect(problems[0]).toContain("did you mean 'b3multi'");
  });

  it('injects nothing for none', () => {
    expect(inject(['none'])).toEqual({});
  });
});

describe('correlation id', () => {
  it('reads the id from the configured header and writes it on outgoing calls', () => {
    const p = new CorrelationIdPropagator('x-request-id');
    const ctx = p.extract(ROOT_CONTEXT, { 'x-request-id': 'req-42' }, defaultTextMapGetter);
    expect(getCorrelationId(ctx)).toBe('req-42');
    const out: Record<string, string> = {};
    p.inject(ctx, out, defaultTextMapSetter);
    expect(out).toEqual({ 'x-request-id': 'req-42' });
  });

  it('creates an id when the header is absent', () => {
    const ctx = new CorrelationIdPropagator().extract(ROOT_CONTEXT, {}, defaultTextMapGetter);
    expect(getCorrelationId(ctx)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('also travels in the baggage header when baggage propagation is on, next to the other entries', () => {
    const { propagator } = buildPropagator(['tracecontext', 'baggage'], []);
    const incoming = propagator.extract(ROOT_CONTEXT, { baggage: 'tenant=acme' }, defaultTextMapGetter);
    const id = getCorrelationId(incoming)!;
    const out: Record<string, string> = {};
    propagator.inject(incoming, out, defaultTextMapSetter);
    expect(out['x-correlation-id']).toBe(id);
    expect(out.baggage!.split(',').sort()).toEqual([`correlation.id=${id}`, 'tenant=acme']);
    // Downstream, an id that arrives only in baggage is kept rather than replaced.
    const downstream = propagator.extract(ROOT_CONTEXT, { baggage: out.baggage! }, defaultTextMapGetter);
    expect(getCorrelationId(downstream)).toBe(id);
  });

  it('is part of the built propagator', () => {
    const { propagator } = buildPropagator(['tracecontext'], [], 'x-corr');
    const out: Record<string, string> = {};
    propagator.inject(setCorrelationId(context.active(), 'c-1'), out, defaultTextMapSetter);
    expect(out['x-corr']).toBe('c-1');
    expect(CORRELATION_ID_KEY).toBe('correlation.id');
  });
});
