/**
 * @module DuckDB schema. Timestamps are BIGINT nanoseconds; attributes, events, links, bodies and
 * metric point details are typed JSON text (see `@switchyard/core` typed-json), so they read back exactly.
 * Columns used for filtering (service, trace id, times, duration, status, severity, names) are real columns.
 */
export type ColumnList = readonly (readonly [string, string])[];

export const SPAN_COLUMNS: ColumnList = [
  ['trace_id', 'VARCHAR'],
  ['span_id', 'VARCHAR'],
  ['parent_span_id', 'VARCHAR'],
  ['trace_state', 'VARCHAR'],
  ['flags', 'UINTEGER'],
  ['name', 'VARCHAR'],
  ['kind', 'TINYINT'],
  ['start_ns', 'BIGINT'],
  ['end_ns', 'BIGINT'],
  ['duration_ns', 'BIGINT'],
  ['status_code', 'TINYINT'],
  ['status_message', 'VARCHAR'],
  ['service', 'VARCHAR'],
  ['resource_id', 'INTEGER'],
  ['scope_id', 'INTEGER'],
  ['attributes', 'VARCHAR'],
  ['dropped_attributes', 'UINTEGER'],
  ['events', 'VARCHAR'],
  ['dropped_events', 'UINTEGER'],
  ['links', 'VARCHAR'],
  ['dropped_links', 'UINTEGER'],
];

export const LOG_COLUMNS: ColumnList = [
  /** time_ns, or observed_ns when the record carries no time: the column queries filter and sort on. */
  ['ts_ns', 'BIGINT'],
  ['time_ns', 'BIGINT'],
  ['observed_ns', 'BIGINT'],
  ['severity_number', 'TINYINT'],
  ['severity_text', 'VARCHAR'],
  ['body', 'VARCHAR'],
  ['body_text', 'VARCHAR'],
  ['attributes', 'VARCHAR'],
  ['dropped_attributes', 'UINTEGER'],
  ['flags', 'UINTEGER'],
  ['trace_id', 'VARCHAR'],
  ['span_id', 'VARCHAR'],
  ['event_name', 'VARCHAR'],
  ['service', 'VARCHAR'],
  ['resource_id', 'INTEGER'],
  ['scope_id', 'INTEGER'],
];

export const POINT_COLUMNS: ColumnList = [
  ['time_ns', 'BIGINT'],
  ['start_ns', 'BIGINT'],
  ['service', 'VARCHAR'],
  ['resource_id', 'INTEGER'],
  ['scope_id', 'INTEGER'],
  ['name', 'VARCHAR'],
  ['type', 'VARCHAR'],
  ['unit', 'VARCHAR'],
  ['description', 'VARCHAR'],
  /** OTLP AggregationTemporality (0 for gauges and summaries). */
  ['temporality', 'TINYINT'],
  ['monotonic', 'BOOLEAN'],
  ['attributes', 'VARCHAR'],
  /** Gauge/sum value as a double (NULL for distributions); exact value is in `point`. */
  ['value', 'DOUBLE'],
  /** Typed JSON of the point's data (value, or count/sum/buckets…), see point-codec.ts. */
  ['point', 'VARCHAR'],
];

function tableDdl(name: string, columns: ColumnList): string {
  return `CREATE TABLE IF NOT EXISTS ${name} (${columns.map(([n, t]) => `${n} ${t}`).join(', ')})`;
}

export function schemaStatements(traceIdIndex: boolean): string[] {
  const ddl = [
    `CREATE TABLE IF NOT EXISTS resources (id INTEGER, hash VARCHAR, service VARCHAR, attributes VARCHAR, dropped_attributes UINTEGER)`,
    `CREATE TABLE IF NOT EXISTS scopes (id INTEGER, hash VARCHAR, name VARCHAR, version VARCHAR, attributes VARCHAR, dropped_attributes UINTEGER)`,
    tableDdl('spans', SPAN_COLUMNS),
    tableDdl('logs', LOG_COLUMNS),
    tableDdl('metric_points', POINT_COLUMNS),
    `CREATE TABLE IF NOT EXISTS change_events (id VARCHAR, time_ns BIGINT, kind VARCHAR, service VARCHAR, description VARCHAR, attributes VARCHAR)`,
  ];
  ddl.push(
    traceIdIndex
      ? 'CREATE INDEX IF NOT EXISTS spans_trace_id ON spans (trace_id)'
      : 'DROP INDEX IF EXISTS spans_trace_id',
  );
  return ddl;
}
