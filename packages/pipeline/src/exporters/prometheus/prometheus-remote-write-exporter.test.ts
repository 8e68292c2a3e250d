import { Temporality } from '@switchyard/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SelfMetrics } from '../../self/self-metrics.js';
import { readFields } from '../proto-reader.js';
import { CaptureServer } from '../testing/capture-server.js';
import { metric, metricsBatch, numberPoint } from '../testing/metrics.js';
import { spanBatch } from '../testing/spans.js';
import { PrometheusRemoteWriteExporter } from './prometheus-remote-write-exporter.js';
import { snappyUncompress } from './snappy.js';

let server: CaptureServer;
let endpoint: string;
beforeEach(async () => {
  server = new CaptureServer();
  endpoint = `${await server.start()}/api/v1/write`;
});
afterEach(() => server.stop());

function exporter(metrics?: SelfMetrics): PrometheusRemoteWriteExporter {
  return new PrometheusRemoteWriteExporter({
    name: 'prom',
    endpoint,
    headers: { authorization: 'Bearer t' },
    nativeHistograms: true,
    maxDeltaSeries: 10,
    metrics,
    log: () => {},
  });
}

/** Decodes WriteRequest → [{labels, samples:[value, ts]}] with the generic wire reader. */
function decode(body: Buffer) {
  const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');
  return readFields(snappyUncompress(body)).map((ts) => {
    const labels: Record<string, string> = {};
    const samples: [number, number][] = [];
    for (const f of readFields(ts.bytes)) {
      if (f.field === 1) {
        const [name, value] = readFields(f.bytes);
        labels[text(name!.bytes)] = text(value!.bytes);
      } else if (f.field === 2) {
        const [v, t] = readFields(f.bytes);
        samples.push([Buffer.from(v!.bytes).readDoubleLE(0), t!.num]);
      }
    }
    return { labels, samples };
  });
}

const deltaBatch = (v: number) =>
  metricsBatch({ 'service.name': 'api' }, [
    metric('hits', '', {
      type: 'sum',
      aggregationTemporality: Temporality.DELTA,
      isMonotonic: true,
      dataPoints: [numberPoint(v, 1_700_000_000_000)],
    }),
  ]);

describe('PrometheusRemoteWriteExporter', () => {
  it('POSTs a snappy-compressed WriteRequest with the remote write 1.0 headers', async () => {
    const r = await exporter().push(deltaBatch(5));
    expect(r).toEqual({ kind: 'success' });
    const req = server.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/api/v1/write');
    expect(req.headers).toMatchObject({
      'content-encoding': 'snappy',
      'content-type': 'application/x-protobuf',
      'x-prometheus-remote-write-version': '0.1.0',
      authorization: 'Bearer t',
    });
    expect(decode(req.body)).toEqual([
      {
        labels: { __name__: 'hits_total', job: 'api', otel_scope_name: 'scope', otel_scope_version: '1.0' },
        samples: [[5, 1_700_000_000_000]],
      },
    ]);
  });

  it('resends the same bytes when a batch is retried, without adding its delta twice', async () => {
    server.responder = () =>
      server.requests.length === 1 ? { status: 503, headers: { 'retry-after': '2' } } : { status: 204 };
    const e = exporter();
    const b = deltaBatch(5);
    expect(await e.push(b)).toEqual({ kind: 'retryable', message: 'HTTP 503', retryAfterMs: 2000 });
    expect(await e.push(b)).toEqual({ kind: 'success' });
    expect(server.requests[1]!.body.equals(server.requests[0]!.body)).toBe(true);
    await e.push(deltaBatch(1));
    expect(decode(server.requests[2]!.body)[0]!.samples[0]![0]).toBe(6);
  });

  it.each([
    [500, 'retryable'],
    [429, 'retryable'],
    [400, 'permanent'],
    [401, 'permanent'],
  ] as const)('maps HTTP %i to %s', async (status, kind) => {
    server.responder = () => ({ status, body: 'out of order sample' });
    const r = await exporter().push(deltaBatch(1));
    expect(r.kind).toBe(kind);
    expect(r.kind !== 'success' && r.message).toBe(`HTTP ${status}: out of order sample`);
  });

  it('sends nothing for traces, and counts exponential histograms it cannot represent', async () => {
    const metrics = new SelfMetrics();
    const e = exporter(metrics);
    expect(await e.push(spanBatch(1, 2))).toEqual({ kind: 'success' });
    const exp = metricsBatch({ 'service.name': 'api' }, [
      metric('lat', 'ms', {
        type: 'exponentialHistogram',
        aggregationTemporality: Temporality.DELTA,
        dataPoints: [
          {
            attributes: {},
            startTimeUnixNano: 0n,
            timeUnixNano: 1n,
            flags: 0,
            count: 1n,
            scale: 0,
            zeroCount: 1n,
            zeroThreshold: 0,
            positive: { offset: 0, bucketCounts: [] },
            negative: { offset: 0, bucketCounts: [] },
            exemplars: [],
          },
        ],
      }),
    ]);
    expect(await e.push(exp)).toEqual({ kind: 'success' });
    expect(server.requests).toHaveLength(0);
    expect(
      metrics.value('switchyard_exporter_dropped_points_total', {
        exporter: 'prom',
        reason: 'delta_exponential_histogram',
      }),
    ).toBe(1);
  });
});
