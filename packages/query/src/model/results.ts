/**
 * @module Normalised results: whatever platform answered, metrics, logs and traces come back in
 * these shapes, each saying which source answered and the native query it ran.
 */
import type { Bottleneck, ErrorOrigin } from '@switchyard/analysis';
import type { QuerySignal } from './unified-query.js';

export const SOURCE_TYPES = [
  'local',
  'prometheus',
  'loki',
  'tempo',
  'jaeger',
  'datadog',
  'newrelic',
  'grafana',
] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

export interface SourceRef {
  name: string;
  type: SourceType;
}

export type Trend = 'increasing' | 'decreasing' | 'flat';

export interface MetricSeriesOut {
  labels: Record<string, string>;
  /** `[timeMs, value]`, ascending by time. */
  points: [number, number][];
}

export interface MetricsSummary {
  /** Last value of the aggregate (mean across series at each time), null when there are no points. */
  current: number | null;
  average: number | null;
  min: number | null;
  max: number | null;
  trend: Trend;
  anomalyDetected: boolean;
}

export interface ResultBase {
  source: SourceRef;
  /** The query the source ran, in its own language (PromQL, LogQL, …, or a store call for the local store). */
  nativeQuery: string;
  range: { startMs: number; endMs: number; stepMs?: number };
  /** Whether a size cap cut the result. */
  truncated: boolean;
  /** Adjustments made (step raised, approximations) and partial failures. */
  warnings: string[];
}

export interface MetricsResult extends ResultBase {
  signal: 'metrics';
  /** `ratio` (0–1), `ms`, `1/s`, `cores`, `bytes`, `percent` or the source's unit; '' when unknown. */
  unit: string;
  series: MetricSeriesOut[];
  summary: MetricsSummary;
}

export interface LogRecordOut {
  timeMs: number;
  service: string;
  /** Normalised severity name (`info`, `error`, …) or '' when unknown. */
  severity: string;
  body: string;
  attributes: Record<string, string>;
  traceId?: string;
  spanId?: string;
}

export interface LogPatternOut {
  pattern: string;
  count: number;
  /** Example line, when the source gives one. */
  example?: string;
}

export interface LogsSummary {
  total: number;
  byService: Record<string, number>;
  bySeverity: Record<string, number>;
}

export interface LogsResult extends ResultBase {
  signal: 'logs';
  records: LogRecordOut[];
  patterns: LogPatternOut[];
  summary: LogsSummary;
}

export interface TraceSummaryOut {
  traceId: string;
  rootService: string;
  rootName: string;
  startMs: number;
  durationMs: number;
  spanCount: number | null;
  errorCount: number | null;
  services: string[];
}

export interface TracesAnalysisOut {
  count: number;
  /** Traces with at least one error span (null when the source does not say). */
  errorTraces: number | null;
  durationMs: { p50: number | null; p95: number | null; max: number | null };
  byService: { service: string; traces: number; errorTraces: number }[];
  /** From the slowest trace, when its spans were available. */
  slowestTraceId: string | null;
  bottleneck: Bottleneck | null;
  /** From the slowest erroring trace, when its spans were available. */
  errorOrigin: ErrorOrigin | null;
}

export interface TracesResult extends ResultBase {
  signal: 'traces';
  traces: TraceSummaryOut[];
  analysis: TracesAnalysisOut;
}

export type QueryResult = MetricsResult | LogsResult | TracesResult;

/** The result type for a signal. */
export type ResultFor<S extends QuerySignal> = Extract<QueryResult, { signal: S }>;
