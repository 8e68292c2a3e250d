import { ParameterError, SpanKind, StatusCode } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import type { AnalysisSpan } from './analysis-span.js';
import { analyzeTrace } from './analyze-trace.js';

const T0 = 1_700_000_000_000_000_000n;
const MS = 1_000_000;

/** A span from `startMs` to `endMs` after T0. */
function span(
  id: string,
  parent: string,
  startMs: number,
  endMs: number,
  extra: Partial<AnalysisSpan> = {},
): AnalysisSpan {
  return {
    traceId: 'trace-1',
    spanId: id,
    parentSpanId: parent,
    name: id,
    service: 'api',
    kind: SpanKind.INTERNAL,
    startTimeUnixNano: T0 + BigInt(startMs * MS),
    endTimeUnixNano: T0 + BigInt(endMs * MS),
    status: { code: StatusCode.UNSET, message: '' },
    attributes: {},
    ...extra,
  };
}

const pathOf = (spans: AnalysisSpan[], opts = {}) =>
  analyzeTrace(spans, opts).criticalPath.map((e) => [e.spanId, e.selfOnPathNs / MS]);

describe('analyzeTrace on a simple chain', () => {
  const spans = [span('a', '', 0, 100), span('b', 'a', 10, 90), span('c', 'b', 20, 80)];

  it('puts every span of the chain on the critical path with its own time', () => {
    expect(pathOf(spans)).toEqual([
      ['a', 20],
      ['b', 20],
      ['c', 60],
    ]);
  });

  it('names the deepest span as bottleneck with its share of the path', () => {
    const a = analyzeTrace(spans);
    expect(a.bottleneck).toMatchObject({
      spanId: 'c',
      share: 0.6,
      durationNs: 60 * MS,
      selfOnPathNs: 60 * MS,
    });
    expect(a.durationNs).toBe(100 * MS);
    expect(a.criticalPathNs).toBe(100 * MS);
    expect(a.rootSpanId).toBe('a');
    expect(a.startTimeUnixNano).toBe(T0);
  });

  it('computes self time as duration minus children', () => {
    const a = analyzeTrace(spans);
    expect(a.spans.map((s) => [s.spanId, s.depth, s.selfNs / MS])).toEqual([
      ['a', 0, 20],
      ['b', 1, 20],
      ['c', 2, 60],
    ]);
  });
});

describe('analyzeTrace with parallel children', () => {
  const spans = [
    span('root', '', 0, 100),
    span('x', 'root', 10, 90, { service: 'search' }),
    span('y', 'root', 20, 60, { service: 'search' }),
    span('z', 'root', 20, 30, { service: 'db' }),
  ];

  it('follows the child that finishes last and skips the shorter parallel ones', () => {
    expect(pathOf(spans)).toEqual([
      ['root', 20],
      ['x', 80],
    ]);
  });

  it('subtracts the union of overlapping children, not their sum, from self time', () => {
    const a = analyzeTrace(spans);
    expect(a.spans.find((s) => s.spanId === 'root')?.selfNs).toBe(20 * MS);
    expect(a.selfTimeByService).toEqual(
      [
        { service: 'search', selfNs: 120 * MS, share: 120 / 150, spanCount: 2 },
        { service: 'db', selfNs: 10 * MS, share: 10 / 150, spanCount: 1 },
        { service: 'api', selfNs: 20 * MS, share: 20 / 150, spanCount: 1 },
      ].sort((p, q) => q.selfNs - p.selfNs),
    );
  });

  it('aggregates self time per operation with counts and total durations', () => {
    const spansWithNames = [
      span('root', '', 0, 100),
      span('q1', 'root', 0, 10, { name: 'SELECT' }),
      span('q2', 'root', 10, 30, { name: 'SELECT' }),
    ];
    const op = analyzeTrace(spansWithNames).selfTimeByOperation.find((o) => o.name === 'SELECT');
    expect(op).toMatchObject({ service: 'api', count: 2, selfNs: 30 * MS, totalNs: 30 * MS });
  });

  it('takes an overlapping earlier child that is still running at the cursor', () => {
    const overlapping = [
      span('root', '', 0, 100),
      span('a', 'root', 0, 40),
      span('b', 'root', 30, 70),
      span('c', 'root', 70, 100),
    ];
    expect(pathOf(overlapping)).toEqual([
      ['root', 0],
      ['a', 30],
      ['b', 40],
      ['c', 30],
    ]);
  });
});

