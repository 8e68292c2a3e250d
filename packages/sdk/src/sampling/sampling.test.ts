import { randomBytes } from 'node:crypto';
import { context, ROOT_CONTEXT, SpanKind, TraceFlags, trace } from '@opentelemetry/api';
import { SamplingDecision } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { buildSampler } from './sampler-config.js';

const TRACE = '0af7651916cd43dd8448eb211c80319c'; // not sampled at ratio 0

function decide(
  sampler: ReturnType<typeof buildSampler>,
  attributes: Record<string, string>,
  ctx = ROOT_CONTEXT,
) {
  return sampler.shouldSample(ctx, TRACE, 'op', SpanKind.SERVER, attributes, []).decision;
}

describe('rule-based sampling', () => {
  const rules = [
    { attribute: 'tenant.tier', equals: 'premium', decision: 'keep' as const },
    { attribute: 'http.route', matches: '^/(healthz|readyz)$', decision: 'drop' as const },
  ];

  it('keeps a premium tenant even when the ratio would drop it', () => {
    const s = buildSampler({ ratio: 0, rules }, undefined, []);
    expect(decide(s, { 'tenant.tier': 'premium' })).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });

  it('drops health checks even at ratio 1', () => {
    const s = buildSampler({ ratio: 1, rules }, undefined, []);
    expect(decide(s, { 'http.route': '/healthz' })).toBe(SamplingDecision.NOT_RECORD);
    expect(decide(s, { 'http.route': '/orders' })).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });

  it('lets children follow their parent so a trace is never cut', () => {
    const s = buildSampler({ ratio: 1, rules }, undefined, []);
    const parent = trace.setSpanContext(context.active(), {
      traceId: TRACE,
      spanId: 'aaaaaaaaaaaaaaaa',
      traceFlags: TraceFlags.SAMPLED,
    });
    expect(decide(s, { 'http.route': '/healthz' }, parent)).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });

  it('decides by trace id alone: the same id always gets the same decision, about ratio of ids are kept', () => {
    const s = buildSampler({ ratio: 0.5 }, undefined, []);
    let kept = 0;
    for (let i = 0; i < 2000; i++) {
      const id = randomBytes(16).toString('hex');
      const first = s.shouldSample(ROOT_CONTEXT, id, 'a', SpanKind.INTERNAL, {}, []).decision;
      const again = s.shouldSample(ROOT_CONTEXT, id, 'b', SpanKind.CLIENT, { x: '1' }, []).decision;
      expect(again).toBe(first);
      if (first === SamplingDecision.RECORD_AND_SAMPLED) kept++;
    }
    expect(kept).toBeGreaterThan(800);
    expect(kept).toBeLessThan(1200);
  });
});

describe('OTEL_TRACES_SAMPLER', () => {
  it('honours parentbased_traceidratio with its argument', () => {
    const s = buildSampler(undefined, { name: 'parentbased_traceidratio', arg: '0' }, []);
    expect(decide(s, {})).toBe(SamplingDecision.NOT_RECORD);
    expect(s.toString()).toContain('ParentBased');
  });

  it('honours always_off', () => {
    expect(decide(buildSampler(undefined, { name: 'always_off' }, []), {})).toBe(SamplingDecision.NOT_RECORD);
  });

  it('reports a bad argument and an unknown sampler, falling back to parent-based always-on', () => {
    const problems: string[] = [];
    buildSampler(undefined, { name: 'traceidratio', arg: 'half' }, problems);
    const s = buildSampler(undefined, { name: 'sometimes' }, problems);
    expect(problems[0]).toContain("OTEL_TRACES_SAMPLER_ARG='half'");
    expect(problems[1]).toContain("'sometimes'");
    expect(decide(s, {})).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });

  it('lets options win over env', () => {
    const s = buildSampler({ ratio: 1 }, { name: 'always_off' }, []);
    expect(decide(s, {})).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });
});
