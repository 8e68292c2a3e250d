import { ConfigError } from '@switchyard/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SelfMetrics } from '../../self/self-metrics.js';
import { logBatch, logRecord } from '../testing/logs.js';
import { metric, metricsBatch, numberPoint } from '../testing/metrics.js';
import { spanBatch } from '../testing/spans.js';
import { AzureMonitorExporter } from './azure-monitor-exporter.js';
import { BreezeServer, trustingAgent } from './breeze-test-server.js';

const IKEY = '11111111-2222-3333-4444-555555555555';
let server: BreezeServer;
let exporter: AzureMonitorExporter;
let savedStatsbeat: string | undefined;

beforeAll(() => {
  // The official exporter otherwise reports its own usage ("statsbeat") to Microsoft's endpoints.
  savedStatsbeat = process.env.APPLICATION_INSIGHTS_NO_STATSBEAT;
  process.env.APPLICATION_INSIGHTS_NO_STATSBEAT = 'true';
});
afterAll(() => {
  if (savedStatsbeat === undefined) delete process.env.APPLICATION_INSIGHTS_NO_STATSBEAT;
  else process.env.APPLICATION_INSIGHTS_NO_STATSBEAT = savedStatsbeat;
});
beforeEach(async () => {
  server = new BreezeServer(IKEY);
  const url = await server.start();
  exporter = new AzureMonitorExporter('appinsights', {
    connectionString: `InstrumentationKey=${IKEY};IngestionEndpoint=${url}/`,
    agent: trustingAgent(),
    env: {},
  });
});
afterEach(async () => {
  await exporter.shutdown();
  await server.stop();
});

describe('AzureMonitorExporter', () => {
  it('sends a server span as a Request and a client child as a RemoteDependency of the same operation', async () => {
    const batch = spanBatch(1, 2, 'checkout');
    if (batch.signal !== 'traces') throw new Error('traces');
    const [a, b] = batch.data.resourceSpans[0]!.scopeSpans[0]!.spans;
    a!.attributes['http.request.method'] = 'GET';
    a!.attributes['http.response.status_code'] = 200n;
    a!.endTimeUnixNano = a!.startTimeUnixNano + 1_500_000_000n;
    b!.traceId = a!.traceId;
    b!.parentSpanId = a!.spanId;
    b!.kind = 3;
    b!.status = { code: 2, message: 'boom' };
    expect(await exporter.push(batch)).toEqual({ kind: 'success' });
    const req = server.envelopes.find((e) => e.data.baseType === 'RequestData')!;
    const dep = server.envelopes.find((e) => e.data.baseType === 'RemoteDependencyData')!;
    expect(req.tags['ai.operation.id']).toBe(a!.traceId);
    expect(req.tags['ai.cloud.role']).toBe('checkout');
    expect(req.data.baseData).toMatchObject({
      id: a!.spanId,
      duration: expect.stringMatching(/^00:00:01\.5/),
      responseCode: '200',
      success: true,
    });
    expect(req.time).toBe(new Date(Number(a!.startTimeUnixNano / 1_000_000n)).toISOString());
    expect(dep.tags['ai.operation.id']).toBe(a!.traceId);
    expect(dep.tags['ai.operation.parentId']).toBe(a!.spanId);
    expect(dep.data.baseData).toMatchObject({ id: b!.spanId, success: false });
  });

  it('sends log records as Messages and metric points as Metrics', async () => {
    const logs = logBatch({ 'service.name': 'checkout' }, [
      logRecord('low stock', { attributes: { sku: 'A1', qty: 3n } }),
    ]);
    expect(await exporter.push(logs)).toEqual({ kind: 'success' });
    const now = Date.now();
    const metrics = metricsBatch({ 'service.name': 'checkout' }, [
      metric('queue.depth', '1', { type: 'gauge', dataPoints: [numberPoint(7n, now, { queue: 'q1' })] }),
    ]);
    expect(await exporter.push(metrics)).toEqual({ kind: 'success' });
    const msg = server.envelopes.find((e) => e.data.baseType === 'MessageData')!;
    expect(msg.data.baseData).toMatchObject({ message: 'low stock', properties: { sku: 'A1', qty: '3' } });
    expect(msg.tags['ai.cloud.role']).toBe('checkout');
    const m = server.envelopes.find((e) => e.data.baseType === 'MetricData')!;
    expect(m.data.baseData).toMatchObject({
      metrics: [{ name: 'queue.depth', value: 7 }],
      properties: { queue: 'q1' },
    });
  });

  it('sends cumulative counters as deltas (a retried batch gives the same delta) and up-down counters as they are', async () => {
    const now = Date.now();
    const batch = (value: number, level: number, timeMs: number) =>
      metricsBatch({ 'service.name': 'checkout' }, [
        metric('orders', '1', {
          type: 'sum',
          aggregationTemporality: 2,
          isMonotonic: true,
          dataPoints: [{ ...numberPoint(BigInt(value), timeMs), startTimeUnixNano: 1n }],
        }),
        metric('queue.level', '1', {
          type: 'sum',
          aggregationTemporality: 2,
          isMonotonic: false,
          dataPoints: [{ ...numberPoint(level, timeMs), startTimeUnixNano: 1n }],
        }),
      ]);
    const sent = () =>
      server.envelopes
        .filter((e) => e.data.baseType === 'MetricData')
        .map((e) => (e.data.baseData as { metrics: { name: string; value: number }[] }).metrics[0]!)
        .map((m) => [m.name, m.value]);
    expect(await exporter.push(batch(10, 3, now - 2000))).toEqual({ kind: 'success' });
    // The counter's first point (a series older than the exporter) is dropped; the up-down counter is sent.
    expect(sent()).toEqual([['queue.level', 3]]);
    expect(await exporter.push(batch(25, 2, now - 1000))).toEqual({ kind: 'success' });
    expect(await exporter.push(batch(25, 2, now - 1000))).toEqual({ kind: 'success' });
    expect(sent().slice(1)).toEqual([
      ['orders', 15],
      ['queue.level', 2],
      ['orders', 15],
      ['queue.level', 2],
    ]);
  });

  it('maps 503 with Retry-After to retryable and 400 to permanent', async () => {
    server.reply = () => ({ status: 503, headers: { 'retry-after': '7' } });
    expect(await exporter.push(spanBatch(1, 1))).toMatchObject({ kind: 'retryable', retryAfterMs: 7000 });
    server.reply = () => ({ status: 400 });
    expect(await exporter.push(spanBatch(2, 1))).toMatchObject({
      kind: 'permanent',
      message: expect.stringContaining('HTTP 400'),
    });
    expect(server.envelopes).toHaveLength(0);
  });

  it('counts and logs the items a 206 partial success rejected, without retrying the batch', async () => {
    const metrics = new SelfMetrics();
    const lines: string[] = [];
    const url = server.url;
    const counted = new AzureMonitorExporter('appinsights', {
      connectionString: `InstrumentationKey=${IKEY};IngestionEndpoint=${url}/`,
      agent: trustingAgent(),
      env: {},
      metrics,
      log: (l) => lines.push(l),
    });
    try {
      // How many envelopes such a batch makes (span events become envelopes of their own).
      expect(await counted.push(spanBatch(10, 5))).toEqual({ kind: 'success' });
      const n = server.envelopes.splice(0).length;
      expect(n).toBeGreaterThanOrEqual(5);
      server.reply = () => ({ status: 206, accepted: 2 });
      expect(await counted.push(spanBatch(1, 5))).toEqual({ kind: 'success' });
      expect(server.envelopes).toHaveLength(2);
      expect(
        metrics.value('switchyard_exporter_rejected_items_total', {
          exporter: 'appinsights',
          signal: 'traces',
        }),
      ).toBe(n - 2);
      expect(lines).toEqual([
        `exporter appinsights: partial success, ${n - 2} traces items rejected: 400 Invalid field`,
      ]);
    } finally {
      await counted.shutdown();
    }
  });

  it('reports an unreachable endpoint as retryable', async () => {
    await server.stop();
    expect((await exporter.push(spanBatch(1, 1))).kind).toBe('retryable');
    server = new BreezeServer(IKEY);
    await server.start();
  });
});

