import {
  appendFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spanBatch, spanIds } from '../exporters/testing/spans.js';
import { SelfMetrics } from '../self/self-metrics.js';
import type { BatchQueue } from './batch-queue.js';
import { DurableQueue } from './durable-queue.js';
import { type Fsync, nodeFsync } from './group-commit.js';
import { type QueueConfig, queueConfigSchema } from './queue-config.js';
import { listSegments, segmentPath } from './segment-files.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'syq-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function open(over: Partial<QueueConfig> = {}, metrics?: SelfMetrics, fsync?: Fsync): DurableQueue {
  return new DurableQueue(
    dir,
    queueConfigSchema.parse({ fsyncIntervalMs: 10, ...over }),
    { name: 'up', metrics, log: () => {} },
    fsync,
  );
}

/** Takes every record currently queued, acking them when `ack` is set; returns their span ids. */
async function drain(q: BatchQueue, ack: boolean): Promise<string[]> {
  const ids: string[] = [];
  while (q.stats().items > 0) {
    const r = await Promise.race([
      q.next(),
      new Promise<undefined>((res) => setTimeout(() => res(undefined), 50)),
    ]);
    if (!r) break;
    ids.push(...spanIds(await r.load()));
    if (ack) q.ack(r);
  }
  return ids;
}

const expectedIds = (n: number, per: number) => spanIds(spanBatch(0, n * per));

