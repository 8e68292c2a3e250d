import type { Span } from '@switchyard/core';
import { SpanKind, StatusCode } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { errorMessageOf, isErrorSpan, toAnalysisSpan, toAnalysisSpans } from './analysis-span.js';

const coreSpan: Span = {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  traceState: '',
  parentSpanId: '',
  flags: 1,
  name: 'GET /cart',
  kind: SpanKind.SERVER,
  startTimeUnixNano: 1_000n,
  endTimeUnixNano: 5_000n,
  attributes: { 'http.response.status_code': 500n },
  droppedAttributesCount: 0,
  events: [
    {
      timeUnixNano: 2_000n,
      name: 'exception',
      attributes: { 'exception.message': 'boom' },
      droppedAttributesCount: 0,
    },
  ],
  droppedEventsCount: 0,
  links: [],
  droppedLinksCount: 0,
  status: { code: StatusCode.ERROR, message: '' },
};

describe('toAnalysisSpan', () => {
  it('takes the service from the resource and keeps the other resource attributes', () => {
    const s = toAnalysisSpan({
      ...coreSpan,
      resource: { attributes: { 'service.name': 'cart', 'host.name': 'h1' }, droppedAttributesCount: 0 },
    });
    expect(s).toMatchObject({
      traceId: coreSpan.traceId,
      spanId: coreSpan.spanId,
      parentSpanId: '',
      name: 'GET /cart',
      service: 'cart',
      kind: SpanKind.SERVER,
      startTimeUnixNano: 1_000n,
      endTimeUnixNano: 5_000n,
      resourceAttributes: { 'host.name': 'h1' },
    });
    expect(s.attributes['http.response.status_code']).toBe(500n);
  });

  it('uses unknown_service for a span without resource', () => {
    expect(toAnalysisSpan(coreSpan).service).toBe('unknown_service');
  });
});

describe('errorMessageOf', () => {
  it('falls back from the status message to the exception event', () => {
    const s = toAnalysisSpan(coreSpan);
    expect(isErrorSpan(s)).toBe(true);
    expect(errorMessageOf(s)).toBe('boom');
    expect(errorMessageOf({ ...s, status: { code: 2, message: 'declined' } })).toBe('declined');
  });

  it('falls back to exception.message or error.message attributes', () => {
    const s = { ...toAnalysisSpan(coreSpan), events: [], attributes: { 'error.message': 'bad input' } };
    expect(errorMessageOf(s)).toBe('bad input');
  });
});

describe('toAnalysisSpans', () => {
  it('converts core spans and passes analysis spans through', () => {
    const analysis = toAnalysisSpan(coreSpan);
    const [converted, passed] = toAnalysisSpans([coreSpan, analysis]);
    expect(converted).toEqual(analysis);
    expect(passed).toBe(analysis);
  });
});
