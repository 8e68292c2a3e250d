import { metrics, trace } from '@opentelemetry/api';
import { logs, SeverityNumber } from '@opentelemetry/api-logs';
import { afterEach, describe, expect, it } from 'vitest';
import { type LoopbackOtlpServer, startLoopbackOtlpServer } from '../test-support/loopback-otlp-server.js';
import { configureObservability } from './configure-observability.js';
import type { ObservabilityHandle } from './observability-handle.js';

let handle: ObservabilityHandle | undefined;
let server: LoopbackOtlpServer | undefined;

afterEach(async () => {
  await handle?.shutdown();
  await server?.close();
  handle = undefined;
  server = undefined;
});

const quiet = { configFile: false as const, failureLogIntervalMs: 3_600_000 };

function emit(spans: number, logCount: number): void {
  const tracer = trace.getTracer('test');
  for (let i = 0; i < spans; i++) tracer.startSpan(`op-${i}`).end();
  const logger = logs.getLogger('test');
  for (let i = 0; i < logCount; i++) logger.emit({ severityNumber: SeverityNumber.INFO, body: `line ${i}` });
  metrics.getMeter('test').createCounter('orders').add(3, { region: 'eu' });
}

describe('configureObservability', () => {
  it('sends spans, logs and metrics with the resource to an OTLP endpoint', async () => {
    server = await startLoopbackOtlpServer();
    handle = configureObservability({
      ...quiet,
      env: {},
      serviceName: 'checkout',
      serviceVersion: '1.4.2',
      environment: 'test',
      exportTo: { otlp: { endpoint: server.url } },
    });
    emit(3, 2);
    await handle.forceFlush();
    expect(server.itemsFor('traces')).toBe(3);
    expect(server.itemsFor('logs')).toBe(2);
    expect(server.itemsFor('metrics')).toBeGreaterThanOrEqual(1);
    const batch = server.batches('traces')[0]!;
    const attrs = batch.signal === 'traces' ? batch.data.resourceSpans[0]!.resource.attributes : {};
    expect(attrs['service.name']).toBe('checkout');
    expect(attrs['service.version']).toBe('1.4.2');
    expect(attrs['deployment.environment.name']).toBe('test');
    expect(attrs['telemetry.distro.name']).toBe('@switchyard/sdk');
    expect(handle.exporters.otlp).toMatchObject({ sent: expect.any(Number), failed: 0, dropped: 0 });
    expect(handle.exporters.otlp!.sent).toBeGreaterThanOrEqual(6);
  });

  it('isolates a dead exporter: the healthy one receives everything and the handle counts the failures', async () => {
    server = await startLoopbackOtlpServer();
    handle = configureObservability({
      ...quiet,
      env: {},
      serviceName: 'isolated',
      exportTo: {
        otlp: { endpoint: 'http://127.0.0.1:1', timeoutMillis: 1500 },
        hub: { endpoint: server.url },
      },
    });
    const started = Date.now();
    expect(() => emit(50, 10)).not.toThrow();
    expect(Date.now() - started).toBeLessThan(200); // the app is never blocked by exporting
    await handle.forceFlush();
    expect(server.itemsFor('traces')).toBe(50);
    expect(server.itemsFor('logs')).toBe(10);
    expect(server.itemsFor('metrics')).toBeGreaterThanOrEqual(1);
    const dead = handle.exporters.otlp!;
    expect(dead.sent).toBe(0);
    expect(dead.failed).toBeGreaterThanOrEqual(60);
    expect(dead.lastError).toMatch(/ECONNREFUSED|connect|fetch failed/i); // the dead port, not some other failure
    expect(handle.exporters.hub!.failed).toBe(0);
  });

  it('counts spans dropped when an exporter queue is full', async () => {
    server = await startLoopbackOtlpServer();
    handle = configureObservability({
      ...quiet,
      env: {},
      exportTo: { hub: { endpoint: server.url, batch: { maxQueueSize: 10, scheduleDelayMillis: 60_000 } } },
    });
    emit(25, 0);
    expect(handle.exporters.hub!.dropped).toBe(15);
    await handle.forceFlush();
    expect(server.itemsFor('traces')).toBe(10);
  });

  it('counts log records dropped when an exporter queue is full', async () => {
    server = await startLoopbackOtlpServer();
    handle = configureObservability({
      ...quiet,
      env: {},
      exportTo: { hub: { endpoint: server.url, batch: { maxQueueSize: 4, scheduleDelayMillis: 60_000 } } },
    });
    emit(0, 10);
    expect(handle.exporters.hub!.dropped).toBe(6);
    await handle.forceFlush();
    expect(server.itemsFor('logs')).toBe(4);
  });

  it('returns the same handle and warns when called twice', async () => {
    handle = configureObservability({ ...quiet, env: {}, exportTo: [] });
    const warnings: string[] = [];
    const onWarning = (w: Error): void => {
      warnings.push(w.message);
    };
    process.on('warning', onWarning);
    const again = configureObservability({ ...quiet, env: {} });
    await new Promise((r) => setImmediate(r));
    process.off('warning', onWarning);
    expect(again).toBe(handle);
    expect(warnings.some((w) => w.includes('already called'))).toBe(true);
  });

  it('is a no-op when OTEL_SDK_DISABLED=true', async () => {
    handle = configureObservability({ ...quiet, env: { OTEL_SDK_DISABLED: 'true' }, exportTo: ['console'] });
    expect(handle.enabled).toBe(false);
    expect(handle.exporters).toEqual({});
    expect(trace.getTracer('x').startSpan('s').isRecording()).toBe(false);
  });

  it('is a no-op with disabled: true even when env enables it', async () => {
    handle = configureObservability({ ...quiet, env: { OTEL_SDK_DISABLED: 'false' }, disabled: true });
    expect(handle.enabled).toBe(false);
  });

  it('fails open on missing credentials: the app runs and the handle names the env var', async () => {
    server = await startLoopbackOtlpServer();
    handle = configureObservability({
      ...quiet,
      env: {},
      exportTo: { datadog: {}, hub: { endpoint: server.url } },
    });
    expect(handle.enabled).toBe(true);
    expect(handle.errors.map((e) => e.message).join()).toContain('DD_API_KEY');
    expect(handle.exporters.datadog!.configError).toContain('DD_API_KEY');
    emit(2, 0);
    await handle.forceFlush();
    expect(server.itemsFor('traces')).toBe(2);
  });

  it('throws the configuration error when failOpen is false', () => {
    expect(() =>
      configureObservability({ ...quiet, env: {}, failOpen: false, exportTo: ['honeycomb'] }),
    ).toThrow(/HONEYCOMB_API_KEY/);
  });

  it('rejects an unknown option key with a did-you-mean and keeps the valid ones', async () => {
    server = await startLoopbackOtlpServer();
    const options = { ...quiet, env: {}, serviceNme: 'typo', exportTo: { hub: { endpoint: server.url } } };
    handle = configureObservability(options as Parameters<typeof configureObservability>[0]);
    expect(handle.errors[0]!.message).toContain("did you mean 'serviceName'");
    expect(handle.detected.exporters).toEqual(['hub']);
  });

  it('auto with nothing configured sends to a hub that answers on SWITCHYARD_HUB_ENDPOINT', async () => {
    server = await startLoopbackOtlpServer();
    handle = configureObservability({
      ...quiet,
      env: { SWITCHYARD_HUB_ENDPOINT: server.url },
      serviceName: 'auto-hub',
    });
    emit(4, 2);
    await handle.forceFlush();
    expect(server.itemsFor('traces')).toBe(4);
    expect(server.itemsFor('logs')).toBe(2);
    expect(server.itemsFor('metrics')).toBeGreaterThanOrEqual(1);
    expect(handle.detected.exporters).toEqual(['hub']);
    expect(Object.keys(handle.exporters)).toEqual(['hub']);
    expect(handle.detected.reasons.join()).toContain('hub answers');
  });

  it('auto with nothing configured and no hub prints spans to the console', async () => {
    const printed: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => {
      printed.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    try {
      handle = configureObservability({ ...quiet, env: { SWITCHYARD_HUB_ENDPOINT: 'http://127.0.0.1:1' } });
      trace.getTracer('t').startActiveSpan('parent-op', (p) => {
        trace.getTracer('t').startSpan('child-op').end();
        p.end();
      });
      await handle.forceFlush();
    } finally {
      process.stdout.write = write;
    }
    expect(handle.detected.exporters).toEqual(['console']);
    expect(Object.keys(handle.exporters)).toEqual(['console']);
    expect(printed.join('')).toMatch(/parent-op [\d.]+ ms\n\s+└─ child-op/);
  });

  it('reports why it chose exporters for auto', async () => {
    handle = configureObservability({ ...quiet, env: { DD_AGENT_HOST: '127.0.0.1' }, exportTo: 'auto' });
    expect(handle.detected.exporters).toEqual(['datadog']);
    expect(handle.detected.reasons.join()).toContain('DD_AGENT_HOST');
  });
});
