import { InMemoryLogRecordExporter, LoggerProvider } from '@opentelemetry/sdk-logs';
import { BasicTracerProvider, InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { CountedQueue } from './counted-queue.js';
import { createStatsRecorder } from './exporter-stats.js';
import { IsolatedLogProcessor } from './isolated-log-processor.js';
import { IsolatedSpanProcessor } from './isolated-span-processor.js';

const recorder = () => createStatsRecorder('test', ['traces'], 60_000, () => {});
const resolved = { forceFlush: () => Promise.resolve() };
// Large enough that the batch processor's timer never fires during a test: only flushes export.
const noTimer = { scheduleDelayMillis: 60_000, maxQueueSize: 2, maxExportBatchSize: 2 };

describe('CountedQueue', () => {
  it('resolves the batch options from the settings, capping the batch size at the queue size', () => {
    const q = new CountedQueue(recorder(), { maxQueueSize: 100, maxExportBatchSize: 512 }, 1000);
    expect(q.options).toEqual({
      maxQueueSize: 100,
      maxExportBatchSize: 100,
      scheduledDelayMillis: 1000,
      exportTimeoutMillis: 30_000,
    });
  });

  it('admits up to maxQueueSize items and counts the rest as dropped until some are handed over', () => {
    const r = recorder();
    const q = new CountedQueue(r, { maxQueueSize: 2 }, 1000);
    expect([q.admit(), q.admit(), q.admit()]).toEqual([true, true, false]);
    expect(r.stats.dropped).toBe(1);
    q.handedOver(2);
    expect([q.admit(), q.admit(), q.admit()]).toEqual([true, true, false]);
    expect(r.stats.dropped).toBe(2);
  });

  it('flush waits for items admitted before it to be handed over', async () => {
    const q = new CountedQueue(recorder(), {}, 1000);
    q.admit();
    let done = false;
    const flushing = q.flush(resolved, resolved).then(() => {
      done = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    q.handedOver(1);
    await flushing;
    expect(done).toBe(true);
  });

  it('flush gives up waiting after the export timeout', async () => {
    const q = new CountedQueue(recorder(), { exportTimeoutMillis: 30 }, 1000);
    q.admit();
    const started = Date.now();
    await q.flush(resolved, resolved);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });
});

describe('isolated processors', () => {
  it('IsolatedSpanProcessor exports the spans that fit its queue and counts every other one as dropped', async () => {
    const r = recorder();
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      spanProcessors: [new IsolatedSpanProcessor(exporter, r, noTimer)],
    });
    const tracer = provider.getTracer('t');
    for (let i = 0; i < 5; i++) tracer.startSpan(`s${i}`).end();
    await provider.forceFlush();
    // BatchSpanProcessor hands a full batch over at once (freeing the queue), so more than 2 may be sent; every
    // span is either exported in order or counted as dropped.
    expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(
      ['s0', 's1', 's2', 's3', 's4'].slice(0, r.stats.sent),
    );
    expect(r.stats.sent + r.stats.dropped).toBe(5);
    expect(r.stats.dropped).toBeGreaterThan(0);
    expect(r.stats.failed).toBe(0);
    await provider.shutdown();
  });

  it('IsolatedLogProcessor exports what fits its queue and counts the overflow as dropped', async () => {
    const r = recorder();
    const exporter = new InMemoryLogRecordExporter();
    const provider = new LoggerProvider({ processors: [new IsolatedLogProcessor(exporter, r, noTimer)] });
    const logger = provider.getLogger('t');
    for (let i = 0; i < 5; i++) logger.emit({ body: `l${i}` });
    await provider.forceFlush();
    expect(exporter.getFinishedLogRecords().map((l) => l.body)).toEqual(['l0', 'l1']);
    expect(r.stats).toMatchObject({ sent: 2, dropped: 3, failed: 0 });
    await provider.shutdown();
  });
});
