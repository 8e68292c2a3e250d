import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { OtlpPoster } from './otlp-poster.js';

type Reply = { status: number; headers?: Record<string, string> };
let server: http.Server | undefined;
afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

/** A server answering the scripted replies in turn (the last one repeats), recording request paths. */
async function serve(replies: Reply[]): Promise<{ url: string; paths: string[] }> {
  const paths: string[] = [];
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      paths.push(req.url ?? '');
      const r = replies[Math.min(paths.length - 1, replies.length - 1)]!;
      res.writeHead(r.status, r.headers ?? {});
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths };
}

function poster(endpoint: string, waits: number[], maxWaitMs = 60_000): OtlpPoster {
  return new OtlpPoster({
    endpoint,
    headers: {},
    maxWaitMs,
    timeoutMs: 5_000,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  });
}

describe('OtlpPoster', () => {
  it('retries 429 and 503 after the Retry-After the server gave, then succeeds', async () => {
    const s = await serve([
      { status: 429, headers: { 'retry-after': '2' } },
      { status: 503, headers: { 'retry-after': '1' } },
      { status: 200 },
    ]);
    const waits: number[] = [];
    const p = poster(s.url, waits);
    await p.post('traces', Buffer.from('{}'), 'a:1');
    expect(waits).toEqual([2000, 1000]);
    expect(p.retries).toBe(2);
    expect(s.paths).toEqual(['/v1/traces', '/v1/traces', '/v1/traces']);
  });

  it('backs off exponentially when there is no Retry-After', async () => {
    const s = await serve([{ status: 503 }, { status: 503 }, { status: 503 }, { status: 200 }]);
    const waits: number[] = [];
    await poster(s.url, waits).post('logs', Buffer.from('{}'), 'a:1');
    expect(waits).toEqual([500, 1000, 2000]);
  });

  it('fails at once, naming the line, on a status retrying cannot fix', async () => {
    const s = await serve([{ status: 400 }]);
    const waits: number[] = [];
    await expect(poster(s.url, waits).post('metrics', Buffer.from('{}'), 'f.jsonl:9')).rejects.toThrow(
      /answered 400 for f\.jsonl:9/,
    );
    expect(waits).toEqual([]);
  });

  it('gives up after maxWait when the endpoint stays unreachable', async () => {
    const s = await serve([{ status: 200 }]);
    const url = s.url;
    await new Promise<void>((r) => server!.close(() => r()));
    server = undefined;
    const waits: number[] = [];
    await expect(poster(url, waits, 3_000).post('traces', Buffer.from('{}'), 'f:1')).rejects.toThrow(
      /did not accept f:1 within 3 s/,
    );
    expect(waits).toEqual([500, 1000]);
  });
});