describe('analyzeTrace with async children that outlive their parent', () => {
  const spans = [
    span('req', '', 0, 50),
    span('work', 'req', 5, 20),
    span('email', 'req', 30, 200, { name: 'send email' }),
  ];

  it('follows the async child to the end of the trace in scope trace', () => {
    const a = analyzeTrace(spans);
    expect(a.durationNs).toBe(200 * MS);
    expect(pathOf(spans)).toEqual([
      ['req', 15],
      ['work', 15],
      ['email', 170],
    ]);
    expect(a.asyncSpanIds).toEqual(['email']);
    expect(a.clockSkewAdjustments).toEqual([]);
  });

  it('clips async work to the root in scope root', () => {
    const a = analyzeTrace(spans, { scope: 'root' });
    expect(a.criticalPathNs).toBe(50 * MS);
    expect(pathOf(spans, { scope: 'root' })).toEqual([
      ['req', 15],
      ['work', 15],
      ['email', 20],
    ]);
    expect(a.bottleneck?.spanId).toBe('email');
  });

  it('counts the wait between a span ending and its delayed async child as unattributed', () => {
    const delayed = [span('req', '', 0, 50), span('retry', 'req', 80, 100)];
    const a = analyzeTrace(delayed);
    expect(pathOf(delayed)).toEqual([
      ['req', 50],
      ['retry', 20],
    ]);
    expect(a.unattributedNs).toBe(30 * MS);
  });

  it('leaves out children that start after the root ended in scope root', () => {
    const detached = [span('req', '', 0, 50), span('later', 'req', 60, 90)];
    expect(pathOf(detached, { scope: 'root' })).toEqual([['req', 50]]);
  });
});

