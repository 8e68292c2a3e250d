/**
 * Every OTLP vendor preset as a hub exporter, against a strict loopback endpoint that answers 400 unless the
 * request is the one the vendor documents: the path, the auth header, protobuf content, a body that decodes
 * as OTLP — and delta metrics where the vendor needs them. AWS signatures are recomputed independently.
 */
import { generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeRequest, type Signal, type TelemetryBatch, Temporality } from '@switchyard/core';
import { verifySigV4 } from '@switchyard/presets';
import { afterEach, describe, expect, it } from 'vitest';
import { SelfMetrics } from '../../self/self-metrics.js';
import { type CapturedRequest, CaptureServer } from '../testing/capture-server.js';
import { logBatch, logRecord } from '../testing/logs.js';
import { metric, metricsBatch, numberPoint } from '../testing/metrics.js';
import { spanBatch } from '../testing/spans.js';
import { vendorExporterConfigSchema, vendorExporterFactory } from './vendor-exporter-config.js';
import type { VendorOtlpExporter } from './vendor-otlp-exporter.js';

let server: CaptureServer | undefined;
let exporter: VendorOtlpExporter | undefined;
afterEach(async () => {
  await exporter?.shutdown();
  await server?.stop();
  exporter = undefined;
  server = undefined;
});

interface Received extends CapturedRequest {
  signal: Signal;
  batch: TelemetryBatch;
}

/** A strict endpoint: documented paths only, the expected auth header, protobuf that decodes. */
async function strictEndpoint(paths: Partial<Record<Signal, string>>, auth?: [string, string]) {
  const s = new CaptureServer();
  const received: Received[] = [];
  s.responder = (req) => {
    const signal = (Object.keys(paths) as Signal[]).find((k) => paths[k] === req.path);
    if (!signal) return { status: 404, body: `no such path ${req.path}` };
    if (auth && req.headers[auth[0]] !== auth[1]) return { status: 401, body: `bad ${auth[0]}` };
    if (req.method !== 'POST') throw new Error('POST only');
    if (req.headers['content-type'] !== 'application/x-protobuf') throw new Error('protobuf only');
    const raw = req.headers['content-encoding'] === 'gzip' ? gunzipSync(req.body) : req.body;
    received.push({ ...req, signal, batch: decodeRequest(signal, raw, 'protobuf') });
    return { status: 200 };
  };
  const url = await s.start();
  server = s;
  return { url, received };
}

const RESOURCE = { 'service.name': 'checkout' };
function counter(value: number, timeMs: number): TelemetryBatch {
  const p = { ...numberPoint(value, timeMs), startTimeUnixNano: 1_000_000n };
  return metricsBatch(RESOURCE, [
    metric('orders_total', '1', {
      type: 'sum',
      aggregationTemporality: Temporality.CUMULATIVE,
      isMonotonic: true,
      dataPoints: [p],
    }),
  ]);
}

function create(config: Record<string, unknown>, metrics?: SelfMetrics): VendorOtlpExporter {
  const parsed = vendorExporterConfigSchema.parse(config);
  exporter = vendorExporterFactory.create(parsed, { name: 'vendor', metrics }) as VendorOtlpExporter;
  return exporter;
}

/** Pushes a span batch, two cumulative counter points and a log batch; every push must succeed. */
async function pushAll(e: VendorOtlpExporter): Promise<void> {
  for (const b of [
    spanBatch(0, 2),
    counter(10, 1000),
    counter(25, 2000),
    logBatch(RESOURCE, [logRecord('low stock')]),
  ]) {
    expect(await e.push(b)).toEqual({ kind: 'success' });
  }
}

function sumOf(r: Received | undefined) {
  const data =
    r?.batch.signal === 'metrics'
      ? r.batch.data.resourceMetrics[0]?.scopeMetrics[0]?.metrics[0]?.data
      : undefined;
  return data?.type === 'sum' ? data : undefined;
}

const OTLP = (prefix = '') => ({
  traces: `${prefix}/v1/traces`,
  metrics: `${prefix}/v1/metrics`,
  logs: `${prefix}/v1/logs`,
});

interface Case {
  type: string;
  settings: (url: string) => Record<string, string>;
  /** Point the exporter at the test server with `endpoint` (fixed vendor hosts) instead of a setting. */
  override?: boolean;
  paths: Partial<Record<Signal, string>>;
  auth?: [string, string];
  delta: boolean;
}

