import { ExportResultCode } from '@opentelemetry/core';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-node';
import { describe, expect, it } from 'vitest';
import type { ExporterFactory } from '../telemetry/exporters.js';
import { startDemoWith } from './demo.js';

/** Exporters that keep everything they are given (the SDK's in-memory ones forget on shutdown). */
function collecting(): { factory: ExporterFactory; spans: ReadableSpan[]; logs: ReadableLogRecord[] } {
  const spans: ReadableSpan[] = [];
  const logs: ReadableLogRecord[] = [];
  const done = { code: ExportResultCode.SUCCESS };
  const spanExporter = (): SpanExporter => ({
    export: (batch, cb) => {
      spans.push(...batch);
      cb(done);
    },
    shutdown: async () => {},
  });
  const logExporter = (): LogRecordExporter => ({
    export: (batch, cb) => {
      logs.push(...batch);
      cb(done);
    },
    forceFlush: async () => {},
    shutdown: async () => {},
  });
  const metricExporter = (): PushMetricExporter => ({
    export: (_batch, cb) => cb(done),
    forceFlush: async () => {},
    shutdown: async () => {},
  });
  return { factory: { spans: spanExporter, metrics: metricExporter, logs: logExporter }, spans, logs };
}

async function run(
  seed: number,
  requestsPerSecond = 60,
): Promise<{ spans: ReadableSpan[]; logs: ReadableLogRecord[] }> {
  const sink = collecting();
  const demo = await startDemoWith(
    { endpoint: 'http://unused.invalid', seed, requestsPerSecond },
    sink.factory,
  );
  await new Promise((r) => setTimeout(r, 1_200));
  await demo.stop();
  return sink;
}

/** Stable identity of a span: ids, parentage, name and duration (absolute times differ per run). */
function identity(s: ReadableSpan): string {
  const ns = (t: [number, number]): bigint => BigInt(t[0]) * 1_000_000_000n + BigInt(t[1]);
  const duration = ns(s.endTime) - ns(s.startTime);
  return [
    s.spanContext().traceId,
    s.spanContext().spanId,
    s.parentSpanContext?.spanId ?? '',
    s.name,
    duration,
  ].join(' ');
}

describe('seeded replay', () => {
  it('reproduces trace ids, span ids, parentage and durations for the same seed', async () => {
    const a = await run(99);
    const b = await run(99);
    const traces = (spans: ReadableSpan[]): Set<string> => new Set(spans.map((s) => s.spanContext().traceId));
    const common = [...traces(a.spans)].filter((t) => traces(b.spans).has(t));
    expect(common.length).toBeGreaterThan(20);
    const pick = (spans: ReadableSpan[]): string[] =>
      spans
        .filter((s) => common.includes(s.spanContext().traceId))
        .map(identity)
        .sort();
    expect(pick(a.spans)).toEqual(pick(b.spans));
  });

  it('emits log records carrying the trace and span of the span they were written in', async () => {
    const { spans, logs } = await run(5, 150);
    const spanIds = new Set(spans.map((s) => s.spanContext().spanId));
    const withContext = logs.filter((l) => l.spanContext !== undefined);
    expect(withContext.length).toBeGreaterThan(10);
    for (const l of withContext) expect(spanIds.has(l.spanContext?.spanId ?? '')).toBe(true);
    expect(new Set(logs.map((l) => l.severityText))).toEqual(new Set(['INFO', 'WARN', 'ERROR']));
  });
});
