/**
 * @module The store interface. The embedded DuckDB store implements it; a ClickHouse
 * implementation will follow. All queries are parameterised; nothing is string-built
 * from user input.
 */
import type {
  InstrumentationScope,
  LogRecord,
  MetricType,
  Resource,
  Span,
  TelemetryBatch,
} from '@switchyard/core';

/** A span as read back, with the resource and scope it was emitted under. */
export interface StoredSpan extends Span {
  resource: Resource;
  scope: InstrumentationScope;
}

/** A log record as read back, with its resource and scope. */
export interface StoredLog extends LogRecord {
  resource: Resource;
  scope: InstrumentationScope;
}

export interface TraceQuery {
  service?: string;
  /** Span name of any span in the trace. */
  operation?: string;
  status?: 'ok' | 'error';
  minDurationNs?: bigint;
  maxDurationNs?: bigint;
  startNs?: bigint;
  endNs?: bigint;
  /** Span or resource attributes that some span of the trace must carry (string-compared). */
  attributes?: Record<string, string>;
  limit: number;
}

export interface TraceSummary {
  traceId: string;
  rootService: string;
  rootName: string;
  startTimeUnixNano: bigint;
  durationNs: bigint;
  spanCount: number;
  errorCount: number;
  services: string[];
}

export interface LogQuery {
  service?: string;
  /** Minimum severityNumber. */
  minSeverity?: number;
  /** Case-insensitive substring of the body. */
  text?: string;
  traceId?: string;
  startNs?: bigint;
  endNs?: bigint;
  limit: number;
}

export type MetricAggregation =
  | 'value'
  | 'rate'
  | 'sum'
  | 'avg'
  | 'min'
  | 'max'
  | 'count'
  | 'p50'
  | 'p90'
  | 'p95'
  | 'p99';

export interface MetricQuery {
  name: string;
  service?: string;
  startNs?: bigint;
  endNs?: bigint;
  /** Bucket width; when absent, points are returned as stored. */
  stepMs?: number;
  /**
   * `value` (default): gauges/sums report their value (a cumulative counter its running total);
   * `rate`: per-second rate of a counter (resets handled);
   * `sum|avg|min|max|count`: aggregate within each step;
   * `p50|p90|p95|p99|avg|count` on histograms: from bucket counts.
   */
  agg?: MetricAggregation;
  attributes?: Record<string, string>;
}

export interface MetricSeries {
  name: string;
  /** Resource `service.name` (as `service`) plus the point's attributes, stringified. */
  labels: Record<string, string>;
  /** `[timeMs, value]`, ascending by time. */
  points: [number, number][];
}

export interface MetricDescriptor {
  name: string;
  type: MetricType;
  unit: string;
  description: string;
  services: string[];
}

export interface ServiceSummary {
  name: string;
  spanCount: number;
  errorCount: number;
  logCount: number;
  lastSeenUnixNano: bigint;
}

/** A deployment, config change or other event that analysis can correlate with. */
export interface ChangeEvent {
  id: string;
  timeUnixNano: bigint;
  /** `deployment`, `config`, `feature_flag`, `incident`, … */
  kind: string;
  service: string;
  description: string;
  attributes: Record<string, string>;
}

export interface ChangeEventQuery {
  service?: string;
  kind?: string;
  startNs?: bigint;
  endNs?: bigint;
  limit: number;
}

export interface RetentionPolicy {
  /** Delete data older than this; undefined = keep forever. */
  maxAgeMs?: number;
  /** Delete oldest data until the database is below this many bytes. */
  maxBytes?: number;
}

export interface RetentionResult {
  deletedSpans: number;
  deletedLogs: number;
  deletedPoints: number;
}

export interface StoreStats {
  bytes: number;
  spans: number;
  logs: number;
  points: number;
}

export interface TelemetryStore {
  /** Opens (creating if needed) and takes the exclusive lock; throws StoreLockedError if held. */
  open(): Promise<void>;
  /** Appends a batch; resolves once it is committed (readable and durable). */
  append(batch: TelemetryBatch): Promise<void>;
  recordChangeEvent(event: Omit<ChangeEvent, 'id'> & { id?: string }): Promise<ChangeEvent>;

  getTrace(traceId: string): Promise<StoredSpan[]>;
  findTraces(query: TraceQuery): Promise<TraceSummary[]>;
  findLogs(query: LogQuery): Promise<StoredLog[]>;
  queryMetrics(query: MetricQuery): Promise<MetricSeries[]>;
  metricNames(service?: string): Promise<MetricDescriptor[]>;
  services(): Promise<ServiceSummary[]>;
  changeEvents(query: ChangeEventQuery): Promise<ChangeEvent[]>;

  enforceRetention(policy: RetentionPolicy): Promise<RetentionResult>;
  stats(): Promise<StoreStats>;
  /** Flushes pending appends and releases the lock. Safe to call twice. */
  close(): Promise<void>;
}
