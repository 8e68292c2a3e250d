import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spanBatch, spanIds } from '../exporters/testing/spans.js';
import { SelfMetrics } from '../self/self-metrics.js';
import { DurableQueue } from './durable-queue.js';
import { queueConfigSchema } from './queue-config.js';

// A real full disk: a 1 MiB tmpfs mounted for the test (needs root, which this project's test machines have).
let mountPoint: string;
beforeAll(() => {
  mountPoint = mkdtempSync(join(tmpdir(), 'syq-full-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint]);
});
afterAll(() => {
  execFileSync('umount', ['-l', mountPoint]); // lazy: still-open files must not fail the clean-up
  rmSync(mountPoint, { recursive: true, force: true });
});

describe('DurableQueue on a full disk', () => {
  it('refuses with 503 and counts it when the disk is full, recovers when space returns, and stays intact', async () => {
    const dir = join(mountPoint, 'q');
    const config = queueConfigSchema.parse({ segmentBytes: 64 * 1024, ackAfterFsync: false });
    const metrics = new SelfMetrics();
    const q = new DurableQueue(dir, config, { name: 'full', metrics, log: () => {} });
    const accepted: string[] = [];
    const reasons = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const batch = spanBatch(i * 20, 20);
      const r = await q.enqueue(batch);
      if (r.kind === 'accepted') accepted.push(...spanIds(batch));
      else if (r.kind === 'refused') reasons.add(`${r.status} ${r.reason}`);
    }
    expect([...reasons]).toEqual(['503 queue write failed: ENOSPC']);
    const refusals = metrics.value('switchyard_queue_refused_requests_total', { exporter: 'full' });
    expect(refusals).toBeGreaterThan(0);
    expect(accepted.length / 20 + refusals).toBe(1000);

    // Deliver (ack) the first half: whole segments are deleted and space returns.
    const delivered: string[] = [];
    while (delivered.length < accepted.length / 2) {
      const r = (await q.next())!;
      delivered.push(...spanIds(await r.load()));
      q.ack(r);
    }
    // Segment deletion runs off the event loop: on a loaded machine it can take a while for space to return.
    const later = spanBatch(100_000, 20);
    let kind = (await q.enqueue(later)).kind;
    for (let waited = 0; kind !== 'accepted' && waited < 10_000; waited += 50) {
      await new Promise((r) => setTimeout(r, 50));
      kind = (await q.enqueue(later)).kind;
    }
    expect(kind).toBe('accepted');
    accepted.push(...spanIds(later));
    await q.close();

    const reopened = new DurableQueue(dir, config, { name: 'full', log: () => {} });
    expect(reopened.recoveredCorrupt).toBe(0);
    const rest: string[] = [];
    for (
      let r = await reopened.next();
      r;
      r = reopened.stats().items > 0 ? await reopened.next() : undefined
    ) {
      rest.push(...spanIds(await r.load()));
      reopened.ack(r);
    }
    await reopened.close();
    expect([...delivered, ...rest]).toEqual(accepted);
  });
});
