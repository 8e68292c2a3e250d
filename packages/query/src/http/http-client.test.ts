import { afterEach, describe, expect, it } from 'vitest';
import { type Loopback, startLoopback } from '../testing/loopback-server.js';
import { authHeaders } from './auth.js';
import { HttpClient, joinUrl } from './http-client.js';
import type { SourceError } from './source-error.js';
import { TtlCache } from './ttl-cache.js';

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('HttpClient', () => {
  it('times out slow sources with SOURCE_TIMEOUT', async () => {
    server = await startLoopback({ 'GET /slow': { json: {}, delayMs: 500 } });
    const c = new HttpClient({ baseUrl: server.url, timeoutMs: 50, maxResponseBytes: 1000 });
    await expect(c.json({ path: '/slow' })).rejects.toMatchObject({ code: 'SOURCE_TIMEOUT' });
  });

  it('refuses responses over the byte cap', async () => {
    server = await startLoopback({ 'GET /big': { json: { data: 'x'.repeat(5000) } } });
    const c = new HttpClient({ baseUrl: server.url, timeoutMs: 5000, maxResponseBytes: 1000 });
    await expect(c.json({ path: '/big' })).rejects.toMatchObject({ code: 'SOURCE_TOO_LARGE' });
  });

  it('reports HTTP errors with status and a credentials hint on 401', async () => {
    server = await startLoopback({ 'GET /x': { status: 401, text: 'unauthorized' } });
    const c = new HttpClient({ baseUrl: server.url, timeoutMs: 5000, maxResponseBytes: 1000 });
    const err = (await c.json({ path: '/x' }).catch((e: unknown) => e)) as SourceError;
    expect(err.code).toBe('SOURCE_HTTP');
    expect(err.status).toBe(401);
    expect(err.hint).toMatch(/credentials/);
  });

  it('reports an unreachable source', async () => {
    const c = new HttpClient({ baseUrl: 'http://127.0.0.1:1', timeoutMs: 5000, maxResponseBytes: 1000 });
    await expect(c.json({ path: '/x' })).rejects.toMatchObject({ code: 'SOURCE_UNREACHABLE' });
  });

  it('caches identical requests within the TTL only', async () => {
    let n = 0;
    server = await startLoopback({ 'GET /q': () => ({ json: { n: ++n } }) });
    let now = 0;
    const c = new HttpClient({
      baseUrl: server.url,
      timeoutMs: 5000,
      maxResponseBytes: 1000,
      cacheTtlMs: 1000,
      now: () => now,
    });
    expect(await c.json({ path: '/q', params: { a: '1' } })).toEqual({ n: 1 });
    expect(await c.json({ path: '/q', params: { a: '1' } })).toEqual({ n: 1 });
    expect(await c.json({ path: '/q', params: { a: '2' } })).toEqual({ n: 2 });
    now = 1500;
    expect(await c.json({ path: '/q', params: { a: '1' } })).toEqual({ n: 3 });
    expect(server.requests).toHaveLength(3);
  });

  it('keeps a base path prefix when joining', () => {
    expect(joinUrl('http://g:3000/api/datasources/proxy/uid/x/', '/api/v1/query').href).toBe(
      'http://g:3000/api/datasources/proxy/uid/x/api/v1/query',
    );
  });
});

describe('TtlCache', () => {
  it('evicts the oldest entry beyond its size', () => {
    const c = new TtlCache<number>({ ttlMs: 1000, maxEntries: 2, now: () => 0 });
    c.set('a', 1);
    c.set('b', 2);
    c.set('c', 3);
    expect(c.get('a')).toBeUndefined();
    expect(c.get('c')).toBe(3);
  });
});

describe('authHeaders', () => {
  it('builds bearer, basic and API-key headers with resolved secrets', () => {
    expect(authHeaders({ type: 'bearer', token: 'env:T' }, { T: 'abc' })).toEqual({
      Authorization: 'Bearer abc',
    });
    expect(authHeaders({ type: 'basic', username: 'a', password: 'b' }, {})).toEqual({
      Authorization: 'Basic YTpi',
    });
    expect(authHeaders({ type: 'headers', headers: { 'X-API-Key': 'env:K' } }, { K: 'k1' })).toEqual({
      'X-API-Key': 'k1',
    });
    expect(authHeaders({ type: 'none' }, {})).toEqual({});
  });
});
