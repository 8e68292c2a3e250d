import { Temporality } from '@switchyard/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SelfMetrics } from '../../self/self-metrics.js';
import { type CapturedRequest, CaptureServer } from '../testing/capture-server.js';
import { logBatch, logRecord } from '../testing/logs.js';
import { metric, metricsBatch, numberPoint } from '../testing/metrics.js';
import { spanBatch } from '../testing/spans.js';
import { SplunkHecExporter } from './splunk-hec-exporter.js';

const EVENT_KEYS = new Set(['time', 'host', 'source', 'sourcetype', 'index', 'event', 'fields']);

/** Splunk HEC's documented request: POST /services/collector/event, `Authorization: Splunk <token>`, events. */
function validateHec(req: CapturedRequest, token: string): Record<string, unknown>[] {
  if (req.method !== 'POST' || req.path !== '/services/collector/event')
    throw new Error(`bad route ${req.path}`);
  if (req.headers.authorization !== `Splunk ${token}`) throw new Error('{"text":"Invalid token","code":4}');
  // HEC's batch form: JSON event objects one after another (we separate them with newlines).
  const events = req.body
    .toString()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  for (const e of events) {
    for (const k of Object.keys(e)) if (!EVENT_KEYS.has(k)) throw new Error(`unknown key ${k}`);
    if (e.event === undefined || e.event === '')
      throw new Error('{"text":"Event field is required","code":12}');
    if (typeof e.time !== 'number') throw new Error('time must be epoch seconds');
    for (const v of Object.values((e.fields as object) ?? {})) {
      if (typeof v === 'object') throw new Error('{"text":"Error in handling indexed fields","code":15}');
    }
  }
  return events;
}

let server: CaptureServer;
let base: string;
beforeEach(async () => {
  server = new CaptureServer();
  base = await server.start();
  server.responder = (req) => {
    validateHec(req, 's3cret');
    return { status: 200, body: '{"text":"Success","code":0}' };
  };
});
afterEach(() => server.stop());

const exporter = (token = 's3cret', metrics?: SelfMetrics) =>
  new SplunkHecExporter(
    'splunk',
    { endpoint: base, token, index: 'otel', sourcetype: 'otel', headers: {} },
    metrics,
  );

describe('SplunkHecExporter', () => {
  it('sends log records as HEC events with time, host, index and indexed fields', async () => {
    const e = exporter();
    const batch = logBatch({ 'service.name': 'checkout', 'host.name': 'web-1' }, [
      logRecord('payment ok', {
        timeUnixNano: 1_700_000_000_123_000_000n,
        attributes: { order: 42n },
        traceId: 'ab'.repeat(16),
      }),
      logRecord({ structured: true }),
    ]);
    expect(await e.push(batch)).toEqual({ kind: 'success' });
    await e.shutdown();
    const events = validateHec(server.requests[0]!, 's3cret');
    expect(events[0]).toEqual({
      time: 1_700_000_000.123,
      host: 'web-1',
      sourcetype: 'otel',
      index: 'otel',
      event: 'payment ok',
      fields: {
        'service.name': 'checkout',
        'host.name': 'web-1',
        order: '42',
        'otel.log.severity.text': 'INFO',
        'otel.log.severity.number': 9,
        trace_id: 'ab'.repeat(16),
      },
    });
    expect(events[1]!.event).toEqual({ structured: true });
  });

  it('sends spans as JSON events and gauge/sum points as metric events, counting other metric types', async () => {
    const metrics = new SelfMetrics();
    const e = exporter('s3cret', metrics);
    expect(await e.push(spanBatch(1, 1))).toEqual({ kind: 'success' });
    const m = metricsBatch({ 'service.name': 'api' }, [
      metric('queue.depth', '', { type: 'gauge', dataPoints: [numberPoint(5n, 1000, { q: 'a' })] }),
      metric('lat', 'ms', { type: 'summary', dataPoints: [] }),
      metric('h', 'ms', {
        type: 'histogram',
        aggregationTemporality: Temporality.CUMULATIVE,
        dataPoints: [{ ...numberPoint(0, 1), count: 1n, bucketCounts: [1n], explicitBounds: [] }],
      }),
    ]);
    expect(await e.push(m)).toEqual({ kind: 'success' });
    await e.shutdown();
    const span = validateHec(server.requests[0]!, 's3cret')[0]!;
    expect(span.event).toMatchObject({
      span_id: '0000000000000001',
      name: 'op-1',
      start_time: '1700000000000001000',
    });
    const point = validateHec(server.requests[1]!, 's3cret')[0]!;
    expect(point).toMatchObject({
      event: 'metric',
      time: 1,
      fields: { 'metric_name:queue.depth': 5, q: 'a' },
    });
    expect(
      metrics.value('switchyard_exporter_dropped_points_total', {
        exporter: 'splunk',
        reason: 'unsupported_metric_type',
      }),
    ).toBe(1);
  });

  it('treats a rejected token as permanent and a busy server as retryable', async () => {
    expect(await exporter('wrong').push(logBatch({}, [logRecord('x')]))).toMatchObject({
      kind: 'permanent',
      message: 'HTTP 400: {"text":"Invalid token","code":4}',
    });
    server.responder = () => ({ status: 503, body: '{"text":"Server is busy","code":9}' });
    expect((await exporter().push(logBatch({}, [logRecord('x')]))).kind).toBe('retryable');
  });
});
