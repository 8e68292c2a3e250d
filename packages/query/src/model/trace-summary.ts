/** @module A trace's summary line computed from its spans (for sources that return whole traces). */
import { type AnalysisSpan, isErrorSpan } from '@switchyard/analysis';
import type { TraceSummaryOut } from './results.js';

export function summarizeSpans(traceId: string, spans: readonly AnalysisSpan[]): TraceSummaryOut {
  const ids = new Set(spans.map((s) => s.spanId));
  let start: bigint | null = null;
  let end: bigint | null = null;
  let root: AnalysisSpan | null = null;
  const services = new Set<string>();
  let errors = 0;
  for (const s of spans) {
    if (start === null || s.startTimeUnixNano < start) start = s.startTimeUnixNano;
    if (end === null || s.endTimeUnixNano > end) end = s.endTimeUnixNano;
    services.add(s.service);
    if (isErrorSpan(s)) errors++;
    const isRoot = s.parentSpanId === '' || !ids.has(s.parentSpanId);
    if (isRoot && (root === null || s.startTimeUnixNano < root.startTimeUnixNano)) root = s;
  }
  return {
    traceId,
    rootService: root?.service ?? '',
    rootName: root?.name ?? '',
    startMs: start === null ? 0 : Number(start / 1_000_000n),
    durationMs: start === null || end === null ? 0 : Number(end - start) / 1e6,
    spanCount: spans.length,
    errorCount: errors,
    services: [...services].sort(),
  };
}
