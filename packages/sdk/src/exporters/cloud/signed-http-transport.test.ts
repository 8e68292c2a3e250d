/**
 * The signed transport against a flaky loopback server: retryable answers and network errors are retried with
 * backoff, Retry-After is honoured, every attempt is signed afresh, and the export timeout bounds it all.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSignedHttpTransport } from './signed-http-transport.js';
import { DEFAULT_RETRY, retryDelayMs } from './transport-retry.js';

type Script = (n: number, req: http.IncomingMessage, res: http.ServerResponse) => void;

let server: http.Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

async function flaky(script: Script): Promise<{ url: string; auth: string[]; times: number[] }> {
  const auth: string[] = [];
  const times: number[] = [];
  let n = 0;
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      auth.push(String(req.headers.authorization));
      times.push(Date.now());
      script(n++, req, res);
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`, auth, times };
}

const FAST = { initialMs: 20, maxMs: 100, multiplier: 2, maxAttempts: 5 };

function transport(url: string, retry = FAST) {
  let signed = 0;
  const t = createSignedHttpTransport({
    url,
    headers: {},
    contentType: 'application/x-protobuf',
    compression: 'none',
    authorize: async () => ({ authorization: `sig-${++signed}` }),
    retry,
  });
  return t;
}

describe('signed HTTP transport retry', () => {
  it('retries 503 and 502 until the server accepts, signing every attempt afresh', async () => {
    const s = await flaky((n, _req, res) => res.writeHead(n === 0 ? 503 : n === 1 ? 502 : 200).end());
    const t = transport(s.url);
    const r = await t.send(new Uint8Array([1]), 5000);
    t.shutdown();
    expect(r.status).toBe('success');
    expect(s.auth).toEqual(['sig-1', 'sig-2', 'sig-3']);
  });

  it('honours Retry-After on 429', async () => {
    const s = await flaky((n, _req, res) =>
      res.writeHead(n === 0 ? 429 : 200, n === 0 ? { 'retry-after': '1' } : {}).end(),
    );
    const t = transport(s.url);
    const r = await t.send(new Uint8Array([1]), 5000);
    t.shutdown();
    expect(r.status).toBe('success');
    expect(s.times[1]! - s.times[0]!).toBeGreaterThanOrEqual(950);
  });

  it('retries a connection reset', async () => {
    const s = await flaky((n, req, res) => (n === 0 ? req.socket.destroy() : res.writeHead(200).end()));
    const t = transport(s.url);
    const r = await t.send(new Uint8Array([1]), 5000);
    t.shutdown();
    expect(r.status).toBe('success');
    expect(s.auth).toHaveLength(2);
  });

  it('does not retry a permanent failure (400)', async () => {
    const s = await flaky((_n, _req, res) => res.writeHead(400).end('bad'));
    const t = transport(s.url);
    const r = await t.send(new Uint8Array([1]), 5000);
    t.shutdown();
    expect(r.status).toBe('failure');
    expect(s.auth).toHaveLength(1);
  });

  it('stops within the export timeout, returning the last retryable answer', async () => {
    const s = await flaky((_n, _req, res) => res.writeHead(503, { 'retry-after': '0' }).end());
    const t = transport(s.url, { ...FAST, maxAttempts: 1000 });
    const started = Date.now();
    const r = await t.send(new Uint8Array([1]), 300);
    t.shutdown();
    expect(r.status).toBe('retryable');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(s.auth.length).toBeGreaterThan(1);
  });

  it('stops after the configured number of attempts', async () => {
    const s = await flaky((_n, _req, res) => res.writeHead(504).end());
    const t = transport(s.url, { ...FAST, maxAttempts: 3 });
    const r = await t.send(new Uint8Array([1]), 5000);
    t.shutdown();
    expect(r.status).toBe('retryable');
    expect(s.auth).toHaveLength(3);
  });
});

describe('retryDelayMs', () => {
  it('grows exponentially within ±20% jitter, capped, and yields to Retry-After', () => {
    expect(retryDelayMs(DEFAULT_RETRY, 1, undefined, () => 0.5)).toBe(1000);
    expect(retryDelayMs(DEFAULT_RETRY, 2, undefined, () => 0.5)).toBe(1500);
    expect(retryDelayMs(DEFAULT_RETRY, 10, undefined, () => 0.5)).toBe(5000);
    expect(retryDelayMs(DEFAULT_RETRY, 1, undefined, () => 0)).toBe(800);
    expect(retryDelayMs(DEFAULT_RETRY, 1, undefined, () => 1)).toBe(1200);
    expect(retryDelayMs(DEFAULT_RETRY, 3, 7000)).toBe(7000);
  });
});
