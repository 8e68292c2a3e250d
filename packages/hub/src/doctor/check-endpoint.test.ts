/**
 * `switchyard doctor` on vendor exporters: an empty export through the exporter itself (the preset's URL and
 * auth header), against a loopback endpoint that checks the key.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { vendorExporterConfigSchema } from '@switchyard/pipeline';
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

const delivery = {
  durable: false,
  queue: {} as never,
  retry: {} as never,
  circuitBreaker: {} as never,
};
