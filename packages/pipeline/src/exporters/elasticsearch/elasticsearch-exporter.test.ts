import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SelfMetrics } from '../../self/self-metrics.js';
import { type CapturedRequest, CaptureServer } from '../testing/capture-server.js';
import { logBatch, logRecord } from '../testing/logs.js';
import { spanBatch } from '../testing/spans.js';
import { ElasticsearchExporter } from './elasticsearch-exporter.js';

/** The bulk API's documented request: POST /_bulk, NDJSON action/document pairs, a final newline. */
function validateBulk(
  req: CapturedRequest,
): { action: Record<string, { _index: string }>; doc: Record<string, unknown> }[] {
  if (req.method !== 'POST' || req.path !== '/_bulk') throw new Error(`bad route ${req.path}`);
  if (req.headers['content-type'] !== 'application/x-ndjson')
    throw new Error('content-type must be application/x-ndjson');
  const text = req.body.toString();
  if (!text.endsWith('\n')) throw new Error('The bulk request must be terminated by a newline [\\n]');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length % 2 !== 0) throw new Error('action and document lines must pair');
  const out = [];
  for (let i = 0; i < lines.length; i += 2) {
    const action = JSON.parse(lines[i]!) as Record<string, { _index: string }>;
    if (Object.keys(action).join() !== 'create' || typeof action.create!._index !== 'string') {
      throw new Error('data streams need a create action with _index');
    }
    const doc = JSON.parse(lines[i + 1]!) as Record<string, unknown>;
    if (typeof doc['@timestamp'] !== 'string' || Number.isNaN(Date.parse(doc['@timestamp'] as string))) {
      throw new Error('data stream documents need @timestamp');
    }
    out.push({ action, doc });
  }
  return out;
}

const ok = (n: number) =>
  JSON.stringify({ errors: false, items: Array.from({ length: n }, () => ({ create: { status: 201 } })) });

let server: CaptureServer;
let base: string;
beforeEach(async () => {
  server = new CaptureServer();
  base = await server.start();
  server.responder = (req) => ({
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: ok(validateBulk(req).length),
  });
});
afterEach(() => server.stop());

const exporter = (metrics?: SelfMetrics) =>
  new ElasticsearchExporter(
    'es',
    {
      endpoint: base,
      logsIndex: 'logs-generic.otel-default',
      tracesIndex: 'traces-generic.otel-default',
      apiKey: 'k3y',
      headers: {},
    },
    { metrics, log: () => {} },
  );

describe('ElasticsearchExporter', () => {
  it('bulk-creates log documents in the logs data stream with ApiKey auth', async () => {
    const e = exporter();
    const batch = logBatch({ 'service.name': 'checkout' }, [
      logRecord('hello', { timeUnixNano: 1_700_000_000_123_456_789n, attributes: { n: 1n } }),
    ]);
    expect(await e.push(batch)).toEqual({ kind: 'success' });
    await e.shutdown();
    expect(server.requests[0]!.headers.authorization).toBe('ApiKey k3y');
    const [item] = validateBulk(server.requests[0]!);
    expect(item!.action).toEqual({ create: { _index: 'logs-generic.otel-default' } });
    expect(item!.doc).toMatchObject({
      '@timestamp': '2023-11-14T22:13:20.123456Z',
      body: { text: 'hello' },
      attributes: { n: 1 },
      resource: { attributes: { 'service.name': 'checkout' } },
    });
  });

  it('retries only the items that were throttled and counts the ones rejected for good', async () => {
    const metrics = new SelfMetrics();
    server.responder = (req) => {
      const n = validateBulk(req).length;
      if (server.requests.length > 1) return { status: 200, body: ok(n) };
      return {
        status: 200,
        body: JSON.stringify({
          errors: true,
          items: [
            { create: { status: 201 } },
            {
              create: {
                status: 429,
                error: { type: 'es_rejected_execution_exception', reason: 'queue full' },
              },
            },
            { create: { status: 400, error: { type: 'document_parsing_exception', reason: 'bad field' } } },
          ],
        }),
      };
    };
    const e = exporter(metrics);
    const batch = spanBatch(1, 3);
    expect((await e.push(batch)).kind).toBe('retryable');
    expect(await e.push(batch)).toEqual({ kind: 'success' });
    await e.shutdown();
    const resent = validateBulk(server.requests[1]!);
    expect(resent.map((r) => r.doc.span_id)).toEqual(['0000000000000002']);
    expect(resent[0]!.action.create!._index).toBe('traces-generic.otel-default');
    expect(metrics.value('switchyard_exporter_rejected_items_total', { exporter: 'es', signal: 'any' })).toBe(
      1,
    );
  });

  it('maps a 401 to permanent and a 503 to retryable', async () => {
    server.responder = () => ({ status: 401, body: 'missing authentication credentials' });
    expect((await exporter().push(spanBatch(1, 1))).kind).toBe('permanent');
    server.responder = () => ({ status: 503 });
    expect((await exporter().push(spanBatch(1, 1))).kind).toBe('retryable');
  });
});
