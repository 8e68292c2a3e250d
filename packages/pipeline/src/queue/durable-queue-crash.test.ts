import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spanBatch, spanIds } from '../exporters/testing/spans.js';
import { DurableQueue } from './durable-queue.js';
import { queueConfigSchema } from './queue-config.js';

const here = import.meta.dirname;
let dir: string;

beforeAll(() => {
  // The child process runs the built JavaScript; make sure it matches the sources under test.
  execFileSync('npx', ['tsc', '-b', 'packages/pipeline'], {
    cwd: resolve(here, '../../../..'),
    stdio: 'pipe',
  });
  dir = mkdtempSync(join(tmpdir(), 'syq-crash-'));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('DurableQueue crash safety', () => {
  it('keeps every record acknowledged with ackAfterFsync when the writer is killed with SIGKILL', async () => {
    const child = spawn(process.execPath, [join(here, 'testing/crash-writer.mjs'), dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const acked = new Set<string>();
    let buffered = '';
    await new Promise<void>((done, fail) => {
      child.on('exit', (code, sig) => (sig === 'SIGKILL' ? done() : fail(new Error(`child exited ${code}`))));
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) acked.add(spanIds(spanBatch(Number(line.slice(4)), 1))[0]!);
        if (acked.size >= 300 && !child.killed) child.kill('SIGKILL');
      });
    });
    const queue = new DurableQueue(dir, queueConfigSchema.parse({}), { name: 'crash', log: () => {} });
    const present = new Set<string>();
    for (;;) {
      const r = await Promise.race([
        queue.next(),
        new Promise<undefined>((res) => setTimeout(() => res(undefined), 100)),
      ]);
      if (!r) break;
      for (const id of spanIds(await r.load())) present.add(id);
      queue.ack(r);
    }
    await queue.close();
    const missing = [...acked].filter((id) => !present.has(id));
    expect(acked.size).toBeGreaterThanOrEqual(300);
    expect(missing).toEqual([]);
  });
});
