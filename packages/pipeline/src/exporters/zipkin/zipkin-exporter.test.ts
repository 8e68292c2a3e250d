import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CapturedRequest, CaptureServer } from '../testing/capture-server.js';
import { spanBatch } from '../testing/spans.js';
import { ZipkinExporter } from './zipkin-exporter.js';

const HEX16 = /^[0-9a-f]{16}$/;
const SPAN_KEYS = new Set([
  'traceId',
  'id',
  'parentId',
  'name',
  'kind',
  'timestamp',
  'duration',
  'localEndpoint',
  'remoteEndpoint',
  'annotations',
  'tags',
  'debug',
  'shared',
]);

/** The Zipkin v2 API's documented request shape (zipkin-api zipkin2-api.yaml, POST /api/v2/spans). */
function validateZipkin(req: CapturedRequest): unknown[] {
  if (req.method !== 'POST' || req.path !== '/api/v2/spans')
    throw new Error(`bad route ${req.method} ${req.path}`);
  if (req.headers['content-type'] !== 'application/json')
    throw new Error('content-type must be application/json');
  const spans: unknown = JSON.parse(req.body.toString());
  if (!Array.isArray(spans)) throw new Error('body must be a JSON array');
  for (const s of spans as Record<string, unknown>[]) {
    for (const k of Object.keys(s)) if (!SPAN_KEYS.has(k)) throw new Error(`unknown span field ${k}`);
    if (!/^[0-9a-f]{16}([0-9a-f]{16})?$/.test(String(s.traceId))) throw new Error('traceId');
    if (!HEX16.test(String(s.id))) throw new Error('id');
    if (s.parentId !== undefined && !HEX16.test(String(s.parentId))) throw new Error('parentId');
    if (s.kind !== undefined && !['CLIENT', 'SERVER', 'PRODUCER', 'CONSUMER'].includes(String(s.kind)))
      throw new Error('kind');
    if (!Number.isInteger(s.timestamp) || !Number.isInteger(s.duration) || (s.duration as number) < 1)
      throw new Error('times');
    for (const v of Object.values(s.tags as object))
      if (typeof v !== 'string') throw new Error('tag values must be strings');
    for (const a of (s.annotations as { timestamp: unknown; value: unknown }[] | undefined) ?? []) {
      if (!Number.isInteger(a.timestamp) || typeof a.value !== 'string') throw new Error('annotation');
    }
  }
  return spans;
}

let server: CaptureServer;
let base: string;
beforeEach(async () => {
  server = new CaptureServer();
  base = await server.start();
  server.responder = (req) => {
    validateZipkin(req);
    return { status: 202 };
  };
});
afterEach(() => server.stop());

describe('ZipkinExporter', () => {
  it('posts v2 JSON spans with kind, micros, service, tags, status and event annotations', async () => {
    const batch = spanBatch(1, 2, 'checkout');
    if (batch.signal !== 'traces') throw new Error('traces');
    const rs = batch.data.resourceSpans[0]!;
    rs.resource.attributes['host.name'] = 'node-a';
    const [a, b] = rs.scopeSpans[0]!.spans;
    b!.parentSpanId = a!.spanId;
    b!.kind = 3;
    b!.attributes['peer.service'] = 'payments';
    b!.status = { code: 2, message: 'card declined' };
    b!.events.push({
      timeUnixNano: 1_700_000_000_000_002_000n,
      name: 'retry',
      attributes: { attempt: 2n },
      droppedAttributesCount: 0,
    });
    const e = new ZipkinExporter('z', { endpoint: `${base}/api/v2/spans`, headers: {} });
    expect(await e.push(batch)).toEqual({ kind: 'success' });
    await e.shutdown();
    const spans = validateZipkin(server.requests[0]!) as Record<string, unknown>[];
    expect(spans[0]).toMatchObject({
      traceId: a!.traceId,
      id: a!.spanId,
      kind: 'SERVER',
      timestamp: 1_700_000_000_000_001,
      duration: 1,
      localEndpoint: { serviceName: 'checkout' },
      tags: { 'host.name': 'node-a', 'http.route': '/checkout', 'test.seq': '1', 'otel.scope.name': 'test' },
    });
    expect(spans[1]).toMatchObject({
      parentId: a!.spanId,
      kind: 'CLIENT',
      remoteEndpoint: { serviceName: 'payments' },
      tags: { error: 'card declined', 'otel.status_code': 'ERROR' },
      annotations: [{ timestamp: 1_700_000_000_000_002, value: '{"retry":{"attempt":2}}' }],
    });
  });

  it('ignores metrics and logs, and maps a 400 from the collector to a permanent failure', async () => {
    const e = new ZipkinExporter('z', { endpoint: `${base}/api/v2/spans`, headers: {} });
    expect(await e.push({ signal: 'logs', data: { resourceLogs: [] } })).toEqual({ kind: 'success' });
    expect(server.requests).toHaveLength(0);
    server.responder = () => ({ status: 400, body: 'Expected a JSON_V2 encoded list' });
    expect(await e.push(spanBatch(1, 1))).toEqual({
      kind: 'permanent',
      message: 'HTTP 400: Expected a JSON_V2 encoded list',
    });
    await e.shutdown();
  });
});
