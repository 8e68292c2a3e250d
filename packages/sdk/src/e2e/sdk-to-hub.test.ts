/**
 * End to end: the real hub runs as its own process; an app configured with @switchyard/sdk sends traces,
 * logs and metrics to it (OTLP/HTTP, and OTLP/gRPC for a second service), and the hub's HTTP API shows
 * them with the right resource attributes, business context and execution metrics.
 */
import { trace } from '@opentelemetry/api';
import { logs, SeverityNumber } from '@opentelemetry/api-logs';
import { describe, expect, it } from 'vitest';
import { eventually, getJson, useHubProcess } from '../../../../test/helpers/hub-process.js';
import { configureObservability } from '../configure/configure-observability.js';
import { withBusinessContext } from '../context/business-context.js';
import { tracePerformance } from '../context/trace-performance.js';
import { monitorExecution } from '../execution/monitor-execution.js';

const hub = useHubProcess();

async function runApp(
  service: string,
  exportTo: Parameters<typeof configureObservability>[0],
): Promise<string> {
  const handle = configureObservability({
    configFile: false,
    env: { OTEL_RESOURCE_ATTRIBUTES: 'team=payments,cloud.region=eu-west-1' },
    serviceName: service,
    serviceVersion: '2.3.4',
    environment: 'e2e',
    metricExportIntervalMillis: 60_000,
    ...exportTo,
  });
  let traceId = '';
  await withBusinessContext({ tenantId: 'acme', tier: 'premium' }, () =>
    tracePerformance('checkout', { sloThresholdMs: 5000 }, async (span) => {
      traceId = span.spanContext().traceId;
      trace.getTracer('app').startSpan('charge-card').end();
      logs
        .getLogger('app')
        .emit({ severityNumber: SeverityNumber.ERROR, body: 'card declined once, retrying' });
      await monitorExecution('reindex', [1, 2, 3, 4], async (n) => n, { concurrency: 2, chunkSize: 2 });
    }),
  );
  await handle.forceFlush();
  expect(Object.values(handle.exporters).every((e) => e.failed === 0)).toBe(true);
  await handle.shutdown();
  return traceId;
}

describe('SDK → hub', () => {
  it('delivers spans, logs and metrics over OTLP/HTTP with the resource attributes', async () => {
    const service = 'sdk-e2e-http';
    const traceId = await runApp(service, { exportTo: { hub: { endpoint: hub().otlpHttp } } });

    const traces = await eventually(async () => {
      const r = await getJson(`${hub().api}/api/traces?service=${service}`);
      return r.status === 200 && r.body.traces.length > 0 ? r.body.traces : undefined;
    });
    expect(traces.map((t: { traceId: string }) => t.traceId)).toContain(traceId);

    const { body } = await getJson(`${hub().api}/api/traces/${traceId}`);
    const names = body.spans.map((s: { name: string }) => s.name).sort();
    expect(names).toEqual(['charge-card', 'checkout', 'execution reindex']);
    const checkout = body.spans.find((s: { name: string }) => s.name === 'checkout');
    expect(checkout.resource.attributes).toMatchObject({
      'service.name': service,
      'service.version': '2.3.4',
      'deployment.environment.name': 'e2e',
      team: 'payments',
      'cloud.region': 'eu-west-1',
      'telemetry.sdk.language': 'nodejs',
      'telemetry.distro.name': '@switchyard/sdk',
    });
    expect(checkout.attributes).toMatchObject({
      'tenant.id': 'acme',
      'tenant.tier': 'premium',
      'sli.met': true,
    });
    const card = body.spans.find((s: { name: string }) => s.name === 'charge-card');
    expect(card.parentSpanId).toBe(checkout.spanId);
    expect(card.attributes['tenant.id']).toBe('acme');

    const logsBody = await eventually(async () => {
      const r = await getJson(`${hub().api}/api/logs?service=${service}`);
      return r.status === 200 && r.body.logs.length > 0 ? r.body : undefined;
    });
    expect(logsBody.logs[0].body).toBe('card declined once, retrying');
    expect(logsBody.logs[0].traceId).toBe(traceId);
    expect(logsBody.logs[0].resource.attributes['service.name']).toBe(service);

    const metricNames = await eventually(async () => {
      const r = await getJson(`${hub().api}/api/metrics/names?service=${service}`);
      const list = (r.body.metrics ?? []).map((m: string | { name: string }) =>
        typeof m === 'string' ? m : m.name,
      );
      return list.includes('items_processed') ? list : undefined;
    });
    expect(metricNames).toEqual(
      expect.arrayContaining([
        'sli.duration',
        'sli.requests',
        'executions_total',
        'items_processed',
        'throughput',
      ]),
    );
  });

  it('delivers over OTLP/gRPC too', async () => {
    const service = 'sdk-e2e-grpc';
    const traceId = await runApp(service, {
      exportTo: { otlp: { endpoint: hub().otlpGrpc, protocol: 'grpc' } },
    });
    const body = await eventually(async () => {
      const r = await getJson(`${hub().api}/api/traces/${traceId}`);
      return r.status === 200 && r.body.spans.length === 3 ? r.body : undefined;
    });
    expect(body.spans[0].resource.attributes['service.name']).toBe(service);
    const logsBody = await eventually(async () => {
      const r = await getJson(`${hub().api}/api/logs?service=${service}`);
      return r.status === 200 && r.body.logs.length > 0 ? r.body : undefined;
    });
    expect(logsBody.logs[0].traceId).toBe(traceId);
  });
});
