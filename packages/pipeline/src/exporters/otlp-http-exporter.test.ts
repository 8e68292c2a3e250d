import { encodeExportResponse, encodeRpcStatus } from '@switchyard/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SelfMetrics } from '../self/self-metrics.js';
import { OtlpHttpExporter, type OtlpHttpExporterOptions } from './otlp-http-exporter.js';
import { OtlpTestServer } from './testing/otlp-test-server.js';
import { spanBatch, spanIds } from './testing/spans.js';

let server: OtlpTestServer;
let endpoint: string;
const exporters: OtlpHttpExporter[] = [];

beforeEach(async () => {
  server = new OtlpTestServer();
  endpoint = await server.start();
});
afterEach(async () => {
  for (const e of exporters.splice(0)) await e.shutdown();
  await server.stop();
});

function exporter(over: Partial<OtlpHttpExporterOptions> = {}): OtlpHttpExporter {
  const e = new OtlpHttpExporter({
    name: 'up',
    endpoint,
    encoding: 'protobuf',
    compression: 'none',
    headers: {},
    log: () => {},
    ...over,
  });
  exporters.push(e);
  return e;
}

describe('OtlpHttpExporter', () => {
  it('sends http/protobuf with custom headers to /v1/traces', async () => {
    const r = await exporter({ headers: { authorization: 'Bearer t0k' } }).push(spanBatch(1, 3));
    expect(r).toEqual({ kind: 'success' });
    const got = server.requests[0]!;
    expect(got.format).toBe('protobuf');
    expect(got.headers.authorization).toBe('Bearer t0k');
    expect(spanIds(got.batch)).toEqual(spanIds(spanBatch(1, 3)));
  });

  it('sends gzip-compressed http/json', async () => {
    await exporter({ encoding: 'json', compression: 'gzip' }).push(spanBatch(10, 2));
    const got = server.requests[0]!;
    expect([got.format, got.gzip]).toEqual(['json', true]);
    expect(spanIds(got.batch)).toEqual(spanIds(spanBatch(10, 2)));
  });

  it('counts items rejected in a partial success without retrying them', async () => {
    const metrics = new SelfMetrics();
    server.responder = () => ({
      status: 200,
      headers: { 'content-type': 'application/x-protobuf' },
      body: encodeExportResponse('traces', { rejected: 2, errorMessage: 'bad span' }, 'protobuf'),
    });
    expect((await exporter({ metrics }).push(spanBatch(1, 5))).kind).toBe('success');
    expect(
      metrics.value('switchyard_exporter_rejected_items_total', { exporter: 'up', signal: 'traces' }),
    ).toBe(2);
  });

  it('maps 503 with Retry-After seconds and 429 with an HTTP date to retryable with the delay', async () => {
    server.responder = (_r, n) =>
      n === 0
        ? { status: 503, headers: { 'retry-after': '3' } }
        : { status: 429, headers: { 'retry-after': new Date(Date.now() + 5000).toUTCString() } };
    const e = exporter();
    expect(await e.push(spanBatch(1, 1))).toEqual({
      kind: 'retryable',
      message: 'HTTP 503',
      retryAfterMs: 3000,
    });
    const second = await e.push(spanBatch(1, 1));
    expect(second.kind).toBe('retryable');
    expect(second.kind === 'retryable' && second.retryAfterMs).toBeGreaterThan(3000);
  });

  it('maps 400 to permanent with the message from the google.rpc.Status body', async () => {
    server.responder = () => ({
      status: 400,
      headers: { 'content-type': 'application/x-protobuf' },
      body: encodeRpcStatus(3, 'span id must be 8 bytes', 'protobuf'),
    });
    expect(await exporter().push(spanBatch(1, 1))).toEqual({
      kind: 'permanent',
      message: 'HTTP 400: span id must be 8 bytes',
    });
  });

  it.each([401, 403, 404, 413, 500])('treats HTTP %i as permanent', async (status) => {
    server.responder = () => ({ status });
    expect((await exporter().push(spanBatch(1, 1))).kind).toBe('permanent');
  });

  it('treats a connection reset and a refused connection as retryable', async () => {
    server.responder = () => ({ reset: true });
    const reset = await exporter().push(spanBatch(1, 1));
    expect(reset.kind).toBe('retryable');
    await server.stop();
    const refused = await exporter().push(spanBatch(1, 1));
    expect(refused.kind === 'retryable' && refused.message).toContain('ECONNREFUSED');
    server = new OtlpTestServer();
    await server.start();
  });

  it('is aborted by the signal passed to push', async () => {
    server.responder = () => ({ reset: true });
    const controller = new AbortController();
    controller.abort();
    const r = await exporter().push(spanBatch(1, 1), controller.signal);
    expect(r.kind === 'retryable' && r.message).toContain('aborted');
  });
});
