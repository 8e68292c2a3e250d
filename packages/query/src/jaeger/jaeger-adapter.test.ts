import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_GUARDRAILS } from '../http/guardrails.js';
import { HttpClient } from '../http/http-client.js';
import { parseUnifiedQuery } from '../model/parse-query.js';
import { type Loopback, startLoopback } from '../testing/loopback-server.js';
import { JaegerAdapter } from './jaeger-adapter.js';
import { translateJaeger } from './translate-jaeger.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const RANGE = { startMs: NOW - 3_600_000, endMs: NOW };
let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const startUs = (NOW - 60_000) * 1000;
/** A trace as Jaeger's /api/traces answers it. */
const jaegerTrace = {
  traceID: '4bf92f3577b34da6a3ce929d0e0e4736',
  spans: [
    {
      traceID: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanID: '00f067aa0ba902b7',
      operationName: 'HTTP GET /cart',
      references: [],
      startTime: startUs,
      duration: 400_000,
      tags: [{ key: 'span.kind', type: 'string', value: 'server' }],
      logs: [],
      processID: 'p1',
      warnings: null,
    },
    {
      traceID: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanID: '00f067aa0ba902b8',
      operationName: 'SELECT cart',
      references: [
        { refType: 'CHILD_OF', traceID: '4bf92f3577b34da6a3ce929d0e0e4736', spanID: '00f067aa0ba902b7' },
      ],
      startTime: startUs + 10_000,
      duration: 350_000,
      tags: [
        { key: 'error', type: 'bool', value: true },
        { key: 'db.system', type: 'string', value: 'postgresql' },
        { key: 'span.kind', type: 'string', value: 'client' },
      ],
      logs: [
        {
          timestamp: startUs + 20_000,
          fields: [
            { key: 'event', type: 'string', value: 'exception' },
            { key: 'exception.message', type: 'string', value: 'deadlock' },
          ],
        },
      ],
      processID: 'p2',
      warnings: null,
    },
  ],
  processes: {
    p1: { serviceName: 'cart', tags: [] },
    p2: { serviceName: 'cart-db', tags: [] },
  },
  warnings: null,
};

const make = (url: string) =>
  new JaegerAdapter({
    source: { name: 'jaeger', type: 'jaeger' },
    http: new HttpClient({ baseUrl: url, timeoutMs: 5000, maxResponseBytes: 1 << 20 }),
    guardrails: DEFAULT_GUARDRAILS,
  });

describe('translateJaeger', () => {
  it('maps service, operation, error status, tags and durations (µs times)', () => {
    const q = parseUnifiedQuery({
      signal: 'traces',
      service: 'cart',
      operation: 'HTTP GET /cart',
      status: 'error',
      minDurationMs: 250,
      maxDurationMs: 5000,
      filters: [{ key: 'http.status_code', value: '500' }],
    });
    expect(translateJaeger(q, RANGE, 20)).toEqual({
      service: 'cart',
      operation: 'HTTP GET /cart',
      start: String(RANGE.startMs * 1000),
      end: String(RANGE.endMs * 1000),
      limit: '20',
      tags: '{"http.status_code":"500","error":"true"}',
      minDuration: '250ms',
      maxDuration: '5s',
    });
  });

  it('needs a service and exact-match tags', () => {
    expect(() => translateJaeger(parseUnifiedQuery({ signal: 'traces' }), RANGE, 20)).toThrow(
      /need a service/,
    );
    const re = parseUnifiedQuery({
      signal: 'traces',
      service: 'a',
      filters: [{ key: 'x', op: '=~', value: 'y' }],
    });
    expect(() => translateJaeger(re, RANGE, 20)).toThrow(/only match exactly/);
  });
});

describe('JaegerAdapter', () => {
  it('searches, summarises whole traces and finds the error origin without extra requests', async () => {
    server = await startLoopback({
      'GET /api/traces': { json: { data: [jaegerTrace], total: 0, limit: 0, offset: 0, errors: null } },
    });
    const r = await make(server.url).query(
      parseUnifiedQuery({ signal: 'traces', service: 'cart', limit: 10 }),
      {
        nowMs: NOW,
      },
    );
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.query.get('service')).toBe('cart');
    expect(server.requests[0]!.query.get('limit')).toBe('10');
    expect(r.traces[0]).toEqual({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      rootService: 'cart',
      rootName: 'HTTP GET /cart',
      startMs: NOW - 60_000,
      durationMs: 400,
      spanCount: 2,
      errorCount: 1,
      services: ['cart', 'cart-db'],
    });
    expect(r.analysis.errorTraces).toBe(1);
    expect(r.analysis.errorOrigin).toMatchObject({ service: 'cart-db', name: 'SELECT cart' });
    expect(r.analysis.bottleneck?.name).toBe('SELECT cart');
    expect(r.nativeQuery.startsWith('/api/traces?service=cart')).toBe(true);
  });

  it('lists services and gets a trace by id', async () => {
    server = await startLoopback({
      'GET /api/services': {
        json: { data: ['cart', 'cart-db'], total: 2, limit: 0, offset: 0, errors: null },
      },
      'GET /api/traces/4bf92f3577b34da6a3ce929d0e0e4736': { json: { data: [jaegerTrace] } },
    });
    const a = make(server.url);
    expect(await a.services()).toEqual(['cart', 'cart-db']);
    const spans = (await a.getTrace('4BF92F3577B34DA6A3CE929D0E0E4736'))!;
    expect(spans.map((s) => [s.service, s.kind, s.parentSpanId])).toEqual([
      ['cart', 2, ''],
      ['cart-db', 3, '00f067aa0ba902b7'],
    ]);
    expect(spans[1]!.attributes).toEqual({ 'db.system': 'postgresql' });
    expect(await a.getTrace('ffff')).toBeNull();
  });
});
