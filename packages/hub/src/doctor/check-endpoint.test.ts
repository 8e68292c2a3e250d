/**
 * `switchyard doctor` on vendor exporters: an empty export through the exporter itself (the preset's URL and
 * auth header), against a loopback endpoint that checks the key.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  azureMonitorExporterConfigSchema,
  cloudWatchEmfExporterConfigSchema,
  vendorExporterConfigSchema,
} from '@switchyard/pipeline';
import { afterEach, describe, expect, it } from 'vitest';
import { checkExporter, healthy } from './check-endpoint.js';

let server: http.Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

async function endpoint(): Promise<{ url: string; paths: string[] }> {
  const paths: string[] = [];
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      paths.push(req.url ?? '');
      res.writeHead(req.headers['api-key'] === 'good' ? 200 : 403).end();
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths };
}

describe('doctor on vendor exporters', () => {
  it('passes when the empty export is accepted with the configured key', async () => {
    const { url, paths } = await endpoint();
    const e = vendorExporterConfigSchema.parse({
      type: 'newrelic',
      settings: { NEW_RELIC_LICENSE_KEY: 'good', NEW_RELIC_OTLP_ENDPOINT: url },
    });
    const r = await checkExporter('nr', { ...e, ...delivery });
    expect(r).toMatchObject({
      type: 'newrelic',
      endpoint: `${url}/v1/traces`,
      dns: 'ok',
      connect: 'ok',
      request: 'ok',
    });
    expect(healthy(r)).toBe(true);
    expect(paths).toEqual(['/v1/traces']);
  });

  it('fails naming the credentials when the backend rejects the key', async () => {
    const { url } = await endpoint();
    const e = vendorExporterConfigSchema.parse({
      type: 'newrelic',
      settings: { NEW_RELIC_LICENSE_KEY: 'bad', NEW_RELIC_OTLP_ENDPOINT: url },
    });
    const r = await checkExporter('nr', { ...e, ...delivery });
    expect(r.request).toBe('fail');
    expect(r.detail).toContain('HTTP 403');
    expect(r.detail).toContain('check the credentials');
  });

  it('reports missing settings without a network step', async () => {
    const e = vendorExporterConfigSchema.parse({ type: 'dynatrace', settings: {} });
    const r = await checkExporter('dt', { ...e, ...delivery });
    expect(r).toMatchObject({ request: 'fail', dns: 'skip' });
    expect(r.detail).toContain('DT_ENDPOINT');
  });
});

describe('doctor on azure_monitor and cloudwatch_emf', () => {
  it('connects to the ingestion endpoint of the Azure connection string and sends nothing', async () => {
    const { url, paths } = await endpoint();
    const e = azureMonitorExporterConfigSchema.parse({
      type: 'azure_monitor',
      connectionString: `InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=${url}/`,
    });
    const r = await checkExporter('ai', { ...e, ...delivery });
    expect(r).toMatchObject({ endpoint: `${url}/v2.1/track`, dns: 'ok', connect: 'ok', request: 'skip' });
    expect(r.detail).toContain('no side-effect-free request');
    expect(paths).toEqual([]);
    expect(healthy(r)).toBe(true);
  });

  it('fails an Azure exporter without a connection string, naming the setting and the env var', async () => {
    const saved = process.env.APPLICATIONINSIGHTS_CONNECTION_STRING;
    delete process.env.APPLICATIONINSIGHTS_CONNECTION_STRING;
    try {
      const e = azureMonitorExporterConfigSchema.parse({ type: 'azure_monitor' });
      const r = await checkExporter('ai', { ...e, ...delivery });
      expect(r).toMatchObject({ request: 'fail', dns: 'skip', endpoint: '' });
      expect(r.detail).toContain('exporters.ai.connectionString or APPLICATIONINSIGHTS_CONNECTION_STRING');
    } finally {
      if (saved !== undefined) process.env.APPLICATIONINSIGHTS_CONNECTION_STRING = saved;
    }
  });

  it('asks CloudWatch Logs (signed DescribeLogStreams) whether the log group exists', async () => {
    const targets: string[] = [];
    const signed: boolean[] = [];
    server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        targets.push(String(req.headers['x-amz-target']));
        signed.push(String(req.headers.authorization).startsWith('AWS4-HMAC-SHA256 Credential=AKIDDOCTOR/'));
        res
          .writeHead(400, { 'content-type': 'application/x-amz-json-1.1' })
          .end(JSON.stringify({ __type: 'ResourceNotFoundException', message: 'no group' }));
      });
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = 'AKIDDOCTOR';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    try {
      const e = cloudWatchEmfExporterConfigSchema.parse({
        type: 'cloudwatch_emf',
        region: 'eu-west-1',
        logGroup: '/missing',
        logStream: 's',
        namespace: 'Shop',
        endpoint: url,
      });
      const r = await checkExporter('cw', { ...e, ...delivery });
      expect(r).toMatchObject({ endpoint: url, connect: 'ok', request: 'fail' });
      expect(r.detail).toContain('log group /missing does not exist');
      expect(targets).toEqual(['Logs_20140328.DescribeLogStreams']);
      expect(signed).toEqual([true]);
    } finally {
      if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
      else process.env.AWS_ACCESS_KEY_ID = saved.id;
      if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
      else process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    }
  });
});

const delivery = {
  durable: false,
  queue: {} as never,
  retry: {} as never,
  circuitBreaker: {} as never,
};
