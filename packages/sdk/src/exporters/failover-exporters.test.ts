import { metrics, trace } from '@opentelemetry/api';
import { logs, SeverityNumber } from '@opentelemetry/api-logs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ObservabilityOptions } from '../config/observability-options.js';
import { configureObservability } from '../configure/configure-observability.js';
import type { ObservabilityHandle } from '../configure/observability-handle.js';
import { type LoopbackOtlpServer, startLoopbackOtlpServer } from '../test-support/loopback-otlp-server.js';
import { FailoverOrder } from './failover-exporters.js';

let handle: ObservabilityHandle | undefined;
const servers: LoopbackOtlpServer[] = [];
afterEach(async () => {
  await handle?.shutdown();
  handle = undefined;
  for (const s of servers.splice(0)) await s.close();
});

const base: ObservabilityOptions = {
  configFile: false,
  env: {},
  failureLogIntervalMs: 3_600_000,
  instrumentations: { http: false, undici: false },
};

function emit(spans: number, records: number): void {
  for (let i = 0; i < spans; i++) trace.getTracer('f').startSpan(`op-${i}`).end();
  for (let i = 0; i < records; i++)
    logs.getLogger('f').emit({ severityNumber: SeverityNumber.INFO, body: `r${i}` });
  metrics.getMeter('f').createCounter('c').add(1);
}

/** Two loopback OTLP servers behind `failover: ['hub', 'otlp']`: hub the primary, otlp the fallback. */
async function startFailoverPair(): Promise<{
  primary: LoopbackOtlpServer;
  fallback: LoopbackOtlpServer;
  handle: ObservabilityHandle;
}> {
  const primary = await startLoopbackOtlpServer();
  const fallback = await startLoopbackOtlpServer();
  servers.push(primary, fallback);
  handle = configureObservability({
    ...base,
    exportTo: {
      failover: ['hub', 'otlp'],
      hub: { endpoint: primary.url },
      otlp: { endpoint: fallback.url },
    },
  });
  return { primary, fallback, handle };
}

describe('FailoverOrder', () => {
  it('tries the primary first, skips a failed member for the cooldown, then returns to it', () => {
    let now = 1_000;
    const order = new FailoverOrder(3, 30_000, () => now);
    expect(order.order()).toEqual([0, 1, 2]);
    order.failed(0);
    expect(order.order()).toEqual([1, 2, 0]);
    now += 29_999;
    expect(order.order()).toEqual([1, 2, 0]);
    now += 1;
    expect(order.order()).toEqual([0, 1, 2]);
    order.failed(1);
    order.succeeded(1);
    expect(order.order()).toEqual([0, 1, 2]);
  });
});

describe('exportTo failover', () => {
  it('sends everything to the fallback when the primary is down, counting the primary failures', async () => {
    const fallback = await startLoopbackOtlpServer();
    servers.push(fallback);
    handle = configureObservability({
      ...base,
      exportTo: {
        otlp: { endpoint: 'http://127.0.0.1:1', timeoutMillis: 1000 },
        hub: { endpoint: fallback.url },
        failover: ['otlp', 'hub'],
      },
    });
    expect(handle.errors).toEqual([]);
    expect(handle.detected.failover).toEqual(['otlp', 'hub']);
    emit(20, 5);
    await handle.forceFlush();
    expect(fallback.itemsFor('traces')).toBe(20);
    expect(fallback.itemsFor('logs')).toBe(5);
    expect(fallback.itemsFor('metrics')).toBeGreaterThanOrEqual(1);
    expect(handle.exporters.otlp).toMatchObject({ sent: 0, dropped: 0 });
    expect(handle.exporters.otlp!.failed).toBeGreaterThanOrEqual(25);
    expect(handle.exporters.hub!.sent).toBeGreaterThanOrEqual(26);
  });

  it('sends nothing to the fallback while the primary is healthy (one queue, not a copy)', async () => {
    const { primary, fallback, handle } = await startFailoverPair();
    emit(10, 3);
    await handle.forceFlush();
    expect(primary.itemsFor('traces')).toBe(10);
    expect(primary.itemsFor('logs')).toBe(3);
    expect(fallback.requests).toEqual([]);
  });

  it('moves to the fallback when the primary starts rejecting batches and counts the items on both', async () => {
    const { primary, fallback, handle } = await startFailoverPair();
    emit(4, 0);
    await handle.forceFlush();
    primary.status = 400;
    emit(6, 0);
    await handle.forceFlush();
    expect(primary.itemsFor('traces')).toBe(10); // received (and decoded) but rejected the last 6
    expect(fallback.itemsFor('traces')).toBe(6);
    expect(handle.exporters.hub!.failed).toBeGreaterThanOrEqual(6);
    expect(handle.exporters.otlp!.sent).toBeGreaterThanOrEqual(6);
    expect(handle.exporters.otlp!.failed).toBe(0);
  });

  it('rejects a failover list with one name', () => {
    handle = configureObservability({ ...base, exportTo: { failover: ['hub'] } as never });
    expect(handle.errors[0]!.message).toContain('exportTo.failover');
  });

  it('rejects a list of names under an exporter name', () => {
    handle = configureObservability({ ...base, exportTo: { hub: ['otlp'] } as never });
    expect(handle.errors[0]!.message).toContain('only failover takes a list of names');
  });
});
