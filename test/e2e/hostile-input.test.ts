/**
 * Hostile and malformed input against a real hub process: every case gets the right 4xx with a message,
 * and the hub keeps serving with bounded memory.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, type HubProcess, startHubProcess } from '../helpers/hub-process.js';

let hub: HubProcess;

beforeAll(async () => {
  hub = await startHubProcess();
}, 60_000);

afterAll(async () => {
  expect(await hub?.stop()).toBe(0);
});

async function post(
  path: string,
  body: Uint8Array | string,
  headers: Record<string, string>,
): Promise<Response> {
  return fetch(`${hub.otlpHttp}${path}`, { method: 'POST', body, headers });
}

const PB = { 'content-type': 'application/x-protobuf' };
const JSON_CT = { 'content-type': 'application/json' };

// Minimal protobuf writer for hand-made hostile messages.
function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}
function field(no: number, payload: Uint8Array): Uint8Array {
  return Uint8Array.from([...varint((no << 3) | 2), ...varint(payload.length), ...payload]);
}
function spanRequest(traceId: Uint8Array, name: Uint8Array): Uint8Array {
  const span = Uint8Array.from([
    ...field(1, traceId),
    ...field(2, new Uint8Array(8).fill(1)),
    ...field(5, name),
  ]);
  return field(1, field(2, field(2, span)));
}

function validJsonSpan(traceId: string): string {
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'hostile' } }] },
        scopeSpans: [
          {
            spans: [
              {
                traceId,
                spanId: '0102030405060708',
                name: 'ok',
                startTimeUnixNano: '1',
                endTimeUnixNano: '2',
              },
              {
                traceId: '00000000000000000000000000000000',
                spanId: '0102030405060709',
                name: 'zero-trace',
                startTimeUnixNano: '1',
                endTimeUnixNano: '2',
              },
            ],
          },
        ],
      },
    ],
  });
}

describe('OTLP/HTTP receiver under hostile input', () => {
  it('answers 400 with a message for truncated protobuf', async () => {
    const full = spanRequest(new Uint8Array(16).fill(7), new TextEncoder().encode('name'));
    const res = await post('/v1/traces', full.subarray(0, full.length - 3), PB);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/x-protobuf');
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(0);
  });

  it('answers 400 for random bytes', async () => {
    const junk = Uint8Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24);
    expect((await post('/v1/traces', junk, PB)).status).toBe(400);
  });

  it('answers 400 for a trace id of the wrong length, naming the field', async () => {
    const res = await post('/v1/traces', spanRequest(new Uint8Array(5), new TextEncoder().encode('x')), {
      'content-type': 'application/json',
    });
    // JSON content type with protobuf bytes is broken JSON
    expect(res.status).toBe(400);
    const bad = await post(
      '/v1/traces',
      JSON.stringify({
        resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 'abc', spanId: '0102030405060708' }] }] }],
      }),
      JSON_CT,
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toMatch(/traceId/);
    const pb = await post('/v1/traces', spanRequest(new Uint8Array(5), new TextEncoder().encode('x')), PB);
    expect(pb.status).toBe(400);
  });

  it('answers 400 for invalid UTF-8 in a string field', async () => {
    const res = await post(
      '/v1/traces',
      spanRequest(new Uint8Array(16).fill(7), Uint8Array.from([0xc3, 0x28])),
      PB,
    );
    expect(res.status).toBe(400);
  });

  it('answers 400 for broken JSON and 415 for an unknown content type', async () => {
    expect((await post('/v1/logs', '{"resourceLogs": [', JSON_CT)).status).toBe(400);
    const res = await post('/v1/logs', 'hello', { 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
    expect(JSON.stringify(await res.json())).toContain('Content-Type');
  });

  it('answers 413 for a gzip bomb without inflating it all', async () => {
    const bomb = gzipSync(Buffer.alloc(256 * 1024 * 1024));
    const res = await post('/v1/traces', bomb, { ...PB, 'content-encoding': 'gzip' });
    expect(res.status).toBe(413);
  });

  it('answers 413 for an oversized body', async () => {
    const res = await post('/v1/metrics', new Uint8Array(17 * 1024 * 1024), PB);
    expect(res.status).toBe(413);
  });

  it('answers 400 for a body that is not gzip despite Content-Encoding: gzip', async () => {
    expect((await post('/v1/traces', 'plain', { ...JSON_CT, 'content-encoding': 'gzip' })).status).toBe(400);
  });

  it('accepts an empty protobuf request (no data) with 200', async () => {
    const res = await post('/v1/traces', new Uint8Array(0), PB);
    expect(res.status).toBe(200);
  });

  it('keeps valid spans and reports rejected ones as partial success', async () => {
    const res = await post('/v1/traces', validJsonSpan('5b8efff798038103d269b633813fc60c'), JSON_CT);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { partialSuccess: { rejectedSpans: string; errorMessage: string } };
    expect(body.partialSuccess.rejectedSpans).toBe('1');
    expect(body.partialSuccess.errorMessage).toMatch(/trace id/);
    const trace = await getJson(`${hub.api}/api/traces/5b8efff798038103d269b633813fc60c`);
    expect(trace.status).toBe(200);
    expect(trace.body.spans).toHaveLength(1);
  });

  it('answers 404 for unknown paths and 405 for wrong methods', async () => {
    expect((await post('/v1/nope', '{}', JSON_CT)).status).toBe(404);
    expect((await fetch(`${hub.otlpHttp}/v1/traces`)).status).toBe(405);
  });

  it('stays healthy with bounded memory afterwards', async () => {
    const health = await fetch(`${hub.api}/healthz`);
    expect(health.status).toBe(200);
    const status = readFileSync(`/proc/${hub.child.pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)![1]);
    expect(rssKb).toBeLessThan(700 * 1024);
  });
});

describe('HTTP API parameter errors', () => {
  it('answers 400 naming the parameter', async () => {
    const cases: [string, string][] = [
      ['/api/traces?limit=abc', 'limit'],
      ['/api/traces?start=yesterday-ish', 'start'],
      ['/api/traces?status=broken', 'status'],
      ['/api/logs?severity=loud', 'severity'],
      ['/api/metrics', 'name'],
      ['/api/traces/xyz', 'traceId'],
      ['/api/traces?servce=a', 'servce'],
    ];
    for (const [path, param] of cases) {
      const r = await getJson(`${hub.api}${path}`);
      expect(r.status, path).toBe(400);
      expect(r.body.error.parameter, path).toBe(param);
    }
  });

  it('answers 404 for an unknown trace id', async () => {
    const r = await getJson(`${hub.api}/api/traces/${'ab'.repeat(16)}`);
    expect(r.status).toBe(404);
  });
});
