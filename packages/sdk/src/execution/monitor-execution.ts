/**
 * @module `monitorExecution(name, items, worker, { concurrency, chunkSize, hooks })`: runs `worker` over
 * `items` in chunks with bounded concurrency, inside one span, emitting the hook events, the built-in
 * metrics and span events (chunk complete, progress every 10%, the first errors). A failing item is
 * counted and reported; the run goes on unless `stopOnError` is set.
 */
import { randomUUID } from 'node:crypto';
import { type Span, SpanStatusCode } from '@opentelemetry/api';
import { sdkTracer } from '../context/sdk-meter.js';
import { ExecutionHookManager, type ExecutionHooks, type ExecutionInfo } from './execution-hooks.js';
import { executionInstruments } from './execution-metrics.js';

export interface MonitorOptions {
  concurrency?: number;
  chunkSize?: number;
  hooks?: ExecutionHooks | ExecutionHookManager;
  /** Stop after the first failing item (the rest are not started). Default false. */
  stopOnError?: boolean;
  /** Span events recorded for errors, at most (the count is always exact). Default 20. */
  maxErrorEvents?: number;
}

export interface ExecutionResult<R> {
  executionId: string;
  /** Result per item index; undefined where the worker failed. */
  results: Array<R | undefined>;
  processed: number;
  failed: number;
  errors: Array<{ index: number; error: unknown }>;
  durationMs: number;
  throughput: number;
  /** Hook invocations that threw (the work was not affected). */
  hookErrors: number;
}

function safeMetric(fn: () => void): void {
  try {
    fn();
  } catch {
    // a metrics failure must never break the work
  }
}

export async function monitorExecution<T, R>(
  name: string,
  items: Iterable<T>,
  worker: (item: T, index: number) => R | Promise<R>,
  options: MonitorOptions = {},
): Promise<ExecutionResult<R>> {
  const list = Array.isArray(items) ? (items as T[]) : [...items];
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
  const chunkSize = Math.max(1, Math.floor(options.chunkSize ?? 100));
  const hooks =
    options.hooks instanceof ExecutionHookManager ? options.hooks : new ExecutionHookManager(options.hooks);
  const hookErrorsBefore = hooks.hookErrors;
  const maxErrorEvents = options.maxErrorEvents ?? 20;
  const execution: ExecutionInfo = {
    name,
    executionId: randomUUID(),
    totalItems: list.length,
    concurrency,
    chunkSize,
  };
  const attrs = { 'execution.name': name };
  const m = executionInstruments();

  return sdkTracer().startActiveSpan(`execution ${name}`, async (span: Span) => {
    span.setAttributes({
      'execution.name': name,
      'execution.id': execution.executionId,
      'execution.total_items': list.length,
      'execution.concurrency': concurrency,
      'execution.chunk_size': chunkSize,
    });
    const started = performance.now();
    const results: Array<R | undefined> = new Array(list.length);
    const errors: Array<{ index: number; error: unknown }> = [];
    let processed = 0;
    let failed = 0;
    let nextDecile = 1;
    let stopped = false;
    const throughput = (): number => {
      const s = (performance.now() - started) / 1000;
      return s > 0 ? (processed + failed) / s : 0;
    };

    safeMetric(() => m.executions.add(1, attrs));
    hooks.emit('pre-execute', { execution });

    const runItem = async (index: number): Promise<void> => {
      safeMetric(() => m.workers.add(1, attrs));
      try {
        results[index] = await worker(list[index]!, index);
        processed++;
        safeMetric(() => m.items.add(1, { ...attrs, 'execution.outcome': 'success' }));
      } catch (error) {
        failed++;
        errors.push({ index, error });
        if (options.stopOnError) stopped = true;
        safeMetric(() => {
          m.errors.add(1, attrs);
          m.items.add(1, { ...attrs, 'execution.outcome': 'error' });
        });
        if (errors.length <= maxErrorEvents)
          span.addEvent('execution.error', {
            'execution.item_index': index,
            'exception.message': error instanceof Error ? error.message : String(error),
          });
        hooks.emit('error', { execution, index, error });
      } finally {
        safeMetric(() => m.workers.add(-1, attrs));
      }
      const done = processed + failed;
      const percentComplete = list.length === 0 ? 100 : (done / list.length) * 100;
      const tp = throughput();
      safeMetric(() => {
        m.percent.record(percentComplete, attrs);
        m.throughput.record(tp, attrs);
      });
      hooks.emit('progress', { execution, processed, failed, percentComplete, throughput: tp });
      while (percentComplete >= nextDecile * 10 && nextDecile <= 10) {
        span.addEvent('execution.progress', { 'execution.percent_complete': nextDecile * 10 });
        nextDecile++;
      }
    };

    for (let chunkStart = 0, chunkIndex = 0; chunkStart < list.length && !stopped; chunkIndex++) {
      const chunkEnd = Math.min(list.length, chunkStart + chunkSize);
      const chunkStarted = performance.now();
      const failedBefore = failed;
      let next = chunkStart;
      const lane = async (): Promise<void> => {
        while (next < chunkEnd && !stopped) await runItem(next++);
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, chunkEnd - chunkStart) }, lane));
      const durationMs = performance.now() - chunkStarted;
      const chunkItems = chunkEnd - chunkStart;
      safeMetric(() => m.chunkDuration.record(durationMs, attrs));
      span.addEvent('execution.chunk_complete', {
        'execution.chunk_index': chunkIndex,
        'execution.chunk_items': chunkItems,
        'execution.chunk_duration_ms': durationMs,
      });
      hooks.emit('chunk-complete', {
        execution,
        chunkIndex,
        items: chunkItems,
        failed: failed - failedBefore,
        durationMs,
      });
      chunkStart = chunkEnd;
    }

    const durationMs = performance.now() - started;
    const tp = throughput();
    safeMetric(() =>
      m.duration.record(durationMs, { ...attrs, 'execution.outcome': failed > 0 ? 'error' : 'success' }),
    );
    span.setAttributes({
      'execution.processed': processed,
      'execution.failed': failed,
      'execution.throughput': tp,
    });
    if (failed > 0)
      span.setStatus({ code: SpanStatusCode.ERROR, message: `${failed} of ${list.length} items failed` });
    hooks.emit('post-execute', { execution, processed, failed, durationMs, throughput: tp });
    span.end();
    return {
      executionId: execution.executionId,
      results,
      processed,
      failed,
      errors,
      durationMs,
      throughput: tp,
      hookErrors: hooks.hookErrors - hookErrorsBefore,
    };
  });
}
