import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CapturedRequest, CaptureServer } from '../testing/capture-server.js';
import { logBatch, logRecord } from '../testing/logs.js';
import { DEFAULT_LOKI_LABELS, LokiExporter } from './loki-exporter.js';

/** Loki's push API request shape (docs: POST /loki/api/v1/push, JSON body). */
function validateLoki(req: CapturedRequest) {
  if (req.method !== 'POST' || req.path !== '/loki/api/v1/push') throw new Error(`bad route ${req.path}`);
  if (req.headers['content-type'] !== 'application/json') throw new Error('content-type');
  const body = JSON.parse(req.body.toString()) as {
    streams: { stream: Record<string, string>; values: unknown[][] }[];
  };
  if (Object.keys(body).join() !== 'streams' || !Array.isArray(body.streams))
    throw new Error('body must be {streams}');
  for (const s of body.streams) {
    const labels = Object.entries(s.stream);
    if (labels.length === 0) throw new Error('a stream needs at least one label');
    for (const [k, v] of labels) {
      if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(k) || typeof v !== 'string') throw new Error(`bad label ${k}`);
    }
    for (const e of s.values) {
      if (e.length < 2 || e.length > 3) throw new Error('entry must be [ts, line] or [ts, line, metadata]');
      if (typeof e[0] !== 'string' || !/^\d+$/.test(e[0]))
        throw new Error('timestamp must be a string of ns');
      if (typeof e[1] !== 'string') throw new Error('line must be a string');
      if (e[2] !== undefined && Object.values(e[2] as object).some((v) => typeof v !== 'string')) {
        throw new Error('metadata values must be strings');
      }
    }
  }
  return body;
}

let server: CaptureServer;
let base: string;
beforeEach(async () => {
  server = new CaptureServer();
  base = await server.start();
  server.responder = (req) => {
    validateLoki(req);
    return { status: 204 };
  };
});
afterEach(() => server.stop());

const exporter = (structuredMetadata: boolean) =>
  new LokiExporter('loki', {
    endpoint: base,
    labels: DEFAULT_LOKI_LABELS,
    structuredMetadata,
    tenantId: 'team-a',
    headers: {},
  });

describe('LokiExporter', () => {
  it('pushes one stream per resource label set, ordered by time, with structured metadata and the tenant', async () => {
    const batch = logBatch(
      { 'service.name': 'checkout', 'deployment.environment': 'prod', 'host.name': 'n1' },
      [
        logRecord('second', { timeUnixNano: 2000n, traceId: 'ab'.repeat(16), attributes: { 'user.id': 7n } }),
        logRecord({ msg: 'first' }, { timeUnixNano: 1000n, severityText: 'WARN', severityNumber: 13 }),
      ],
    );
    const e = exporter(true);
    expect(await e.push(batch)).toEqual({ kind: 'success' });
    await e.shutdown();
    const req = server.requests[0]!;
    expect(req.headers['x-scope-orgid']).toBe('team-a');
    expect(validateLoki(req).streams).toEqual([
      {
        stream: { service_name: 'checkout', deployment_environment: 'prod' },
        values: [
          ['1000', '{"msg":"first"}', { severity_text: 'WARN', severity_number: '13' }],
          [
            '2000',
            'second',
            { severity_text: 'INFO', severity_number: '9', trace_id: 'ab'.repeat(16), user_id: '7' },
          ],
        ],
      },
    ]);
  });

  it('writes JSON lines instead of structured metadata when that is off, and skips other signals', async () => {
    const e = exporter(false);
    expect(await e.push({ signal: 'traces', data: { resourceSpans: [] } })).toEqual({ kind: 'success' });
    await e.push(logBatch({}, [logRecord('hello', { attributes: { a: true } })]));
    await e.shutdown();
    const [stream] = validateLoki(server.requests[0]!).streams;
    expect(stream!.stream).toEqual({ service_name: 'unknown_service' });
    expect(JSON.parse(stream!.values[0]![1] as string)).toEqual({
      body: 'hello',
      severity_text: 'INFO',
      severity_number: '9',
      attributes: { a: 'true' },
    });
  });

  it('retries on 429 rate limiting and gives up on 400', async () => {
    const e = exporter(true);
    server.responder = () => ({ status: 429, headers: { 'retry-after': '1' } });
    expect(await e.push(logBatch({}, [logRecord('x')]))).toMatchObject({
      kind: 'retryable',
      retryAfterMs: 1000,
    });
    server.responder = () => ({ status: 400, body: 'entry too far behind' });
    expect(await e.push(logBatch({}, [logRecord('x')]))).toMatchObject({ kind: 'permanent' });
    await e.shutdown();
  });
});