describe('DurableQueue', () => {
  it('delivers every record again after a restart when none was acknowledged', async () => {
    const q = open();
    for (let i = 0; i < 50; i++) expect((await q.enqueue(spanBatch(i * 4, 4))).kind).toBe('accepted');
    await drain(q, false);
    await q.close();
    const reopened = open();
    expect(reopened.stats().items).toBe(200);
    expect(await drain(reopened, true)).toEqual(expectedIds(50, 4));
    await reopened.close();
  });

  it('does not hand out acknowledged records again after a restart', async () => {
    const q = open();
    for (let i = 0; i < 10; i++) await q.enqueue(spanBatch(i, 1));
    for (let i = 0; i < 4; i++) q.ack((await q.next())!);
    await q.close();
    const reopened = open();
    expect(await drain(reopened, true)).toEqual(spanIds(spanBatch(4, 6)));
    await reopened.close();
  });

  it('skips and counts a damaged record and a truncated tail on recovery, keeping the rest', async () => {
    const q = open();
    for (let i = 0; i < 5; i++) await q.enqueue(spanBatch(i * 10, 10));
    await q.close();
    const seg = segmentPath(dir, listSegments(dir)[0]!);
    const bytes = readFileSync(seg);
    const recordSize = (bytes.length - 8) / 5;
    bytes[8 + recordSize + 40]! ^= 0xff; // flip a payload byte of the second record
    writeFileSync(seg, bytes);
    appendFileSync(seg, bytes.subarray(8, 8 + recordSize / 2)); // half a record at the end
    const metrics = new SelfMetrics();
    const reopened = open({}, metrics);
    expect(reopened.recoveredCorrupt).toBe(2);
    expect(metrics.value('switchyard_queue_corrupt_records_total', { exporter: 'up' })).toBe(2);
    const ids = await drain(reopened, true);
    expect(ids).toEqual([...spanIds(spanBatch(0, 10)), ...spanIds(spanBatch(20, 30))]);
    await reopened.close();
  });

  it('deletes segment files once every record in them is acknowledged, so disk use shrinks', async () => {
    const q = open({ segmentBytes: 64 * 1024, ackAfterFsync: false });
    for (let i = 0; i < 300; i++) await q.enqueue(spanBatch(i * 20, 20));
    const before = q.diskUsageBytes();
    const segmentsBefore = listSegments(dir).length;
    expect(segmentsBefore).toBeGreaterThan(5);
    await drain(q, true);
    expect(q.stats()).toEqual({ items: 0, bytes: 0 });
    await q.close(); // waits for the segment deletions, which run off the event loop
    expect(listSegments(dir).length).toBe(1);
    expect(q.diskUsageBytes()).toBeLessThan(before / 5);
  });

  it('refuses with 503 and Retry-After when full under backpressure, and counts refusals', async () => {
    const metrics = new SelfMetrics();
    const q = open({ maxBytes: 20_000, retryAfterMs: 700 }, metrics);
    const results = [];
    for (let i = 0; i < 30; i++) results.push(await q.enqueue(spanBatch(i * 10, 10)));
    const refused = results.filter((r) => r.kind === 'refused');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]).toMatchObject({ status: 503, retryAfterMs: 700 });
    expect(q.stats().bytes).toBeLessThanOrEqual(20_000);
    expect(metrics.value('switchyard_queue_refused_requests_total', { exporter: 'up' })).toBe(refused.length);
    await q.close();
  });

  it('drops the oldest queued records when full under drop_oldest, and counts them', async () => {
    const metrics = new SelfMetrics();
    const q = open({ maxBytes: 20_000, full: 'drop_oldest' }, metrics);
    for (let i = 0; i < 30; i++) expect((await q.enqueue(spanBatch(i * 10, 10))).kind).toBe('accepted');
    const ids = await drain(q, true);
    expect(ids.at(-1)).toBe(spanIds(spanBatch(299, 1))[0]);
    expect(ids).not.toContain(spanIds(spanBatch(0, 1))[0]);
    const dropped = metrics.value('switchyard_exporter_dropped_items_total', {
      exporter: 'up',
      reason: 'queue_full',
    });
    expect(dropped + ids.length).toBe(300);
    await q.close();
  });

  it('by default acknowledges a lone writer after an fsync of its segment, before the interval timer fires', async () => {
    expect(queueConfigSchema.parse({}).fsync).toBe('adaptive');
    const events: string[] = [];
    // The real fsync, recorded: which descriptors were flushed, and when, relative to the acknowledgement.
    const recording: Fsync = async (fd) => {
      events.push(`fsync start ${fd}`);
      await nodeFsync(fd);
      events.push(`fsync end ${fd}`);
    };
    const q = open({ fsyncIntervalMs: 10_000 }, undefined, recording);
    const timer = new Promise<'timer'>((r) => setTimeout(() => r('timer'), 10_000).unref());
    for (let i = 0; i < 3; i++) {
      events.length = 0;
      const r = await Promise.race([q.enqueue(spanBatch(i, 1)), timer]);
      expect(r).toEqual({ kind: 'accepted' });
      events.push('ack');
      // An fsync round (segment, and cursor when it moved) finished before the ack, not the 10 s timer.
      const segmentSyncs = events.filter((e) => e.startsWith('fsync end'));
      expect(segmentSyncs.length).toBeGreaterThan(0);
      expect(events.at(-1)).toBe('ack');
      expect(events.indexOf(segmentSyncs[0]!)).toBeLessThan(events.indexOf('ack'));
    }
    await q.close();
    const reopened = open();
    expect(await drain(reopened, true)).toEqual(spanIds(spanBatch(0, 3)));
    await reopened.close();
  }, 20_000);

  it('lets writers released by an fsync write again before the next one starts, so each fsync carries them all', async () => {
    let fsyncs = 0;
    const counting: Fsync = (fd) => {
      fsyncs++;
      return nodeFsync(fd);
    };
    const q = open({ fsyncIntervalMs: 10_000 }, undefined, counting);
    const WRITERS = 16;
    const RECORDS = 20;
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        for (let i = 0; i < RECORDS; i++) {
          expect((await q.enqueue(spanBatch(1 + w * RECORDS + i, 1))).kind).toBe('accepted');
        }
      }),
    );
    // About one fsync per record of each writer (the first round carries the first write alone), not the
    // two per record seen when released writers straggled into alternate rounds.
    expect(fsyncs).toBeLessThanOrEqual(RECORDS + 3);
    await q.close();
  });

  it('with fsync always, acknowledges an enqueue only after an fsync round', async () => {
    const q = open({ fsync: 'always', fsyncIntervalMs: 60_000 });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => q.enqueue(spanBatch(i, 1))));
    expect(results.every((r) => r.kind === 'accepted')).toBe(true);
    expect(statSync(join(dir, 'cursor.bin')).size).toBe(20);
    await q.close();
  });

  it('replays from the oldest segment when the cursor is damaged: duplicates, never losses', async () => {
    const q = open();
    for (let i = 0; i < 3; i++) await q.enqueue(spanBatch(i, 1));
    q.ack((await q.next())!);
    await q.close();
    truncateSync(join(dir, 'cursor.bin'), 3);
    const reopened = open();
    expect(await drain(reopened, true)).toEqual(spanIds(spanBatch(0, 3)));
    await reopened.close();
  });
});
