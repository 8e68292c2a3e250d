/**
 * @module The OTLP envelope every signal shares: request → resource → scope → items.
 * Field numbers are the same for traces, logs and metrics (request: 1 = resource list; resource
 * list: 1 = resource, 2 = scope list, 3 = schemaUrl; scope list: 1 = scope, 2 = items,
 * 3 = schemaUrl); only the names and the item message differ.
 */

/** One signal's envelope names, as they appear in error paths and in OTLP/JSON. */
export interface EnvelopeNames {
  /** Request message name for error messages, e.g. `ExportTraceServiceRequest`. */
  readonly message: string;
  /** Resource list field (camelCase, snake_case), e.g. `resourceSpans`, `resource_spans`. */
  readonly resources: string;
  readonly resourcesSnake: string;
  /** Scope list field, e.g. `scopeSpans`, `scope_spans`. */
  readonly scopes: string;
  readonly scopesSnake: string;
  /** Item list field, e.g. `spans`, `logRecords`, `metrics`. */
  readonly items: string;
  readonly itemsSnake: string;
}

export const TRACES_ENVELOPE: EnvelopeNames = {
  message: 'ExportTraceServiceRequest',
  resources: 'resourceSpans',
  resourcesSnake: 'resource_spans',
  scopes: 'scopeSpans',
  scopesSnake: 'scope_spans',
  items: 'spans',
  itemsSnake: 'spans',
};

export const LOGS_ENVELOPE: EnvelopeNames = {
  message: 'ExportLogsServiceRequest',
  resources: 'resourceLogs',
  resourcesSnake: 'resource_logs',
  scopes: 'scopeLogs',
  scopesSnake: 'scope_logs',
  items: 'logRecords',
  itemsSnake: 'log_records',
};

export const METRICS_ENVELOPE: EnvelopeNames = {
  message: 'ExportMetricsServiceRequest',
  resources: 'resourceMetrics',
  resourcesSnake: 'resource_metrics',
  scopes: 'scopeMetrics',
  scopesSnake: 'scope_metrics',
  items: 'metrics',
  itemsSnake: 'metrics',
};