const CASES: Case[] = [
  {
    type: 'datadog',
    settings: () => ({ DD_API_KEY: 'dd-key', DD_SITE: 'datadoghq.eu' }),
    override: true,
    paths: OTLP(),
    auth: ['dd-api-key', 'dd-key'],
    delta: true,
  },
  {
    type: 'newrelic',
    settings: (url) => ({ NEW_RELIC_LICENSE_KEY: 'nr-key', NEW_RELIC_OTLP_ENDPOINT: url }),
    paths: OTLP(),
    auth: ['api-key', 'nr-key'],
    delta: true,
  },
  {
    type: 'honeycomb',
    settings: (url) => ({ HONEYCOMB_API_KEY: 'hc-key', HONEYCOMB_API_ENDPOINT: url }),
    paths: OTLP(),
    auth: ['x-honeycomb-team', 'hc-key'],
    delta: true,
  },
  {
    type: 'dynatrace',
    settings: (url) => ({ DT_ENDPOINT: `${url}/api/v2/otlp`, DT_API_TOKEN: 'dt0c01.tok' }),
    paths: OTLP('/api/v2/otlp'),
    auth: ['authorization', 'Api-Token dt0c01.tok'],
    delta: true,
  },
  {
    type: 'elastic',
    settings: (url) => ({ ELASTIC_OTLP_ENDPOINT: url, ELASTIC_API_KEY: 'es-key' }),
    paths: OTLP(),
    auth: ['authorization', 'ApiKey es-key'],
    delta: true,
  },
  {
    type: 'splunk',
    settings: () => ({ SPLUNK_REALM: 'us1', SPLUNK_ACCESS_TOKEN: 'sf-tok' }),
    override: true,
    paths: { traces: '/v2/trace/otlp', metrics: '/v2/datapoint/otlp' },
    auth: ['x-sf-token', 'sf-tok'],
    delta: false,
  },
  {
    type: 'grafana-cloud',
    settings: (url) => ({
      GRAFANA_CLOUD_OTLP_ENDPOINT: `${url}/otlp`,
      GRAFANA_CLOUD_INSTANCE_ID: '123456',
      GRAFANA_CLOUD_API_KEY: 'glc_tok',
    }),
    paths: OTLP('/otlp'),
    auth: ['authorization', `Basic ${Buffer.from('123456:glc_tok').toString('base64')}`],
    delta: false,
  },
  {
    type: 'jaeger',
    settings: (url) => ({ JAEGER_OTLP_ENDPOINT: url }),
    paths: { traces: '/v1/traces' },
    delta: false,
  },
];