describe('analyzeTrace with clock skew', () => {
  it('shifts a remote child that starts before its parent into the parent and reports it', () => {
    const spans = [
      span('client', '', 0, 100, { kind: SpanKind.CLIENT, service: 'web' }),
      span('server', 'client', -30, 50, { kind: SpanKind.SERVER, service: 'api' }),
      span('inner', 'server', -20, 40, { service: 'api' }),
    ];
    const a = analyzeTrace(spans);
    expect(a.clockSkewAdjustments).toEqual([
      {
        service: 'api',
        instance: '',
        shiftNs: 40 * MS,
        spanCount: 2,
        spanId: 'server',
        parentSpanId: 'client',
        parentService: 'web',
        reason: 'starts_before_parent',
      },
    ]);
    // The earliest span was the skewed one: offsets re-anchor at the client.
    expect(a.startTimeUnixNano).toBe(T0);
    const timing = Object.fromEntries(
      a.spans.map((s) => [s.spanId, [s.startOffsetNs / MS, s.endOffsetNs / MS]]),
    );
    expect(timing).toEqual({ client: [0, 100], server: [10, 90], inner: [20, 80] });
    expect(a.durationNs).toBe(100 * MS);
  });

  it('centres a synchronous remote child that ends after its parent', () => {
    const spans = [
      span('client', '', 0, 100, { kind: SpanKind.CLIENT, service: 'web' }),
      span('server', 'client', 70, 130, { kind: SpanKind.SERVER, service: 'api' }),
    ];
    const a = analyzeTrace(spans);
    expect(a.clockSkewAdjustments).toMatchObject([
      { spanId: 'server', shiftNs: -50 * MS, reason: 'ends_after_parent' },
    ]);
    expect(a.spans[1]).toMatchObject({ startOffsetNs: 20 * MS, endOffsetNs: 80 * MS });
    expect(a.asyncSpanIds).toEqual([]);
  });

  it('shifts all spans of a skewed service by one offset, keeping sibling order and spacing', () => {
    const calls = Array.from({ length: 5 }, (_, i) =>
      span(`q${i}`, 'server', -50 + i * 10, -42 + i * 10, { service: 'db', kind: SpanKind.SERVER }),
    );
    const a = analyzeTrace([span('server', '', 0, 100, { kind: SpanKind.CLIENT }), ...calls]);
    expect(a.clockSkewAdjustments).toMatchObject([
      { service: 'db', spanCount: 5, reason: 'starts_before_parent' },
    ]);
    const starts = a.spans.slice(1).map((s) => s.startOffsetNs / MS);
    expect(starts.map((s, i) => s - (starts[0] ?? 0) - i * 10)).toEqual([0, 0, 0, 0, 0]);
    expect(starts[0]).toBeGreaterThanOrEqual(0);
    expect(a.spans[5]!.endOffsetNs).toBeLessThanOrEqual(100 * MS);
  });

  it('treats instances of one service as separate clocks when spans name them', () => {
    const on = (instance: string) => ({
      service: 'api',
      resourceAttributes: { 'service.instance.id': instance },
    });
    const spans = [
      span('front', '', 0, 100, on('a')),
      span('back', 'front', -20, 40, { ...on('b'), kind: SpanKind.SERVER }),
    ];
    const a = analyzeTrace(spans);
    expect(a.clockSkewAdjustments).toMatchObject([{ service: 'api', instance: 'b', spanId: 'back' }]);
  });

  it('keeps a same-service child that outlives its parent, since it shares the clock', () => {
    const spans = [span('p', '', 0, 100), span('c', 'p', 50, 150)];
    const a = analyzeTrace(spans);
    expect(a.clockSkewAdjustments).toEqual([]);
    expect(a.asyncSpanIds).toEqual(['c']);
  });

  it('aligns the start of a consumer that appears to start before its producer', () => {
    const spans = [
      span('produce', '', 0, 10, { kind: SpanKind.PRODUCER, service: 'web' }),
      span('consume', 'produce', -5, 400, { kind: SpanKind.CONSUMER, service: 'worker' }),
    ];
    const a = analyzeTrace(spans);
    expect(a.clockSkewAdjustments).toMatchObject([{ spanId: 'consume', shiftNs: 5 * MS }]);
    expect(a.spans[1]).toMatchObject({ startOffsetNs: 0, endOffsetNs: 405 * MS });
  });
});

describe('analyzeTrace with orphans and several roots', () => {
  const spans = [
    span('root', '', 0, 100, { service: 'web' }),
    span('child', 'root', 10, 40, { service: 'web' }),
    span('lost', 'missing-parent', 120, 200, { service: 'worker', name: 'job' }),
  ];

  it('treats a span whose parent is missing as an extra root and reports it', () => {
    const a = analyzeTrace(spans);
    expect(a.orphans).toEqual([
      {
        spanId: 'lost',
        service: 'worker',
        name: 'job',
        missingParentSpanId: 'missing-parent',
        reason: 'missing_parent',
      },
    ]);
    expect(a.spans.map((s) => [s.spanId, s.parentSpanId, s.depth])).toEqual([
      ['root', '', 0],
      ['child', 'root', 1],
      ['lost', '', 0],
    ]);
    expect(a.rootSpanId).toBe('root');
  });

  it('walks the critical path across roots and reports the gap between them as unattributed', () => {
    const a = analyzeTrace(spans);
    expect(a.durationNs).toBe(200 * MS);
    expect(pathOf(spans)).toEqual([
      ['root', 70],
      ['child', 30],
      ['lost', 80],
    ]);
    expect(a.unattributedNs).toBe(20 * MS);
    expect(a.bottleneck?.spanId).toBe('lost');
  });

  it('prefers a true root over a longer orphan as the primary root', () => {
    const a = analyzeTrace(spans, { scope: 'root' });
    expect(a.criticalPathNs).toBe(100 * MS);
    expect(a.criticalPath.map((e) => e.spanId)).toEqual(['root', 'child']);
  });

  it('breaks a parent cycle and reports the span where it was cut', () => {
    const cyclic = [span('r', '', 0, 100), span('p', 'q', 10, 50), span('q', 'p', 20, 40)];
    const a = analyzeTrace(cyclic);
    expect(a.orphans).toMatchObject([{ spanId: 'p', reason: 'cycle' }]);
    expect(a.spans.map((s) => s.spanId)).toEqual(['r', 'p', 'q']);
  });

  it('ignores repeated span ids and counts them', () => {
    const a = analyzeTrace([span('r', '', 0, 10), span('r', '', 0, 99)]);
    expect(a.spanCount).toBe(1);
    expect(a.ignoredDuplicateSpans).toBe(1);
    expect(a.durationNs).toBe(10 * MS);
  });
});

