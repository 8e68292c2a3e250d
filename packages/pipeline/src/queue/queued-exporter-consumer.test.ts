import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TelemetryBatch } from '@switchyard/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ExportResult, permanent, retryable, SUCCESS } from '../component/export-result.js';
import type { Exporter } from '../component/exporter.js';
import { retryPolicySchema } from '../delivery/retry-policy.js';
import { spanBatch, spanIds } from '../exporters/testing/spans.js';
import { SelfMetrics } from '../self/self-metrics.js';
import { DeadLetterFile } from './dead-letter.js';
import { DurableQueue } from './durable-queue.js';
import { MemoryQueue } from './memory-queue.js';
import { queueConfigSchema } from './queue-config.js';
import { QueuedExporterConsumer } from './queued-exporter-consumer.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'syq-c-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** An exporter answering from a script (then success), recording what it delivered. */
function scripted(results: ExportResult[] = []): Exporter & { delivered: string[] } {
  const delivered: string[] = [];
  return {
    name: 'up',
    delivered,
    async push(batch: TelemetryBatch) {
      const r = results.shift() ?? SUCCESS;
      if (r.kind === 'success') delivered.push(...spanIds(batch));
      return r;
    },
    async shutdown() {},
  };
}

const retry = retryPolicySchema.parse({ initialIntervalMs: 5, maxIntervalMs: 50 });
const until = async (cond: () => boolean) => {
  for (let i = 0; i < 400 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('QueuedExporterConsumer', () => {
  it('retries retryable failures and counts sent items and retries', async () => {
    const metrics = new SelfMetrics();
    const exporter = scripted([retryable('503', 10), retryable('reset')]);
    const queue = new MemoryQueue(queueConfigSchema.parse({}), { name: 'up', metrics });
    const c = new QueuedExporterConsumer({
      exporter,
      queue,
      retry,
      timeoutMs: 1000,
      concurrency: 1,
      metrics,
    });
    expect((await c.consume(spanBatch(1, 3), 100)).kind).toBe('accepted');
    await until(() => exporter.delivered.length === 3);
    expect(metrics.value('switchyard_exporter_sent_items_total', { exporter: 'up', signal: 'traces' })).toBe(
      3,
    );
    expect(metrics.value('switchyard_exporter_retries_total', { exporter: 'up', signal: 'traces' })).toBe(2);
    expect(metrics.value('switchyard_queue_items', { exporter: 'up' })).toBe(0);
    await c.shutdown();
  });

  it('writes a permanently failed batch to the dead-letter file with the reason', async () => {
    const metrics = new SelfMetrics();
    const exporter = scripted([permanent('HTTP 400: bad span')]);
    const queue = new MemoryQueue(queueConfigSchema.parse({}), { name: 'up', metrics });
    const deadLetter = new DeadLetterFile(join(dir, 'dead-letter.ndjson'));
    const c = new QueuedExporterConsumer({
      exporter,
      queue,
      retry,
      timeoutMs: 1000,
      concurrency: 1,
      metrics,
      deadLetter,
      log: () => {},
    });
    await c.consume(spanBatch(7, 2), 100);
    await until(
      () =>
        metrics.value('switchyard_exporter_dead_lettered_items_total', {
          exporter: 'up',
          signal: 'traces',
        }) === 2,
    );
    await c.shutdown();
    const line = JSON.parse(readFileSync(deadLetter.path, 'utf8').trim());
    expect(line).toMatchObject({ exporter: 'up', signal: 'traces', items: 2, reason: 'HTTP 400: bad span' });
    expect(line.request.resourceSpans[0].scopeSpans[0].spans[0].spanId).toBe(spanIds(spanBatch(7, 1))[0]);
    expect(
      metrics.value('switchyard_exporter_failed_items_total', { exporter: 'up', signal: 'traces' }),
    ).toBe(2);
  });

  it('keeps undelivered records of a durable queue across a restart and delivers them afterwards', async () => {
    const config = queueConfigSchema.parse({ fsyncIntervalMs: 10 });
    const down = scripted(Array.from({ length: 1000 }, () => retryable('down')));
    const first = new QueuedExporterConsumer({
      exporter: down,
      queue: new DurableQueue(dir, config, { name: 'up' }),
      retry,
      timeoutMs: 1000,
      concurrency: 2,
    });
    for (let i = 0; i < 10; i++) expect((await first.consume(spanBatch(i * 5, 5), 0)).kind).toBe('accepted');
    await first.shutdown();
    const up = scripted();
    const second = new QueuedExporterConsumer({
      exporter: up,
      queue: new DurableQueue(dir, config, { name: 'up' }),
      retry,
      timeoutMs: 1000,
      concurrency: 2,
    });
    await until(() => up.delivered.length >= 50);
    await second.shutdown();
    expect([...new Set(up.delivered)].sort()).toEqual(spanIds(spanBatch(0, 50)).sort());
  });

  it('delivers what a memory queue holds during the shutdown drain period', async () => {
    const exporter = scripted([retryable('503', 20)]);
    const queue = new MemoryQueue(queueConfigSchema.parse({}), { name: 'up' });
    const c = new QueuedExporterConsumer({
      exporter,
      queue,
      retry,
      timeoutMs: 1000,
      concurrency: 1,
      shutdownDrainMs: 2000,
    });
    for (let i = 0; i < 5; i++) await c.consume(spanBatch(i, 1), 10);
    await c.shutdown();
    expect(exporter.delivered).toEqual(spanIds(spanBatch(0, 5)));
  });

  it('drops the oldest batches of a full memory queue under drop_oldest and counts them', async () => {
    const metrics = new SelfMetrics();
    const queue = new MemoryQueue(queueConfigSchema.parse({ maxBytes: 300, full: 'drop_oldest' }), {
      name: 'up',
      metrics,
      log: () => {},
    });
    for (let i = 0; i < 10; i++) expect((await queue.enqueue(spanBatch(i, 1), 100)).kind).toBe('accepted');
    expect(queue.stats()).toEqual({ items: 3, bytes: 300 });
    expect(
      metrics.value('switchyard_exporter_dropped_items_total', { exporter: 'up', reason: 'queue_full' }),
    ).toBe(7);
    expect(spanIds(await (await queue.next())!.load())).toEqual(spanIds(spanBatch(7, 1)));
    await queue.close();
  });

  it('refuses with 503 when a memory queue is full under backpressure', async () => {
    const queue = new MemoryQueue(queueConfigSchema.parse({ maxBytes: 300 }), { name: 'up' });
    for (let i = 0; i < 3; i++) await queue.enqueue(spanBatch(i, 1), 100);
    expect(await queue.enqueue(spanBatch(9, 1), 100)).toMatchObject({ kind: 'refused', status: 503 });
    await queue.close();
  });
});
