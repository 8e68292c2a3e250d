import type { ResourceSpans, TelemetryBatch } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { ACCEPTED, type ConsumeResult, type Consumer } from '../component/consumer.js';
import { spanBatch } from '../exporters/testing/spans.js';
import { SelfMetrics } from '../self/self-metrics.js';
import type { Route } from './routing-config.js';
import { RoutingConsumer } from './routing-consumer.js';

/** A destination that keeps the service names it received and answers with `result`. */
function sink(result: ConsumeResult = ACCEPTED): Consumer & { services: string[] } {
  const services: string[] = [];
  return {
    services,
    async consume(batch: TelemetryBatch) {
      if (batch.signal === 'traces') {
        for (const rs of batch.data.resourceSpans)
          services.push(String(rs.resource.attributes['service.name']));
      }
      return result;
    },
  };
}

function group(service: string, attrs: Record<string, string> = {}): ResourceSpans {
  const rs = (spanBatch(1, 2, service).data as { resourceSpans: ResourceSpans[] }).resourceSpans[0]!;
  Object.assign(rs.resource.attributes, attrs);
  return rs;
}

const batch = (): TelemetryBatch => ({
  signal: 'traces',
  data: { resourceSpans: [group('checkout'), group('payments'), group('ledger', { env: 'prod' })] },
});

const routes: Route[] = [
  { services: ['check*'], exporters: ['a'] },
  { resourceAttributes: { env: ['prod', 'staging'] }, exporters: ['b'] },
  { signals: ['traces'], exporters: ['c'] },
];

describe('RoutingConsumer', () => {
  it('sends each resource group to its first matching route only in first mode', async () => {
    const d = { a: sink(), b: sink(), c: sink() };
    const router = new RoutingConsumer(routes, new Map(Object.entries(d)), 'first');
    expect(await router.consume(batch(), 3000)).toEqual(ACCEPTED);
    expect([d.a.services, d.b.services, d.c.services]).toEqual([['checkout'], ['ledger'], ['payments']]);
  });

  it('sends each resource group to every matching route in all mode', async () => {
    const d = { a: sink(), b: sink(), c: sink() };
    await new RoutingConsumer(routes, new Map(Object.entries(d)), 'all').consume(batch(), 3000);
    expect([d.a.services, d.b.services, d.c.services]).toEqual([
      ['checkout'],
      ['ledger'],
      ['checkout', 'payments', 'ledger'],
    ]);
  });

  it('counts items no route matches and accepts them', async () => {
    const metrics = new SelfMetrics();
    const d = { a: sink() };
    const router = new RoutingConsumer(
      [{ signals: ['logs'], exporters: ['a'] }],
      new Map(Object.entries(d)),
      'first',
      metrics,
    );
    expect(await router.consume(batch(), 100)).toEqual(ACCEPTED);
    expect(metrics.value('switchyard_routing_unmatched_items_total')).toBe(6);
    expect(d.a.services).toEqual([]);
  });

  it('answers with the worst destination result so a refusal reaches the sender', async () => {
    const refused: ConsumeResult = { kind: 'refused', status: 503, retryAfterMs: 1000, reason: 'queue full' };
    const d = { a: sink(), b: sink(refused), c: sink() };
    expect(
      await new RoutingConsumer(routes, new Map(Object.entries(d)), 'first').consume(batch(), 10),
    ).toEqual(refused);
  });
});
