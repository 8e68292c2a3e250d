/**
 * Every preset against a strict loopback endpoint: the exact path the vendor documents, the auth header,
 * the content type for its protocol, the metric temporality, and a body that decodes as OTLP.
 */
import { readFileSync } from 'node:fs';
import { metrics, trace } from '@opentelemetry/api';
import { logs, SeverityNumber } from '@opentelemetry/api-logs';
import type { Signal } from '@switchyard/core';
import { VENDOR_PRESETS } from '@switchyard/presets';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExporterOptions } from '../config/sdk-config-schema.js';
import { configureObservability } from '../configure/configure-observability.js';
import type { ObservabilityHandle } from '../configure/observability-handle.js';
import { type LoopbackOtlpServer, startLoopbackOtlpServer } from '../test-support/loopback-otlp-server.js';

let handle: ObservabilityHandle | undefined;
let server: LoopbackOtlpServer | undefined;

afterEach(async () => {
  await handle?.shutdown();
  await server?.close();
  handle = undefined;
  server = undefined;
});

interface Case {
  name: string;
  /** Options pointing the preset at the loopback server (`URL` is replaced). */
  options: (url: string) => ExporterOptions;
  env?: Record<string, string>;
  paths: Partial<Record<Signal, string>>;
  header: [string, string];
  temporality: 'delta' | 'cumulative';
}

const CASES: Case[] = [
  {
    name: 'datadog',
    options: (url) => ({ endpoint: url }),
    env: { DD_API_KEY: 'dd-key-1' },
    paths: { traces: '/v1/traces', metrics: '/v1/metrics', logs: '/v1/logs' },
    header: ['dd-api-key', 'dd-key-1'],
    temporality: 'delta',
  },
  {
    name: 'newrelic',
    options: (url) => ({ vars: { NEW_RELIC_OTLP_ENDPOINT: url } }),
    env: { NEW_RELIC_LICENSE_KEY: 'nr-license' },
    paths: { traces: '/v1/traces', metrics: '/v1/metrics', logs: '/v1/logs' },
    header: ['api-key', 'nr-license'],
    temporality: 'delta',
  },
  {
    name: 'honeycomb',
    options: (url) => ({ vars: { HONEYCOMB_API_ENDPOINT: url }, apiKey: 'env:MY_HC_KEY' }),
    env: { MY_HC_KEY: 'hc-team-key' },
    paths: { traces: '/v1/traces', metrics: '/v1/metrics', logs: '/v1/logs' },
    header: ['x-honeycomb-team', 'hc-team-key'],
    temporality: 'delta',
  },
  {
    name: 'dynatrace',
    options: (url) => ({ vars: { DT_ENDPOINT: `${url}/api/v2/otlp` } }),
    env: { DT_API_TOKEN: 'dt0c01.abc' },
    paths: {
      traces: '/api/v2/otlp/v1/traces',
      metrics: '/api/v2/otlp/v1/metrics',
      logs: '/api/v2/otlp/v1/logs',
    },
    header: ['authorization', 'Api-Token dt0c01.abc'],
    temporality: 'delta',
  },
  {
    name: 'elastic',
    options: (url) => ({ vars: { ELASTIC_OTLP_ENDPOINT: url } }),
    env: { ELASTIC_API_KEY: 'ZWxhc3RpYw==' },
    paths: { traces: '/v1/traces', metrics: '/v1/metrics', logs: '/v1/logs' },
    header: ['authorization', 'ApiKey ZWxhc3RpYw=='],
    temporality: 'delta',
  },
  {
    name: 'splunk',
    options: (url) => ({ endpoint: url }),
    env: { SPLUNK_REALM: 'us0', SPLUNK_ACCESS_TOKEN: 'sf-token' },
    paths: { traces: '/v2/trace/otlp', metrics: '/v2/datapoint/otlp' },
    header: ['x-sf-token', 'sf-token'],
    temporality: 'cumulative',
  },
  {
    name: 'grafana-cloud',
    options: (url) => ({ vars: { GRAFANA_CLOUD_OTLP_ENDPOINT: `${url}/otlp` } }),
    env: { GRAFANA_CLOUD_INSTANCE_ID: '123456', GRAFANA_CLOUD_API_KEY: 'glc_secret' },
    paths: { traces: '/otlp/v1/traces', metrics: '/otlp/v1/metrics', logs: '/otlp/v1/logs' },
    header: ['authorization', `Basic ${Buffer.from('123456:glc_secret').toString('base64')}`],
    temporality: 'cumulative',
  },
  {
    name: 'jaeger',
    options: (url) => ({ vars: { JAEGER_OTLP_ENDPOINT: url } }),
    paths: { traces: '/v1/traces' },
    header: ['content-type', 'application/x-protobuf'],
    temporality: 'cumulative',
  },
];

