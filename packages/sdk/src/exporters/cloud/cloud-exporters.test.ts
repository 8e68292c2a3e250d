/**
 * The cloud presets against strict loopback endpoints: AWS (SigV4 recomputed independently with node:crypto),
 * Google Cloud (a self-signed service-account JWT verified with the public key) and Azure Monitor (the
 * official exporter's envelopes). Each also fails open with an error naming the env var.
 */
import { generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { metrics, trace } from '@opentelemetry/api';
import { logs, SeverityNumber } from '@opentelemetry/api-logs';
import { AWS_PACKAGES, importOptional, verifySigV4 } from '@switchyard/presets';
import { afterEach, describe, expect, it } from 'vitest';
import type { ObservabilityOptions } from '../../config/observability-options.js';
import { configureObservability } from '../../configure/configure-observability.js';
import type { ObservabilityHandle } from '../../configure/observability-handle.js';
import { type LoopbackOtlpServer, startLoopbackOtlpServer } from '../../test-support/loopback-otlp-server.js';

let handle: ObservabilityHandle | undefined;
let server: LoopbackOtlpServer | undefined;
const restoreEnv: Array<() => void> = [];

afterEach(async () => {
  await handle?.shutdown();
  await server?.close();
  handle = undefined;
  server = undefined;
  for (const r of restoreEnv.splice(0)) r();
});

function setProcessEnv(vars: Record<string, string>): void {
  for (const [k, v] of Object.entries(vars)) {
    const before = process.env[k];
    process.env[k] = v;
    restoreEnv.push(() => {
      if (before === undefined) delete process.env[k];
      else process.env[k] = before;
    });
  }
}

const base: ObservabilityOptions = {
  configFile: false,
  failureLogIntervalMs: 3_600_000,
  // The loopback endpoint runs in this process: instrumenting it would trace the exporters' own requests.
  instrumentations: { http: false, undici: false },
};

function emitAll(): void {
  trace.getTracer('cloud-test').startSpan('GET /orders').end();
  metrics.getMeter('cloud-test').createCounter('orders_total').add(2);
  logs.getLogger('cloud-test').emit({ severityNumber: SeverityNumber.WARN, body: 'low stock' });
}

const AWS_ENV = {
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  AWS_LOG_GROUP: 'checkout-logs',
  AWS_LOG_STREAM: 'pod-1',
};

describe('aws preset', () => {
  it('signs X-Ray traces, CloudWatch metrics and CloudWatch Logs requests with SigV4 per service', async () => {
    server = await startLoopbackOtlpServer();
    handle = configureObservability({
      ...base,
      env: AWS_ENV,
      serviceName: 'checkout',
      exportTo: { aws: { endpoint: server.url } },
    });
    expect(handle.errors).toEqual([]);
    emitAll();
    await handle.forceFlush();
    expect(server.requests.filter((r) => !r.signal)).toEqual([]);
    const services = { traces: 'xray', metrics: 'monitoring', logs: 'logs' } as const;
    for (const signal of ['traces', 'metrics', 'logs'] as const) {
      const reqs = server.requests.filter((r) => r.signal === signal);
      expect(reqs.length, signal).toBeGreaterThan(0);
      for (const r of reqs) {
        const check = verifySigV4(r, AWS_ENV.AWS_SECRET_ACCESS_KEY);
        expect(check.valid, `${signal} signature`).toBe(true);
        expect(check).toMatchObject({
          accessKeyId: 'AKIDEXAMPLE',
          region: 'eu-west-1',
          service: services[signal],
        });
        expect(check.signedHeaders).toEqual(expect.arrayContaining(['host', 'x-amz-date', 'content-type']));
        expect(r.headers['content-type']).toBe('application/x-protobuf');
        expect(r.headers['content-encoding']).toBe('gzip');
        expect(r.batch, 'body decodes as OTLP').toBeDefined();
      }
    }
    const logReq = server.requests.find((r) => r.signal === 'logs')!;
    expect(logReq.headers['x-aws-log-group']).toBe('checkout-logs');
    expect(logReq.headers['x-aws-log-stream']).toBe('pod-1');
    expect(verifySigV4(logReq, AWS_ENV.AWS_SECRET_ACCESS_KEY).signedHeaders).toContain('x-aws-log-group');
    expect(server.requests.find((r) => r.signal === 'traces')!.headers['x-aws-log-group']).toBeUndefined();
    // A tampered body no longer matches the signature (the check is not vacuous).
    const tampered = { ...logReq, wire: Buffer.concat([logReq.wire, Buffer.from([0])]) };
    expect(verifySigV4(tampered, AWS_ENV.AWS_SECRET_ACCESS_KEY).valid).toBe(false);
    // X-Ray trace ids start with the epoch seconds of the trace start; metrics are delta for CloudWatch.
    const traces = server.batches('traces')[0]!;
    const span =
      traces.signal === 'traces' ? traces.data.resourceSpans[0]!.scopeSpans[0]!.spans[0]! : undefined;
    const seconds = Number.parseInt(span!.traceId.slice(0, 8), 16);
    expect(Math.abs(seconds - Date.now() / 1000)).toBeLessThan(600);
    const m = server.batches('metrics')[0]!;
    const sum =
      m.signal === 'metrics' ? m.data.resourceMetrics[0]!.scopeMetrics[0]!.metrics[0]!.data : undefined;
    expect(sum?.type === 'sum' && sum.aggregationTemporality).toBe(1);
    expect(handle.detected.propagators).toContain('xray');
    expect(handle.exporters.aws!.failed).toBe(0);
  });

  it('sends logs only when AWS_LOG_GROUP names a log group', async () => {
    server = await startLoopbackOtlpServer();
    const { AWS_LOG_GROUP: _g, AWS_LOG_STREAM: _s, ...env } = AWS_ENV;
    handle = configureObservability({ ...base, env, exportTo: { aws: { endpoint: server.url } } });
    expect(handle.exporters.aws!.signals).toEqual(['traces', 'metrics']);
  });

  it('fails open naming AWS_REGION when no region is set', async () => {
    server = await startLoopbackOtlpServer();
    handle = configureObservability({
      ...base,
      env: {},
      exportTo: { aws: {}, hub: { endpoint: server.url } },
    });
    expect(handle.enabled).toBe(true);
    expect(handle.exporters.aws!.configError).toContain('AWS_REGION');
    emitAll();
    await handle.forceFlush();
    expect(server.itemsFor('traces')).toBe(1);
  });

  it('fails open naming the credential env vars when the default chain finds none', async () => {
    setProcessEnv({
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: '/nonexistent/config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
    });
    for (const k of [
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_PROFILE',
      'AWS_WEB_IDENTITY_TOKEN_FILE',
      'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
      'AWS_CONTAINER_CREDENTIALS_FULL_URI',
    ])
      if (process.env[k] !== undefined) setProcessEnv({ [k]: '' });
    server = await startLoopbackOtlpServer();
    handle = configureObservability({
      ...base,
      env: { AWS_REGION: 'us-east-1' },
      exportTo: { aws: { endpoint: server.url } },
    });
    emitAll();
    await handle.forceFlush();
    expect(server.requests).toEqual([]);
    expect(handle.exporters.aws!.failed).toBeGreaterThan(0);
    expect(handle.exporters.aws!.configError).toContain('no AWS credentials');
    expect(handle.errors.map((e) => e.hint).join()).toContain('AWS_ACCESS_KEY_ID');
  });

  it('names the npm install command when an optional package is missing', async () => {
    const missing = importOptional(
      () => import('@switchyard/package-that-does-not-exist' as string),
      'aws',
      AWS_PACKAGES,
      'exportTo.aws',
    );
    await expect(missing).rejects.toMatchObject({
      message: expect.stringContaining('@smithy/signature-v4 and @aws-sdk/credential-provider-node'),
      hint: 'npm install @smithy/signature-v4@5 @aws-sdk/credential-provider-node@3',
    });
  });
});

function writeServiceAccount(): { file: string; publicKey: string; email: string } {
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
  return { file, publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(), email };
}

function decodeJwt(token: string, publicKey: string) {
  const [h = '', p = '', s = ''] = token.split('.');
  const valid = verify('RSA-SHA256', Buffer.from(`${h}.${p}`), publicKey, Buffer.from(s, 'base64url'));
  return {
    valid,
    header: JSON.parse(Buffer.from(h, 'base64url').toString()) as Record<string, unknown>,
    payload: JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>,
  };
}

describe('gcp preset', () => {
  it('sends OTLP with a service-account bearer token and gcp.project_id on the resource', async () => {
    const sa = writeServiceAccount();
    server = await startLoopbackOtlpServer();
    handle = configureObservability({
      ...base,
      env: { GOOGLE_CLOUD_PROJECT: 'proj-1', GOOGLE_APPLICATION_CREDENTIALS: sa.file },
      exportTo: { gcp: { vars: { GCP_TELEMETRY_ENDPOINT: server.url } } },
    });
    expect(handle.errors).toEqual([]);
    emitAll();
    await handle.forceFlush();
    expect(server.requests.filter((r) => !r.signal)).toEqual([]);
    for (const signal of ['traces', 'metrics', 'logs'] as const) {
      const r = server.requests.find((q) => q.signal === signal);
      expect(r, signal).toBeDefined();
      const [scheme, token = ''] = String(r!.headers.authorization).split(' ');
      expect(scheme).toBe('Bearer');
      const jwt = decodeJwt(token, sa.publicKey);
      expect(jwt.valid).toBe(true);
      expect(jwt.header).toMatchObject({ alg: 'RS256', kid: 'key-1' });
      expect(jwt.payload).toMatchObject({ iss: sa.email, sub: sa.email });
      expect(String(jwt.payload.scope)).toContain('https://www.googleapis.com/auth/cloud-platform');
      expect(r!.headers['content-type']).toBe('application/x-protobuf');
    }
    const b = server.batches('traces')[0]!;
    const attrs = b.signal === 'traces' ? b.data.resourceSpans[0]!.resource.attributes : {};
    expect(attrs['gcp.project_id']).toBe('proj-1');
    expect(handle.exporters.gcp!.failed).toBe(0);
  });

  it('fails open naming GOOGLE_CLOUD_PROJECT when no project is set', () => {
    handle = configureObservability({ ...base, env: {}, exportTo: ['gcp'] });
    expect(handle.exporters.gcp!.configError).toContain('GOOGLE_CLOUD_PROJECT');
  });

  it('fails open naming GOOGLE_APPLICATION_CREDENTIALS when no credentials are found', async () => {
    setProcessEnv({
      METADATA_SERVER_DETECTION: 'none',
      CLOUDSDK_CONFIG: '/nonexistent/gcloud',
      GOOGLE_APPLICATION_CREDENTIALS: '',
    });
    server = await startLoopbackOtlpServer();
    handle = configureObservability({
      ...base,
      env: { GOOGLE_CLOUD_PROJECT: 'proj-1' },
      exportTo: { gcp: { endpoint: server.url } },
    });
    emitAll();
    await handle.forceFlush();
    expect(server.requests).toEqual([]);
    expect(handle.exporters.gcp!.configError).toContain('no Google Cloud credentials');
    expect(handle.errors.map((e) => e.hint).join()).toContain('GOOGLE_APPLICATION_CREDENTIALS');
  });
});

interface TrackRequest {
  path: string;
  headers: IncomingHttpHeaders;
  envelopes: Array<{
    name: string;
    iKey: string;
    data: { baseType: string; baseData: Record<string, unknown> };
  }>;
}

async function startTrackEndpoint(): Promise<{
  url: string;
  requests: TrackRequest[];
  close: () => Promise<void>;
}> {
  const requests: TrackRequest[] = [];
  // The official exporter upgrades every ingestion endpoint to https: a self-signed 127.0.0.1 test certificate.
  const fixture = (name: string) =>
    readFileSync(new URL(`../../test-support/fixtures/${name}`, import.meta.url));
  const tls = { key: fixture('localhost-key.pem'), cert: fixture('localhost-cert.pem') };
  const srv: Server = createServer(tls, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      const envelopes = req.method === 'POST' && req.url === '/v2.1/track' ? JSON.parse(body.toString()) : [];
      requests.push({ path: req.url ?? '', headers: req.headers, envelopes });
      res
        .writeHead(req.url === '/v2.1/track' ? 200 : 404, { 'content-type': 'application/json' })
        .end(
          JSON.stringify({ itemsReceived: envelopes.length, itemsAccepted: envelopes.length, errors: [] }),
        );
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return {
    url: `https://127.0.0.1:${(srv.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        srv.close(() => r());
        srv.closeAllConnections();
      }),
  };
}

describe('azure preset', () => {
  it('sends traces, metrics and logs through the official exporter to the ingestion endpoint', async () => {
    // No statsbeat calls to Microsoft's endpoints; trust the self-signed loopback certificate.
    setProcessEnv({ APPLICATION_INSIGHTS_NO_STATSBEAT: 'true', NODE_TLS_REJECT_UNAUTHORIZED: '0' });
    const track = await startTrackEndpoint();
    const iKey = '11111111-2222-3333-4444-555555555555';
    try {
      handle = configureObservability({
        ...base,
        env: {
          APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=${iKey};IngestionEndpoint=${track.url}/`,
        },
        serviceName: 'checkout',
        exportTo: ['azure'],
      });
      expect(handle.errors).toEqual([]);
      emitAll();
      await handle.forceFlush();
      expect(track.requests.map((r) => r.path).filter((p) => p !== '/v2.1/track')).toEqual([]);
      const envelopes = track.requests.flatMap((r) => r.envelopes);
      expect(envelopes.every((e) => e.iKey === iKey)).toBe(true);
      const types = new Set(envelopes.map((e) => e.data.baseType));
      expect([...types]).toEqual(expect.arrayContaining(['MetricData', 'MessageData']));
      expect(
        envelopes.some(
          (e) => e.data.baseType === 'RequestData' || e.data.baseType === 'RemoteDependencyData',
        ),
      ).toBe(true);
      const message = envelopes.find((e) => e.data.baseType === 'MessageData')!;
      expect(message.data.baseData.message).toBe('low stock');
      expect(handle.exporters.azure!.failed).toBe(0);
    } finally {
      await handle?.shutdown();
      await track.close();
    }
  });

  it('fails open naming APPLICATIONINSIGHTS_CONNECTION_STRING when it is unset', () => {
    handle = configureObservability({ ...base, env: {}, exportTo: ['azure'] });
    expect(handle.exporters.azure!.configError).toContain('APPLICATIONINSIGHTS_CONNECTION_STRING');
  });
});
