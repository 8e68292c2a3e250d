import type { Span, TelemetryBatch } from '@switchyard/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ACCEPTED, type ConsumeResult, type Consumer } from '../component/consumer.js';
import { logBatch, logRecord } from '../exporters/testing/logs.js';
import { spanIds } from '../exporters/testing/spans.js';
import { SelfMetrics } from '../self/self-metrics.js';
import { type TailSamplingConfig, TailSamplingProcessor, tailSamplingConfigSchema } from './tail-sampling.js';
import type { TailSamplingPolicy } from './tail-sampling-policies.js';

class Collect implements Consumer {
  readonly batches: TelemetryBatch[] = [];
  reply: ConsumeResult = ACCEPTED;
  consume(batch: TelemetryBatch): Promise<ConsumeResult> {
    this.batches.push(batch);
    return Promise.resolve(this.reply);
  }
  ids(): string[] {
    return this.batches.flatMap(spanIds);
  }
}

const T0 = 1_700_000_000_000_000_000n;

function mkSpan(trace: number, span: number, o: Partial<Span> & { durMs?: number } = {}): Span {
  const start = o.startTimeUnixNano ?? T0;
  return {
    traceId: trace.toString(16).padStart(32, '0'),
    spanId: `${trace.toString(16).padStart(8, '0')}${span.toString(16).padStart(8, '0')}`,
    traceState: '',
    parentSpanId: '',
    flags: 1,
    name: 'op',
    kind: 2,
    startTimeUnixNano: start,
    endTimeUnixNano: o.endTimeUnixNano ?? start + BigInt(Math.round((o.durMs ?? 1) * 1e6)),
    attributes: o.attributes ?? {},
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: o.status ?? { code: 0, message: '' },
  };
}

function traces(
  spans: Span[],
  resourceAttrs: Record<string, string> = { 'service.name': 'svc' },
): TelemetryBatch {
  return {
    signal: 'traces',
    data: {
      resourceSpans: [
        {
          resource: { attributes: resourceAttrs, droppedAttributesCount: 0 },
          scopeSpans: [
            {
              scope: { name: 't', version: '', attributes: {}, droppedAttributesCount: 0 },
              spans,
              schemaUrl: '',
            },
          ],
          schemaUrl: '',
        },
      ],
    },
  };
}

function sampler(
  policies: TailSamplingPolicy[],
  over: Partial<TailSamplingConfig> = {},
): { ts: TailSamplingProcessor; next: Collect; metrics: SelfMetrics } {
  const next = new Collect();
  const metrics = new SelfMetrics();
  const config = tailSamplingConfigSchema.parse({ enabled: true, decisionWaitMs: 1000, policies, ...over });
  return { ts: new TailSamplingProcessor(config, next, { metrics }), next, metrics };
}