function emitAll(): void {
  trace.getTracer('preset-test').startSpan('GET /orders').end();
  metrics.getMeter('preset-test').createCounter('orders_total').add(2);
  logs.getLogger('preset-test').emit({ severityNumber: SeverityNumber.WARN, body: 'low stock' });
}

describe('vendor presets', () => {
  it('are all documented in the README env var table', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const preset of Object.values(VENDOR_PRESETS))
      for (const v of preset.env)
        expect(readme).toMatch(new RegExp(`\\|\\s*\`${preset.name}\`\\s*\\|\\s*\`${v.name}\`\\s*\\|`));
  });

  it('cover every preset in the table', () => {
    // zipkin below; aws, gcp and azure in cloud/cloud-exporters.test.ts (signed requests, official exporter).
    const tested = new Set([...CASES.map((c) => c.name), 'zipkin', 'aws', 'gcp', 'azure']);
    expect(Object.keys(VENDOR_PRESETS).filter((n) => !tested.has(n))).toEqual([]);
  });

  for (const c of CASES) {
    it(`${c.name}: sends to the documented paths with the auth header and ${c.temporality} metrics`, async () => {
      const paths = {
        traces: c.paths.traces ?? '/none/traces',
        metrics: c.paths.metrics ?? '/none/metrics',
        logs: c.paths.logs ?? '/none/logs',
      };
      server = await startLoopbackOtlpServer(paths);
      handle = configureObservability({
        configFile: false,
        env: c.env ?? {},
        serviceName: `preset-${c.name}`,
        exportTo: { [c.name]: c.options(server.url) },
      });
      expect(handle.errors).toEqual([]);
      emitAll();
      await handle.forceFlush();
      // Strict: nothing went anywhere but the documented paths.
      expect(server.requests.filter((r) => !r.signal)).toEqual([]);
      for (const signal of Object.keys(c.paths) as Signal[]) {
        const reqs = server.requests.filter((r) => r.signal === signal);
        expect(reqs.length, `${signal} requests`).toBeGreaterThan(0);
        for (const r of reqs) {
          expect(r.headers[c.header[0]]).toBe(c.header[1]);
          expect(r.headers['content-type']).toBe('application/x-protobuf');
          expect(r.batch, 'body decodes as OTLP').toBeDefined();
        }
      }
      const metricBatch = server.batches('metrics')[0];
      if (c.paths.metrics && metricBatch?.signal === 'metrics') {
        const data = metricBatch.data.resourceMetrics[0]!.scopeMetrics.flatMap((s) => s.metrics);
        const sum = data.find((m) => m.name === 'orders_total')!.data;
        expect(sum?.type === 'sum' && sum.aggregationTemporality).toBe(c.temporality === 'delta' ? 1 : 2);
      }
      expect(handle.exporters[c.name]!.failed).toBe(0);
    });
  }

  it('zipkin: posts JSON v2 spans to /api/v2/spans', async () => {
    server = await startLoopbackOtlpServer(
      { traces: '/api/v2/spans', metrics: '/none/m', logs: '/none/l' },
      'raw',
    );
    handle = configureObservability({
      configFile: false,
      env: {},
      // The loopback server runs in this process: instrumenting it would trace the exporter's own requests.
      instrumentations: { http: false, undici: false },
      serviceName: 'zipkin-svc',
      exportTo: { zipkin: { vars: { ZIPKIN_ENDPOINT: server.url } } },
    });
    trace.getTracer('z').startSpan('zipkin-op').end();
    await handle.forceFlush();
    const req = server.requests.find((r) => r.signal === 'traces')!;
    expect(req.headers['content-type']).toContain('application/json');
    const spans = JSON.parse(req.body.toString()) as Array<{
      name: string;
      localEndpoint: { serviceName: string };
    }>;
    expect(spans[0]!.name).toBe('zipkin-op');
    expect(spans[0]!.localEndpoint.serviceName).toBe('zipkin-svc');
  });

  it('datadog uses the local Agent without a key when DD_AGENT_HOST is set', async () => {
    server = await startLoopbackOtlpServer();
    const port = new URL(server.url).port;
    handle = configureObservability({
      configFile: false,
      env: { DD_AGENT_HOST: '127.0.0.1', DD_OTLP_HTTP_PORT: port },
      exportTo: ['datadog'],
    });
    emitAll();
    await handle.forceFlush();
    const r = server.requests.find((q) => q.signal === 'traces')!;
    expect(r.path).toBe('/v1/traces');
    expect(r.headers['dd-api-key']).toBeUndefined();
  });
});
