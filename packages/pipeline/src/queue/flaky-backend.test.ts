import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retryPolicySchema } from '../delivery/retry-policy.js';
import { OtlpHttpExporter } from '../exporters/otlp-http-exporter.js';
import { OtlpTestServer } from '../exporters/testing/otlp-test-server.js';
import { spanBatch, spanIds } from '../exporters/testing/spans.js';
import { SelfMetrics } from '../self/self-metrics.js';
import { DurableQueue } from './durable-queue.js';
import { queueConfigSchema } from './queue-config.js';
import { QueuedExporterConsumer } from './queued-exporter-consumer.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'syq-flaky-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('durable delivery to a flaky OTLP backend', () => {
  it('delivers every accepted span through 503 + Retry-After, 429, connection resets and an outage', async () => {
    let server = new OtlpTestServer();
    const endpoint = await server.start();
    const port = server.port;
    const delivered = new Set<string>();
    const flaky = (s: OtlpTestServer) => {
      s.responder = (req, n) => {
        if (n % 5 === 1) return { status: 503, headers: { 'retry-after': '1' } };
        if (n % 5 === 2) return { status: 429 };
        if (n % 7 === 3) return { reset: true };
        for (const id of spanIds(req.batch)) delivered.add(id);
        return { status: 200 };
      };
    };
    flaky(server);
    const metrics = new SelfMetrics();
    const config = queueConfigSchema.parse({ fsyncIntervalMs: 20, segmentBytes: 64 * 1024 });
    const consumer = new QueuedExporterConsumer({
      exporter: new OtlpHttpExporter({
        name: 'flaky',
        endpoint,
        encoding: 'protobuf',
        compression: 'gzip',
        headers: {},
        log: () => {},
      }),
      queue: new DurableQueue(dir, config, { name: 'flaky', metrics }),
      retry: retryPolicySchema.parse({ initialIntervalMs: 10, maxIntervalMs: 150, maxElapsedMs: 0 }),
      timeoutMs: 2000,
      concurrency: 4,
      metrics,
      log: () => {},
    });

    const sent: string[] = [];
    for (let i = 0; i < 200; i += 10) {
      const round = Array.from({ length: 10 }, (_, k) => spanBatch((i + k) * 10, 10));
      const results = await Promise.all(round.map((b) => consumer.consume(b, 0)));
      expect(results.every((r) => r.kind === 'accepted')).toBe(true);
      for (const b of round) sent.push(...spanIds(b));
      if (i === 60) {
        await server.stop(); // the backend goes away while spans keep arriving
        setTimeout(async () => {
          server = new OtlpTestServer();
          flaky(server);
          await server.start(port);
        }, 1500);
      }
    }
    const deadline = Date.now() + 20_000;
    const queued = () => metrics.value('switchyard_queue_items', { exporter: 'flaky' });
    while ((delivered.size < sent.length || queued() > 0) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 25));
    }
    const queuedAfterDelivery = queued();
    await consumer.shutdown();
    await server.stop();

    expect(sent).toHaveLength(2000);
    expect(sent.filter((id) => !delivered.has(id))).toEqual([]);
    expect(
      metrics.value('switchyard_exporter_retries_total', { exporter: 'flaky', signal: 'traces' }),
    ).toBeGreaterThan(50);
    expect(queuedAfterDelivery).toBe(0);
  });
});