const traceId = (n: number) => n.toString(16).padStart(32, '0');

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('TailSamplingProcessor', () => {
  it('passes metrics and logs through untouched and at once', async () => {
    const { ts, next } = sampler([{ type: 'errors' }]);
    const logs = logBatch({ 'service.name': 'svc' }, [logRecord('hello')]);
    expect(await ts.consume(logs, 100)).toEqual(ACCEPTED);
    expect(next.batches).toEqual([logs]);
    expect(next.batches[0]).toBe(logs);
  });

  it('holds a trace for the decision wait, then keeps all its spans when one of them is an error', async () => {
    const { ts, next, metrics } = sampler([{ type: 'errors' }]);
    await ts.consume(traces([mkSpan(1, 1), mkSpan(2, 1)]), 100);
    await vi.advanceTimersByTimeAsync(500);
    await ts.consume(traces([mkSpan(1, 2, { status: { code: 2, message: 'boom' } }), mkSpan(2, 2)]), 100);
    expect(next.batches).toHaveLength(0);
    expect(ts.pendingTraces).toBe(2);
    await vi.advanceTimersByTimeAsync(499);
    expect(next.batches).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(next.ids().sort()).toEqual([mkSpan(1, 1).spanId, mkSpan(1, 2).spanId]);
    expect(ts.pendingTraces).toBe(0);
    expect(ts.pendingBytes).toBe(0);
    expect(
      metrics.value('switchyard_tail_sampling_traces_total', { decision: 'kept', policy: 'errors' }),
    ).toBe(1);
    expect(metrics.value('switchyard_tail_sampling_traces_total', { decision: 'dropped', policy: '' })).toBe(
      1,
    );
    expect(metrics.value('switchyard_tail_sampling_spans_total', { decision: 'dropped' })).toBe(2);
  });

  it('keeps traces whose duration from first start to last end is above the latency threshold', async () => {
    const { ts, next } = sampler([{ type: 'latency', thresholdMs: 250 }]);
    await ts.consume(
      traces([
        mkSpan(1, 1, { durMs: 100 }),
        mkSpan(1, 2, { startTimeUnixNano: T0 + 200_000_000n, durMs: 100 }), // trace spans 300 ms
        mkSpan(2, 1, { durMs: 200 }),
        mkSpan(3, 1, { durMs: 251 }),
      ]),
      100,
    );
    await vi.advanceTimersByTimeAsync(1000);
    expect(
      new Set(
        next.batches
          .flatMap((b) => (b.signal === 'traces' ? b.data.resourceSpans : []))
          .flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans.map((s) => s.traceId))),
      ),
    ).toEqual(new Set([traceId(1), traceId(3)]));
  });

  it('keeps traces with a span or resource attribute equal to one of the values', async () => {
    const { ts, next } = sampler([{ type: 'attribute', key: 'tenant', values: ['gold', 'platinum'] }]);
    await ts.consume(
      traces([
        mkSpan(1, 1, { attributes: { tenant: 'gold' } }),
        mkSpan(2, 1, { attributes: { tenant: 'bronze' } }),
        mkSpan(3, 1),
      ]),
      100,
    );
    await ts.consume(traces([mkSpan(4, 1)], { 'service.name': 'svc', tenant: 'platinum' }), 100);
    await vi.advanceTimersByTimeAsync(1000);
    expect(next.ids().sort()).toEqual([mkSpan(1, 1).spanId, mkSpan(4, 1).spanId]);
  });

  it('keeps a consistent share of traces by trace id hash with the probabilistic policy', async () => {
    const run = async () => {
      const { ts, next } = sampler([{ type: 'probabilistic', ratio: 0.25 }]);
      for (let i = 0; i < 20; i++)
        await ts.consume(traces(Array.from({ length: 500 }, (_, j) => mkSpan(i * 500 + j + 1, 1))), 100);
      await vi.advanceTimersByTimeAsync(1000);
      return next.ids();
    };
    const a = await run();
    const b = await run();
    expect(a.length / 10_000).toBeGreaterThan(0.23);
    expect(a.length / 10_000).toBeLessThan(0.27);
    expect(b).toEqual(a);
  });

  it('keeps at most spansPerSecond spans per second with the rate limit policy', async () => {
    const { ts, next } = sampler([{ type: 'rate_limit', spansPerSecond: 10 }], { decisionWaitMs: 100 });
    // 8 traces of 3 spans: 3 fit in a second (9 spans), the 4th would make 12.
    await ts.consume(traces(Array.from({ length: 24 }, (_, i) => mkSpan(Math.floor(i / 3) + 1, i % 3))), 100);
    await vi.advanceTimersByTimeAsync(100);
    expect(next.ids()).toHaveLength(9);
    // A new second brings a new budget.
    await vi.advanceTimersByTimeAsync(1000);
    await ts.consume(
      traces(Array.from({ length: 6 }, (_, i) => mkSpan(100 + Math.floor(i / 3), i % 3))),
      100,
    );
    await vi.advanceTimersByTimeAsync(100);
    expect(next.ids()).toHaveLength(15);
  });

  it('tries policies in order and labels the kept counter with the first that matched', async () => {
    const { ts, metrics } = sampler([{ type: 'errors' }, { type: 'probabilistic', ratio: 1 }]);
    await ts.consume(traces([mkSpan(1, 1, { status: { code: 2, message: '' } }), mkSpan(2, 1)]), 100);
    await vi.advanceTimersByTimeAsync(1000);
    expect(
      metrics.value('switchyard_tail_sampling_traces_total', { decision: 'kept', policy: 'errors' }),
    ).toBe(1);
    expect(
      metrics.value('switchyard_tail_sampling_traces_total', { decision: 'kept', policy: 'probabilistic' }),
    ).toBe(1);
  });

  it('sends late spans of a kept trace on at once and drops late spans of a dropped trace', async () => {
    const { ts, next, metrics } = sampler([{ type: 'errors' }]);
    await ts.consume(traces([mkSpan(1, 1, { status: { code: 2, message: '' } }), mkSpan(2, 1)]), 100);
    await vi.advanceTimersByTimeAsync(1000);
    expect(next.ids()).toEqual([mkSpan(1, 1).spanId]);
    await ts.consume(traces([mkSpan(1, 2), mkSpan(2, 2)]), 100);
    expect(next.ids()).toEqual([mkSpan(1, 1).spanId, mkSpan(1, 2).spanId]);
    expect(ts.pendingTraces).toBe(0);
    expect(metrics.value('switchyard_tail_sampling_late_spans_total', { decision: 'kept' })).toBe(1);
    expect(metrics.value('switchyard_tail_sampling_late_spans_total', { decision: 'dropped' })).toBe(1);
  });

  it('decides the oldest trace early when maxTraces is reached, on the spans it has, and counts it', async () => {
    const { ts, next, metrics } = sampler([{ type: 'errors' }], { maxTraces: 2 });
    await ts.consume(traces([mkSpan(1, 1, { status: { code: 2, message: '' } })]), 100);
    await ts.consume(traces([mkSpan(2, 1)]), 100);
    expect(next.ids()).toEqual([]);
    await ts.consume(traces([mkSpan(3, 1)]), 100);
    expect(next.ids()).toEqual([mkSpan(1, 1).spanId]);
    expect(ts.pendingTraces).toBe(2);
    expect(metrics.value('switchyard_tail_sampling_evictions_total', { reason: 'max_traces' })).toBe(1);
  });

  it('decides the oldest traces early when the byte estimate passes maxBytes', async () => {
    const { ts, metrics } = sampler([{ type: 'errors' }], { maxBytes: 20_000 });
    for (let i = 1; i <= 100; i++) {
      await ts.consume(traces([mkSpan(i, 1, { attributes: { payload: 'x'.repeat(500) } })]), 100);
      expect(ts.pendingBytes).toBeLessThanOrEqual(20_000);
    }
    expect(ts.pendingTraces).toBeGreaterThan(1);
    expect(ts.pendingTraces).toBeLessThan(100);
    expect(metrics.value('switchyard_tail_sampling_evictions_total', { reason: 'max_bytes' })).toBe(
      100 - ts.pendingTraces,
    );
  });

  it('decides and forwards every held trace on shutdown, and passes traces through afterwards', async () => {
    const { ts, next } = sampler([{ type: 'errors' }], { decisionWaitMs: 60_000 });
    await ts.consume(traces([mkSpan(1, 1, { status: { code: 2, message: '' } }), mkSpan(2, 1)]), 100);
    await ts.shutdown();
    expect(next.ids()).toEqual([mkSpan(1, 1).spanId]);
    expect(ts.pendingTraces).toBe(0);
    await ts.consume(traces([mkSpan(3, 1)]), 100);
    expect(next.ids()).toEqual([mkSpan(1, 1).spanId, mkSpan(3, 1).spanId]);
  });

  it('counts kept spans the next stage refuses', async () => {
    const { ts, next, metrics } = sampler([{ type: 'probabilistic', ratio: 1 }]);
    next.reply = { kind: 'refused', status: 503, retryAfterMs: 1000, reason: 'queue full' };
    await ts.consume(traces([mkSpan(1, 1), mkSpan(1, 2)]), 100);
    await vi.advanceTimersByTimeAsync(1000);
    expect(metrics.value('switchyard_tail_sampling_forward_failed_spans_total')).toBe(2);
  });

  it('rejects an enabled config without policies, naming the key', () => {
    const r = tailSamplingConfigSchema.safeParse({ enabled: true });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['policies']);
    expect(tailSamplingConfigSchema.parse({}).enabled).toBe(false);
  });
});
