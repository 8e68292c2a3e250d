/**
 * @module Pure summary helpers that every adapter shares: metric series → current/average/min/max,
 * trend and anomaly flag; log records → counts by service and severity; trace list → analysis.
 */
import { type AnalysisSpan, analyzeTrace, detectAnomalies } from '@switchyard/analysis';
import type {
  LogRecordOut,
  LogsSummary,
  MetricSeriesOut,
  MetricsSummary,
  TraceSummaryOut,
  TracesAnalysisOut,
} from './results.js';
import { trendOf } from './theil-sen.js';

/** Decides whether a series is anomalous; the default runs the analysis package's detector. */
export type AnomalyCheck = (points: readonly [number, number][]) => boolean;

/** Most series scanned for anomalies (each scan is linear in the points). */
const MAX_ANOMALY_SERIES = 20;

export const defaultAnomalyCheck: AnomalyCheck = (points) => {
  const r = detectAnomalies(points.map(([t, v]) => ({ t, v })));
  return r.events.some((e) => e.severity !== 'low');
};

/** Mean across series at each timestamp: the one line a summary describes. */
export function combineSeries(series: readonly MetricSeriesOut[]): [number, number][] {
  if (series.length === 1) return series[0]!.points.filter(([, v]) => Number.isFinite(v));
  const acc = new Map<number, { sum: number; n: number }>();
  for (const s of series) {
    for (const [t, v] of s.points) {
      if (!Number.isFinite(v)) continue;
      const a = acc.get(t);
      if (a) {
        a.sum += v;
        a.n++;
      } else acc.set(t, { sum: v, n: 1 });
    }
  }
  return [...acc.entries()].sort((a, b) => a[0] - b[0]).map(([t, a]) => [t, a.sum / a.n]);
}

export function summarizeSeries(
  series: readonly MetricSeriesOut[],
  anomalyCheck: AnomalyCheck = defaultAnomalyCheck,
): MetricsSummary {
  const line = combineSeries(series);
  if (line.length === 0) {
    return { current: null, average: null, min: null, max: null, trend: 'flat', anomalyDetected: false };
  }
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const [, v] of line) {
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const anomalyDetected = series.slice(0, MAX_ANOMALY_SERIES).some((s) => anomalyCheck(s.points));
  return {
    current: line[line.length - 1]![1],
    average: sum / line.length,
    min,
    max,
    trend: trendOf(line),
    anomalyDetected,
  };
}

export function summarizeLogs(records: readonly LogRecordOut[]): LogsSummary {
  const byService: Record<string, number> = {};
  const bySeverity: Record<string, number> = {};
  for (const r of records) {
    byService[r.service] = (byService[r.service] ?? 0) + 1;
    const sev = r.severity || 'unknown';
    bySeverity[sev] = (bySeverity[sev] ?? 0) + 1;
  }
  return { total: records.length, byService, bySeverity };
}

/** Nearest-rank percentile of ascending values. */
export function percentileOf(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Spans of one trace, fetched on demand (for the slowest and the slowest erroring trace). */
export type SpanFetcher = (traceId: string) => Promise<AnalysisSpan[] | null>;

/** Aggregates over trace summaries; when `fetchSpans` is given, analyses the slowest (erroring) trace. */
export async function analyzeTraceList(
  traces: readonly TraceSummaryOut[],
  fetchSpans?: SpanFetcher,
): Promise<TracesAnalysisOut> {
  const durations = traces.map((t) => t.durationMs).sort((a, b) => a - b);
  const knownErrors = traces.every((t) => t.errorCount !== null);
  const perService = new Map<string, { traces: number; errorTraces: number }>();
  for (const t of traces) {
    const failed = (t.errorCount ?? 0) > 0;
    for (const s of t.services.length > 0 ? t.services : [t.rootService]) {
      const e = perService.get(s) ?? { traces: 0, errorTraces: 0 };
      e.traces++;
      if (failed) e.errorTraces++;
      perService.set(s, e);
    }
  }
  const slowest = traces.reduce<TraceSummaryOut | null>(
    (best, t) => (best === null || t.durationMs > best.durationMs ? t : best),
    null,
  );
  const slowestError = traces.reduce<TraceSummaryOut | null>(
    (best, t) => ((t.errorCount ?? 0) > 0 && (best === null || t.durationMs > best.durationMs) ? t : best),
    null,
  );
  let bottleneck: TracesAnalysisOut['bottleneck'] = null;
  let errorOrigin: TracesAnalysisOut['errorOrigin'] = null;
  if (fetchSpans && slowest) {
    const spans = await fetchSpans(slowest.traceId);
    if (spans && spans.length > 0) {
      const a = analyzeTrace(spans);
      bottleneck = a.bottleneck;
      errorOrigin = a.errorOrigin;
    }
    if (slowestError && slowestError.traceId !== slowest.traceId) {
      const errSpans = await fetchSpans(slowestError.traceId);
      if (errSpans && errSpans.length > 0) errorOrigin = analyzeTrace(errSpans).errorOrigin;
    }
  }
  return {
    count: traces.length,
    errorTraces: knownErrors ? traces.filter((t) => (t.errorCount ?? 0) > 0).length : null,
    durationMs: {
      p50: percentileOf(durations, 50),
      p95: percentileOf(durations, 95),
      max: durations.length > 0 ? durations[durations.length - 1]! : null,
    },
    byService: [...perService.entries()]
      .map(([service, v]) => ({ service, ...v }))
      .sort(
        (a, b) => b.errorTraces - a.errorTraces || b.traces - a.traces || a.service.localeCompare(b.service),
      ),
    slowestTraceId: slowest?.traceId ?? null,
    bottleneck,
    errorOrigin,
  };
}