describe('vendor exporters from presets', () => {
  for (const c of CASES) {
    it(`${c.type}: sends each accepted signal to the documented path with its auth, metrics ${c.delta ? 'delta' : 'as received'}`, async () => {
      const { url, received } = await strictEndpoint(c.paths, c.auth);
      const metrics = new SelfMetrics();
      const e = create(
        { type: c.type, settings: c.settings(url), ...(c.override ? { endpoint: url } : {}) },
        metrics,
      );
      await pushAll(e);
      expect(received.map((r) => r.signal).sort()).toEqual(
        (Object.keys(c.paths) as Signal[])
          .flatMap((s) => (s === 'metrics' ? (c.delta ? [s] : [s, s]) : [s]))
          .sort(),
      );
      for (const r of received) expect(r.headers['content-encoding']).toBe('gzip');
      if (c.paths.metrics) {
        const sums = received.filter((r) => r.signal === 'metrics').map(sumOf);
        if (c.delta) {
          // The first cumulative point only primes the series; the second is sent as the difference.
          expect(sums).toHaveLength(1);
          expect(sums[0]).toMatchObject({ aggregationTemporality: Temporality.DELTA });
          expect(sums[0]!.dataPoints[0]).toMatchObject({ value: 15, startTimeUnixNano: 1_000_000_000n });
        } else {
          expect(sums.map((s) => s?.aggregationTemporality)).toEqual([
            Temporality.CUMULATIVE,
            Temporality.CUMULATIVE,
          ]);
        }
      }
      const skipped = (['traces', 'metrics', 'logs'] as const).filter((s) => !c.paths[s]);
      for (const s of skipped)
        expect(
          metrics.value('switchyard_exporter_dropped_items_total', {
            exporter: 'vendor',
            reason: `${s}_not_accepted`,
          }),
          `${s} skipped and counted`,
        ).toBeGreaterThan(0);
    });
  }

  it('datadog: sends to the local Agent without a key when DD_AGENT_HOST is set', async () => {
    const { url, received } = await strictEndpoint(OTLP());
    const port = new URL(url).port;
    const e = create({
      type: 'datadog',
      settings: { DD_AGENT_HOST: '127.0.0.1', DD_OTLP_HTTP_PORT: Number(port) },
    });
    await pushAll(e);
    expect(received.map((r) => r.signal).sort()).toEqual(['logs', 'metrics', 'traces']);
    expect(received[0]!.headers['dd-api-key']).toBeUndefined();
  });

  it('passes received protobuf bytes through unchanged when nothing is converted', async () => {
    const { url, received } = await strictEndpoint(OTLP(), ['api-key', 'k']);
    const e = create({
      type: 'newrelic',
      settings: { NEW_RELIC_LICENSE_KEY: 'k', NEW_RELIC_OTLP_ENDPOINT: url },
      compression: 'none',
    });
    // Bytes that differ from a re-encoding of `data` prove they were sent as received.
    const marker = spanBatch(0, 1);
    const bytes = (await import('@switchyard/core')).encodeRequest(spanBatch(5, 3), 'protobuf');
    expect(await e.push({ ...marker, encoded: { format: 'protobuf', bytes } } as TelemetryBatch)).toEqual({
      kind: 'success',
    });
    expect(Buffer.compare(received[0]!.body, Buffer.from(bytes))).toBe(0);
  });

  it('aws: signs X-Ray, CloudWatch and CloudWatch Logs requests with SigV4 per service (recomputed)', async () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
    const { url, received } = await strictEndpoint(OTLP());
    const e = create({
      type: 'aws',
      endpoint: url,
      settings: {
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
        AWS_SECRET_ACCESS_KEY: secret,
        AWS_LOG_GROUP: 'checkout-logs',
        AWS_LOG_STREAM: 'pod-1',
      },
    });
    await pushAll(e);
    const services = { traces: 'xray', metrics: 'monitoring', logs: 'logs' } as const;
    expect(received.map((r) => r.signal).sort()).toEqual(['logs', 'metrics', 'traces']);
    for (const r of received) {
      const check = verifySigV4({ method: r.method, path: r.path, headers: r.headers, wire: r.body }, secret);
      expect(check.valid, `${r.signal} signature`).toBe(true);
      expect(check).toMatchObject({
        accessKeyId: 'AKIDEXAMPLE',
        region: 'eu-west-1',
        service: services[r.signal],
      });
      expect(check.signedHeaders).toEqual(expect.arrayContaining(['host', 'x-amz-date', 'content-type']));
    }
    const logs = received.find((r) => r.signal === 'logs')!;
    expect(logs.headers['x-aws-log-group']).toBe('checkout-logs');
    expect(logs.headers['x-aws-log-stream']).toBe('pod-1');
    const tampered = {
      method: logs.method,
      path: logs.path,
      headers: logs.headers,
      wire: Buffer.concat([logs.body, Buffer.from([0])]),
    };
    expect(verifySigV4(tampered, secret).valid).toBe(false);
    expect(sumOf(received.find((r) => r.signal === 'metrics'))?.aggregationTemporality).toBe(
      Temporality.DELTA,
    );
  });

  it('aws: a failed credential lookup is a permanent failure naming what to set', async () => {
    const { url, received } = await strictEndpoint(OTLP());
    const e = create({
      type: 'aws',
      endpoint: url,
      settings: { AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: '' },
    });
    const before = { ...process.env };
    process.env.AWS_ACCESS_KEY_ID = '';
    process.env.AWS_SECRET_ACCESS_KEY = '';
    process.env.AWS_PROFILE = 'switchyard-test-no-such-profile';
    process.env.AWS_CONFIG_FILE = '/nonexistent/aws-config';
    process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/aws-credentials';
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    try {
      const r = await e.push(spanBatch(0, 1));
      expect(r).toMatchObject({ kind: 'permanent', message: expect.stringContaining('no AWS credentials') });
      expect(received).toEqual([]);
    } finally {
      for (const k of Object.keys(process.env)) if (!(k in before)) delete process.env[k];
      Object.assign(process.env, before);
    }
  });

  it('gcp: sends with a service-account bearer token and gcp.project_id on every resource', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const email = 'telemetry@proj-1.iam.gserviceaccount.com';
    const file = join(mkdtempSync(join(tmpdir(), 'sy-gcp-')), 'sa.json');
    writeFileSync(
      file,
      JSON.stringify({
        type: 'service_account',
        project_id: 'proj-1',
        private_key_id: 'key-1',
        private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
        client_email: email,
        client_id: '1',
        token_uri: 'http://127.0.0.1:1/token',
      }),
    );
    const { url, received } = await strictEndpoint(OTLP());
    const e = create({
      type: 'gcp',
      settings: {
        GOOGLE_CLOUD_PROJECT: 'proj-1',
        GOOGLE_APPLICATION_CREDENTIALS: file,
        GCP_TELEMETRY_ENDPOINT: url,
      },
    });
    await pushAll(e);
    expect(received.map((r) => r.signal).sort()).toEqual(['logs', 'metrics', 'metrics', 'traces']);
    for (const r of received) {
      const [scheme, token = ''] = String(r.headers.authorization).split(' ');
      expect(scheme).toBe('Bearer');
      const [h = '', p = '', s = ''] = token.split('.');
      expect(verify('RSA-SHA256', Buffer.from(`${h}.${p}`), publicKey, Buffer.from(s, 'base64url'))).toBe(
        true,
      );
      const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
      expect(payload).toMatchObject({ iss: email, sub: email });
      const b = r.batch;
      const resource =
        b.signal === 'traces'
          ? b.data.resourceSpans[0]!.resource
          : b.signal === 'metrics'
            ? b.data.resourceMetrics[0]!.resource
            : b.data.resourceLogs[0]!.resource;
      expect(resource.attributes['gcp.project_id']).toBe('proj-1');
    }
  });
});
