import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_GUARDRAILS } from '../http/guardrails.js';
import { HttpClient } from '../http/http-client.js';
import { parseUnifiedQuery } from '../model/parse-query.js';
import { type Loopback, startLoopback } from '../testing/loopback-server.js';
import { TempoAdapter } from './tempo-adapter.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const TRACE = '0af7651916cd43dd8448eb211c80319c';
const b64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');
const ms = (x: number) => `${BigInt(NOW - 10_000 + x) * 1_000_000n}`;
let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const make = (url: string) =>
  new TempoAdapter({
    source: { name: 'tempo', type: 'tempo' },
    http: new HttpClient({
      baseUrl: url,
      headers: { Authorization: 'Bearer t0k' },
      timeoutMs: 5000,
      maxResponseBytes: 1 << 20,
    }),
    guardrails: DEFAULT_GUARDRAILS,
  });

/** Tempo's trace-by-id answer: OTLP/JSON with base64 ids (protobuf JSON mapping). */
const traceDoc = {
  trace: {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'frontend' } }] },
        scopeSpans: [
          {
            scope: { name: 'x' },
            spans: [
              {
                traceId: b64(TRACE),
                spanId: b64('1111111111111111'),
                name: 'GET /checkout',
                kind: 'SPAN_KIND_SERVER',
                startTimeUnixNano: ms(0),
                endTimeUnixNano: ms(900),
                status: { code: 'STATUS_CODE_ERROR' },
              },
            ],
          },
        ],
      },
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'payments' } }] },
        scopeSpans: [
          {
            spans: [
              {
                traceId: b64(TRACE),
                spanId: b64('2222222222222222'),
                parentSpanId: b64('1111111111111111'),
                name: 'charge',
                kind: 2,
                startTimeUnixNano: ms(100),
                endTimeUnixNano: ms(850),
                attributes: [{ key: 'retries', value: { intValue: '3' } }],
                status: { code: 2, message: 'card declined' },
              },
            ],
          },
        ],
      },
    ],
  },
};

describe('TempoAdapter', () => {
  it('searches with TraceQL in seconds and analyses the slowest trace', async () => {
    server = await startLoopback({
      'GET /api/search': {
        json: {
          traces: [
            {
              traceID: TRACE,
              rootServiceName: 'frontend',
              rootTraceName: 'GET /checkout',
              startTimeUnixNano: ms(0),
              durationMs: 900,
              serviceStats: {
                frontend: { spanCount: 1, errorCount: 1 },
                payments: { spanCount: 1, errorCount: 1 },
              },
            },
            {
              traceID: 'abc',
              rootServiceName: 'frontend',
              rootTraceName: 'GET /',
              startTimeUnixNano: ms(5),
              durationMs: 20,
            },
          ],
          metrics: { inspectedTraces: 10 },
        },
      },
      [`GET /api/v2/traces/${TRACE}`]: { json: traceDoc },
    });
    const r = await make(server.url).query(
      parseUnifiedQuery({
        signal: 'traces',
        service: 'frontend',
        minDurationMs: 10,
        limit: 20,
        time: { start: 'now-30m' },
      }),
      { nowMs: NOW },
    );
    const s = server.requests.find((x) => x.path === '/api/search')!;
    expect(s.query.get('q')).toBe('{ resource.service.name = "frontend" && traceDuration >= 10ms }');
    expect(s.query.get('start')).toBe(String((NOW - 1_800_000) / 1000));
    expect(s.query.get('end')).toBe(String(NOW / 1000));
    expect(s.query.get('limit')).toBe('20');
    expect(s.headers.authorization).toBe('Bearer t0k');
    expect(r.traces[0]).toEqual({
      traceId: TRACE,
      rootService: 'frontend',
      rootName: 'GET /checkout',
      startMs: NOW - 10_000,
      durationMs: 900,
      spanCount: 2,
      errorCount: 2,
      services: ['frontend', 'payments'],
    });
    expect(r.traces[1]!.errorCount).toBeNull();
    expect(r.analysis.count).toBe(2);
    expect(r.analysis.errorTraces).toBeNull();
    expect(r.analysis.slowestTraceId).toBe(TRACE);
    expect(r.analysis.bottleneck?.name).toBe('charge');
    expect(r.analysis.errorOrigin).toMatchObject({
      service: 'payments',
      name: 'charge',
      message: 'card declined',
    });
  });

  it('fetches a trace by id, decoding base64 ids and enum names', async () => {
    server = await startLoopback({ [`GET /api/v2/traces/${TRACE}`]: { json: traceDoc } });
    const spans = (await make(server.url).getTrace(TRACE.toUpperCase()))!;
    expect(spans.map((x) => [x.spanId, x.parentSpanId, x.service, x.kind, x.status.code])).toEqual([
      ['1111111111111111', '', 'frontend', 2, 2],
      ['2222222222222222', '1111111111111111', 'payments', 2, 2],
    ]);
    expect(spans[1]!.attributes).toEqual({ retries: 3 });
  });

  it('falls back to the v1 endpoint with batches, and answers null for an unknown trace', async () => {
    server = await startLoopback({
      [`GET /api/traces/${TRACE}`]: { json: { batches: traceDoc.trace.resourceSpans } },
    });
    const a = make(server.url);
    expect((await a.getTrace(TRACE))!).toHaveLength(2);
    expect(await a.getTrace('ffff')).toBeNull();
    const r = await a.query(parseUnifiedQuery({ signal: 'traces', traceId: TRACE }), { nowMs: NOW });
    expect(r.traces[0]).toMatchObject({
      traceId: TRACE,
      rootService: 'frontend',
      spanCount: 2,
      errorCount: 2,
      durationMs: 900,
    });
  });

  it('lists services from tag values', async () => {
    server = await startLoopback({
      'GET /api/v2/search/tag/resource.service.name/values': {
        json: {
          tagValues: [
            { type: 'string', value: 'payments' },
            { type: 'string', value: 'frontend' },
          ],
        },
      },
    });
    expect(await make(server.url).services()).toEqual(['frontend', 'payments']);
  });
});
