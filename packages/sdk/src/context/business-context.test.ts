import { context, defaultTextMapSetter, propagation, trace } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withCorrelationId } from '../propagation/correlation-id.js';
import { type InMemoryTelemetry, installInMemoryTelemetry } from '../test-support/in-memory-telemetry.js';
import { setRedactHook, withBusinessContext } from './business-context.js';
import { tracePerformance } from './trace-performance.js';

let telemetry: InMemoryTelemetry;
beforeEach(() => {
  telemetry = installInMemoryTelemetry();
});
afterEach(async () => {
  setRedactHook(undefined);
  await telemetry.shutdown();
});

describe('withBusinessContext', () => {
  it('puts user, tenant, tier and feature flags on every span inside, including nested async ones', async () => {
    const tracer = trace.getTracer('t');
    await withBusinessContext(
      { userId: 'u-7', tenantId: 'acme', tier: 'premium', featureFlags: { checkout_v2: 'on' }, region: 'eu' },
      async () => {
        tracer.startSpan('outer').end();
        await new Promise((r) => setTimeout(r, 1));
        await tracer.startActiveSpan('inner', async (s) => {
          tracer.startSpan('child').end();
          s.end();
        });
      },
    );
    tracer.startSpan('outside').end();
    const byName = new Map(telemetry.spans().map((s) => [s.name, s.attributes]));
    for (const name of ['outer', 'inner', 'child'])
      expect(byName.get(name)).toMatchObject({
        'enduser.id': 'u-7',
        'tenant.id': 'acme',
        'tenant.tier': 'premium',
        'feature_flag.checkout_v2': 'on',
        region: 'eu',
      });
    expect(byName.get('outside')!['tenant.id']).toBeUndefined();
  });

  it('carries the context downstream in baggage', () => {
    const headers: Record<string, string> = {};
    withBusinessContext({ tenantId: 'acme', featureFlags: ['beta'] }, () =>
      propagation.inject(context.active(), headers, defaultTextMapSetter),
    );
    expect(decodeURIComponent(headers.baggage!)).toContain('sy.tenant.id=acme');
    expect(decodeURIComponent(headers.baggage!)).toContain('sy.feature_flag.beta=true');
  });

  it('passes every value through the redaction hook, which can mask or drop it', () => {
    setRedactHook((key, value) =>
      key === 'enduser.id' ? `sha:${String(value).length}` : key === 'email' ? undefined : value,
    );
    withBusinessContext({ userId: 'alice', email: 'a@example.com', tenantId: 't1' }, () =>
      trace.getTracer('t').startSpan('s').end(),
    );
    const attrs = telemetry.spans()[0]!.attributes;
    expect(attrs['enduser.id']).toBe('sha:5');
    expect(attrs.email).toBeUndefined();
    expect(attrs['tenant.id']).toBe('t1');
  });

  it('drops a value whose redaction hook throws instead of leaking it', () => {
    withBusinessContext(
      { userId: 'bob' },
      () => trace.getTracer('t').startSpan('s').end(),
      () => {
        throw new Error('hook bug');
      },
    );
    expect(telemetry.spans()[0]!.attributes['enduser.id']).toBeUndefined();
  });

  it('records the correlation id on spans', () => {
    withCorrelationId('corr-1', () => trace.getTracer('t').startSpan('s').end());
    expect(telemetry.spans()[0]!.attributes['correlation.id']).toBe('corr-1');
  });
});

describe('tracePerformance', () => {
  it('records a span, a latency histogram and whether the SLI was met', async () => {
    const fast = await tracePerformance('load-cart', { sloThresholdMs: 1000 }, async () => 'ok');
    await tracePerformance('load-cart', { sloThresholdMs: 1 }, async () => {
      await new Promise((r) => setTimeout(r, 10));
    });
    expect(fast).toBe('ok');
    const spans = telemetry.spans().filter((s) => s.name === 'load-cart');
    expect(spans.map((s) => s.attributes['sli.met'])).toEqual([true, false]);
    expect(spans[1]!.attributes['sli.duration_ms']).toBeGreaterThanOrEqual(9);
    const m = await telemetry.metrics();
    const requests = m.get('sli.requests')!;
    expect(requests.find((p) => p.attributes['sli.met'] === true)!.value).toBe(1);
    expect(requests.find((p) => p.attributes['sli.met'] === false)!.value).toBe(1);
    expect(m.get('sli.duration')).toHaveLength(2);
  });

  it('marks the span as an error, counts the SLI as missed and rethrows', () => {
    expect(() =>
      tracePerformance('pay', { sloThresholdMs: 1000 }, () => {
        throw new Error('card declined');
      }),
    ).toThrow('card declined');
    const span = telemetry.spans()[0]!;
    expect(span.status).toMatchObject({ code: 2, message: 'card declined' });
    expect(span.attributes['sli.met']).toBe(false);
    expect(span.events[0]!.name).toBe('exception');
  });
});
