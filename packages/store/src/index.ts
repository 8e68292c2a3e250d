export type { DuckDbStoreOptions } from './duckdb/duckdb-store.js';
export { DuckDbStore } from './duckdb/duckdb-store.js';
export { StoreLockedError } from './store-locked-error.js';
export type {
  ChangeEvent,
  ChangeEventQuery,
  LogQuery,
  MetricAggregation,
  MetricDescriptor,
  MetricQuery,
  MetricSeries,
  RetentionPolicy,
  RetentionResult,
  ServiceSummary,
  StoredLog,
  StoredSpan,
  StoreStats,
  TelemetryStore,
  TraceQuery,
  TraceSummary,
} from './telemetry-store.js';