describe('AzureMonitorExporter configuration', () => {
  it('fails at construction without a connection string, naming the env var', () => {
    expect(() => new AzureMonitorExporter('ai', { env: {} })).toThrow(ConfigError);
    expect(() => new AzureMonitorExporter('ai', { env: {} })).toThrow(/connection string/);
    try {
      new AzureMonitorExporter('ai', { env: {} });
    } catch (err) {
      expect((err as ConfigError).hint).toContain('APPLICATIONINSIGHTS_CONNECTION_STRING');
      expect((err as ConfigError).path).toBe('exporters.ai.connectionString');
    }
  });

  it('rejects a connection string without an InstrumentationKey and reads the env fallback', () => {
    expect(
      () => new AzureMonitorExporter('ai', { connectionString: 'IngestionEndpoint=https://x/' }),
    ).toThrow(/InstrumentationKey/);
    const e = new AzureMonitorExporter('ai', {
      env: { APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=${IKEY}` },
    });
    expect(e.name).toBe('ai');
  });

  it('fails the push permanently with the npm install command when the package is missing', async () => {
    const e = new AzureMonitorExporter('ai', {
      connectionString: `InstrumentationKey=${IKEY}`,
      importAzure: () =>
        Promise.reject(Object.assign(new Error('Cannot find package'), { code: 'ERR_MODULE_NOT_FOUND' })),
    });
    expect(await e.push(spanBatch(1, 1))).toEqual({
      kind: 'permanent',
      message: expect.stringContaining('npm install @azure/monitor-opentelemetry-exporter@1.0.0-beta.42'),
    });
    await e.shutdown();
  });
});
