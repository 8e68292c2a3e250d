import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type InMemoryTelemetry, installInMemoryTelemetry } from '../test-support/in-memory-telemetry.js';
import { ExecutionHookManager } from './execution-hooks.js';
import { monitorExecution } from './monitor-execution.js';

let telemetry: InMemoryTelemetry;
let warn: typeof process.emitWarning;
beforeEach(() => {
  telemetry = installInMemoryTelemetry();
  warn = process.emitWarning;
  process.emitWarning = () => {};
});
afterEach(async () => {
  process.emitWarning = warn;
  await telemetry.shutdown();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('monitorExecution', () => {
  it('processes every item with bounded concurrency, in chunks, and returns results in order', async () => {
    let active = 0;
    let maxActive = 0;
    const chunks: number[] = [];
    const r = await monitorExecution(
      'resize',
      Array.from({ length: 10 }, (_, i) => i),
      async (n) => {
        active++;
        maxActive = Math.max(maxActive, active);
        await sleep(2);
        active--;
        return n * 2;
      },
      { concurrency: 3, chunkSize: 4, hooks: { chunkComplete: (e) => void chunks.push(e.items) } },
    );
    expect(r.results).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
    expect(r.processed).toBe(10);
    expect(maxActive).toBe(3);
    expect(chunks).toEqual([4, 4, 2]);
  });

  it('emits every hook event in order', async () => {
    const events: string[] = [];
    await monitorExecution(
      'job',
      [1, 2],
      async (n) => {
        if (n === 2) throw new Error('bad item');
      },
      {
        concurrency: 1,
        hooks: {
          preExecute: () => void events.push('pre'),
          progress: (e) => void events.push(`progress ${e.percentComplete}`),
          error: (e) => void events.push(`error ${e.index}`),
          chunkComplete: (e) => void events.push(`chunk ${e.chunkIndex} failed=${e.failed}`),
          postExecute: (e) => void events.push(`post ${e.processed}/${e.failed}`),
        },
      },
    );
    expect(events).toEqual(['pre', 'progress 50', 'error 1', 'progress 100', 'chunk 0 failed=1', 'post 1/1']);
  });

  it('never lets a throwing or rejecting hook break the work', async () => {
    const hooks = new ExecutionHookManager();
    hooks.on('progress', () => {
      throw new Error('hook crashed');
    });
    hooks.on('pre-execute', async () => {
      throw new Error('async hook crashed');
    });
    const r = await monitorExecution('robust', [1, 2, 3], (n) => n + 1, { hooks });
    await sleep(0);
    expect(r.results).toEqual([2, 3, 4]);
    expect(hooks.hookErrors).toBe(4);
  });

  it('counts failing items, keeps going, and marks the span as an error', async () => {
    const r = await monitorExecution('partial', [1, 2, 3, 4], (n) => {
      if (n % 2 === 0) throw new Error(`even ${n}`);
      return n;
    });
    expect(r.processed).toBe(2);
    expect(r.failed).toBe(2);
    expect(r.errors.map((e) => e.index)).toEqual([1, 3]);
    const span = telemetry.spans().find((s) => s.name === 'execution partial')!;
    expect(span.status.code).toBe(2);
    expect(span.events.filter((e) => e.name === 'execution.error')).toHaveLength(2);
  });

  it('stops starting new items after the first failure with stopOnError', async () => {
    const seen: number[] = [];
    const r = await monitorExecution(
      'strict',
      [1, 2, 3, 4, 5],
      (n) => {
        seen.push(n);
        if (n === 2) throw new Error('stop');
      },
      { concurrency: 1, stopOnError: true },
    );
    expect(seen).toEqual([1, 2]);
    expect(r.failed).toBe(1);
  });

  it('emits the built-in metrics and span events', async () => {
    await monitorExecution(
      'metrics',
      Array.from({ length: 20 }, (_, i) => i),
      async (n) => {
        if (n === 7) throw new Error('seven');
      },
      { concurrency: 2, chunkSize: 10 },
    );
    const m = await telemetry.metrics();
    const value = (name: string, outcome?: string) =>
      m.get(name)!.find((p) => outcome === undefined || p.attributes['execution.outcome'] === outcome)!.value;
    expect(value('executions_total')).toBe(1);
    expect(value('items_processed', 'success')).toBe(19);
    expect(value('items_processed', 'error')).toBe(1);
    expect(value('errors_total')).toBe(1);
    expect(value('workers_active')).toBe(0);
    expect(value('percent_complete')).toBe(100);
    expect(value('throughput')).toBeGreaterThan(0);
    expect((value('chunk_duration') as { count: number }).count).toBe(2);
    expect((value('execution_duration') as { count: number }).count).toBe(1);
    for (const p of m.get('executions_total')!) expect(p.attributes['execution.name']).toBe('metrics');
    const span = telemetry.spans().find((s) => s.name === 'execution metrics')!;
    expect(span.events.filter((e) => e.name === 'execution.chunk_complete')).toHaveLength(2);
    expect(span.events.filter((e) => e.name === 'execution.progress')).toHaveLength(10);
    expect(span.attributes['execution.processed']).toBe(19);
  });

  it('handles an empty list', async () => {
    const r = await monitorExecution('empty', [], () => 1);
    expect(r).toMatchObject({ processed: 0, failed: 0, results: [] });
  });
});
