import { ParameterError } from '@switchyard/core';
import { afterEach, describe, expect, it } from 'vitest';
import { parseUnifiedQuery } from '../model/parse-query.js';
import { type Loopback, startLoopback } from '../testing/loopback-server.js';
import { createAdapter } from './create-adapter.js';
import { parseSourceFlag, parseSourceFlags, SourcesConfigSchema } from './sources-config.js';

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('sources config', () => {
  it('accepts every source type with its auth', () => {
    const r = SourcesConfigSchema.parse({
      prom: {
        type: 'prometheus',
        url: 'http://localhost:9090',
        auth: { type: 'basic', username: 'u', password: 'env:P' },
      },
      logs: {
        type: 'loki',
        url: 'http://loki:3100',
        tenant: 'team-a',
        auth: { type: 'bearer', token: 'env:T' },
      },
      tempo: { type: 'tempo', url: 'http://tempo:3200' },
      jaeger: { type: 'jaeger', url: 'http://jaeger:16686' },
      dd: { type: 'datadog', apiKey: 'env:DD_API_KEY', appKey: 'env:DD_APP_KEY' },
      nr: { type: 'newrelic', apiKey: 'env:NR', accountId: 42 },
      graf: {
        type: 'grafana',
        url: 'http://grafana:3000',
        datasources: { prometheus: 'p', loki: 'l' },
        auth: { type: 'headers', headers: { 'X-Key': 'k' } },
      },
    });
    expect(r.dd).toMatchObject({ type: 'datadog', url: 'https://api.datadoghq.com' });
    expect(r.nr).toMatchObject({ url: 'https://api.newrelic.com', accountId: 42 });
  });

  it('rejects unknown types and keys', () => {
    expect(SourcesConfigSchema.safeParse({ x: { type: 'splunk', url: 'http://a' } }).success).toBe(false);
    expect(
      SourcesConfigSchema.safeParse({ x: { type: 'prometheus', url: 'http://a', token: 'x' } }).success,
    ).toBe(false);
    expect(SourcesConfigSchema.safeParse({ x: { type: 'datadog' } }).success).toBe(false);
  });

  it('parses --source TYPE=URL and NAME:TYPE=URL', () => {
    expect(parseSourceFlag('prometheus=http://localhost:9090')).toEqual({
      name: 'prometheus',
      config: { type: 'prometheus', url: 'http://localhost:9090' },
    });
    expect(parseSourceFlag('prod:loki=https://loki.example.com/')).toEqual({
      name: 'prod',
      config: { type: 'loki', url: 'https://loki.example.com/' },
    });
    expect(Object.keys(parseSourceFlags(['tempo=http://a', 'tempo=http://b', 'jaeger=http://c']))).toEqual([
      'tempo',
      'tempo-2',
      'jaeger',
    ]);
  });

  it('explains bad --source values', () => {
    expect(() => parseSourceFlag('http://localhost:9090')).toThrow(ParameterError);
    expect(() => parseSourceFlag('splunk=http://a')).toThrow(/unknown source type/);
    try {
      parseSourceFlag('datadog=https://api.datadoghq.com');
    } catch (e) {
      expect((e as ParameterError).hint).toContain('switchyard.yaml');
    }
    expect(() => parseSourceFlag('prometheus=not a url')).toThrow(/bad URL/);
  });
});

describe('createAdapter', () => {
  it('sends basic auth from an env secret, the tenant header and custom headers', async () => {
    server = await startLoopback({
      'GET /api/v1/label/job/values': { json: { status: 'success', data: ['x'] } },
    });
    const a = createAdapter(
      'prom',
      {
        type: 'prometheus',
        url: server.url,
        auth: { type: 'basic', username: 'user', password: 'env:PROM_PASS' },
        tenant: 'tenant-7',
        headers: { 'X-Extra': '1' },
      },
      { env: { PROM_PASS: 's3cret' } },
    );
    expect(await a.services()).toEqual(['x']);
    const h = server.requests[0]!.headers;
    expect(h.authorization).toBe(`Basic ${Buffer.from('user:s3cret').toString('base64')}`);
    expect(h['x-scope-orgid']).toBe('tenant-7');
    expect(h['x-extra']).toBe('1');
  });

  it('fails with a config error naming the key when a secret is missing', () => {
    expect(() =>
      createAdapter('dd', { type: 'datadog', url: 'http://x', apiKey: 'env:NOPE', appKey: 'k' }, { env: {} }),
    ).toThrow(/NOPE is not set/);
  });

  it('applies per-source guardrails', async () => {
    server = await startLoopback({});
    const a = createAdapter('p', { type: 'prometheus', url: server.url, maxRangeHours: 1 });
    const q = parseUnifiedQuery({ signal: 'metrics', metric: 'up', time: { start: 'now-2h' } });
    await expect(a.query(q)).rejects.toThrow(/exceeds the maximum of 1h/);
  });
});