describe('analyzeTrace error origin', () => {
  it('finds the deepest error span and its chain up to the root', () => {
    const error = (message: string) => ({ status: { code: StatusCode.ERROR, message } });
    const spans = [
      span('root', '', 0, 100, error('request failed')),
      span('svc', 'root', 10, 90, error('')),
      span('db', 'svc', 20, 30, {
        ...error(''),
        events: [{ name: 'exception', attributes: { 'exception.message': 'deadlock detected' } }],
      }),
      span('ok', 'svc', 40, 50),
    ];
    expect(analyzeTrace(spans).errorOrigin).toEqual({
      spanId: 'db',
      service: 'api',
      name: 'db',
      message: 'deadlock detected',
      chain: ['db', 'svc', 'root'],
      errorSpanCount: 3,
    });
  });

  it('is null when no span failed', () => {
    expect(analyzeTrace([span('a', '', 0, 1)]).errorOrigin).toBeNull();
  });
});

describe('analyzeTrace input handling', () => {
  it('rejects spans of several traces with a ParameterError', () => {
    expect(() => analyzeTrace([span('a', '', 0, 1), { ...span('b', '', 0, 1), traceId: 'other' }])).toThrow(
      ParameterError,
    );
  });

  it('returns an empty analysis for no spans', () => {
    const a = analyzeTrace([]);
    expect(a).toMatchObject({
      spanCount: 0,
      durationNs: 0,
      criticalPath: [],
      bottleneck: null,
      rootSpanId: null,
    });
  });

  it('treats a span ending before it starts as zero-length', () => {
    const a = analyzeTrace([span('a', '', 10, 5)]);
    expect(a.durationNs).toBe(0);
    expect(a.bottleneck).toBeNull();
  });

  it('gives the same result for shuffled input', () => {
    const spans = [
      span('root', '', 0, 100),
      span('x', 'root', 10, 90),
      span('y', 'root', 10, 90),
      span('z', 'x', 20, 30),
    ];
    const shuffled = [spans[2]!, spans[3]!, spans[0]!, spans[1]!];
    expect(analyzeTrace(shuffled)).toEqual(analyzeTrace(spans));
  });
});

describe('analyzeTrace input kinds', () => {
  it('accepts stored spans with their resource and reads the service from it', () => {
    const stored = {
      traceId: 'trace-1',
      spanId: 'a',
      traceState: '',
      parentSpanId: '',
      flags: 0,
      name: 'GET /',
      kind: SpanKind.SERVER,
      startTimeUnixNano: T0,
      endTimeUnixNano: T0 + 5_000_000n,
      attributes: {},
      droppedAttributesCount: 0,
      events: [],
      droppedEventsCount: 0,
      links: [],
      droppedLinksCount: 0,
      status: { code: StatusCode.OK, message: '' },
      resource: { attributes: { 'service.name': 'shop' }, droppedAttributesCount: 0 },
    };
    const a = analyzeTrace([stored, span('b', 'a', 1, 4)]);
    expect(a.selfTimeByService.map((s) => s.service).sort()).toEqual(['api', 'shop']);
    expect(a.bottleneck).toMatchObject({ spanId: 'b', service: 'api' });
  });
});
