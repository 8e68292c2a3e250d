import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  decodeLogs,
  decodeMetrics,
  decodeTraces,
  type Span,
  SpanKind,
  serviceNameOf,
} from '@switchyard/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type ChangeEvent, startDemo } from './demo.js';

interface Received {
  path: string;
  contentType: string;
  body: Buffer;
}

/** A minimal OTLP/HTTP receiver on a loopback port: records every request, answers 200. */
async function startReceiver(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        path: req.url ?? '',
        contentType: req.headers['content-type'] ?? '',
        body: Buffer.concat(chunks),
      });
      res.writeHead(200, { 'content-type': 'application/x-protobuf' });
      res.end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, received };
}

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('startDemo', () => {
  it('exports traces, metrics and logs as OTLP http/protobuf and reports the deployment', async () => {
    const { server, url, received } = await startReceiver();
    cleanup = async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    };
    const changes: ChangeEvent[] = [];
    const lines: string[] = [];
    const timersBefore = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const demo = await startDemo({
      endpoint: url,
      seed: 7,
      requestsPerSecond: 40,
      incidentScheduleMs: { firstAtMs: 300, slowQueryForMs: 1_000, gapMs: 200, errorBurstForMs: 800 },
      onChangeEvent: (e) => {
        changes.push(e);
      },
      log: (l) => lines.push(l),
    });
    await new Promise((r) => setTimeout(r, 3_000));
    await demo.stop();

    for (const signal of ['traces', 'metrics', 'logs']) {
      const reqs = received.filter((r) => r.path === `/v1/${signal}`);
      expect(reqs.length, signal).toBeGreaterThan(0);
      for (const r of reqs) {
        expect(r.contentType).toBe('application/x-protobuf');
        expect(r.body.length).toBeGreaterThan(0);
      }
    }

    const deployment = changes.find((c) => c.kind === 'deployment');
    expect(deployment).toMatchObject({ service: 'inventory', attributes: { 'service.version': '1.4.1' } });
    expect(typeof deployment?.timeUnixNano).toBe('bigint');
    expect(changes.some((c) => c.kind === 'config' && c.service === 'payment')).toBe(true);
    expect(lines.some((l) => l.includes('deployment'))).toBe(true);

    // Decode what arrived: real OTel SDK output read back by Switchyard's own codec.
    const spans: { service: string; version: string; span: Span }[] = [];
    for (const r of received.filter((x) => x.path === '/v1/traces')) {
      for (const rs of decodeTraces(r.body).resourceSpans) {
        const service = serviceNameOf(rs.resource);
        const version = String(rs.resource.attributes['service.version']);
        expect(rs.resource.attributes['service.namespace']).toBe('demo');
        expect(rs.resource.attributes['deployment.environment.name']).toBe('demo');
        for (const ss of rs.scopeSpans) for (const span of ss.spans) spans.push({ service, version, span });
      }
    }
    expect(new Set(spans.map((s) => s.service)).size).toBeGreaterThanOrEqual(5);
    expect(spans.some((s) => s.service === 'inventory' && s.version === '1.4.1')).toBe(true);

    const byId = new Map(spans.map((s) => [s.span.spanId, s]));
    const crossService = spans.filter((s) => {
      const parent = byId.get(s.span.parentSpanId);
      return (
        parent !== undefined &&
        parent.service !== s.service &&
        s.span.kind === SpanKind.SERVER &&
        parent.span.kind === SpanKind.CLIENT &&
        parent.span.traceId === s.span.traceId
      );
    });
    expect(crossService.length).toBeGreaterThan(10);
    for (const s of spans) expect(s.span.endTimeUnixNano).toBeGreaterThanOrEqual(s.span.startTimeUnixNano);
    expect(spans.some((s) => s.span.attributes['db.system.name'] === 'postgresql')).toBe(true);

    const logs = received
      .filter((x) => x.path === '/v1/logs')
      .flatMap((r) =>
        decodeLogs(r.body).resourceLogs.flatMap((rl) => rl.scopeLogs.flatMap((sl) => sl.logRecords)),
      );
    const correlated = logs.filter((l) => l.traceId !== '' && l.spanId !== '');
    expect(correlated.length).toBeGreaterThan(0);
    expect(correlated.every((l) => byId.has(l.spanId))).toBe(true);

    const metricNames = new Set(
      received
        .filter((x) => x.path === '/v1/metrics')
        .flatMap((r) =>
          decodeMetrics(r.body).resourceMetrics.flatMap((rm) => rm.scopeMetrics.flatMap((sm) => sm.metrics)),
        )
        .map((m) => m.name),
    );
    expect(metricNames).toContain('http.server.request.duration');
    expect(metricNames).toContain('process.cpu.utilization');
    expect(metricNames).toContain('db.client.connection.count');

    // No timers left behind by the demo.
    const timersAfter = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    expect(timersAfter).toBeLessThanOrEqual(timersBefore);
  }, 20_000);

  it('rejects an endpoint that is not an http URL', async () => {
    await expect(startDemo({ endpoint: 'localhost:4318' })).rejects.toThrow(/endpoint/);
  });
});
