/**
 * @module The OTLP envelope every signal shares: request → resource → scope → items.
 * Field numbers are the same for traces, logs and metrics (request: 1 = resource list; resource
 * list: 1 = resource, 2 = scope list, 3 = schemaUrl; scope list: 1 = scope, 2 = items,
 * 3 = schemaUrl); only the names, the model types and the item message differ.
 */
import type { LogRecord, ResourceLogs, ScopeLogs } from '../model/log.js';
import type { Metric, ResourceMetrics, ScopeMetrics } from '../model/metric.js';
import type { InstrumentationScope, Resource } from '../model/resource.js';
import type { ResourceSpans, ScopeSpans, Span } from '../model/span.js';

/** One signal's envelope: field names (error paths, OTLP/JSON) and model accessors/constructors. */
export interface Envelope<R, S, I> {
  /** Request message name for error messages, e.g. `ExportTraceServiceRequest`. */
  readonly message: string;
  /** Resource list, scope list and item fields, camelCase and snake_case (`resourceSpans`, …). */
  readonly resources: string;
  readonly resourcesSnake: string;
  readonly scopes: string;
  readonly scopesSnake: string;
  readonly items: string;
  readonly itemsSnake: string;
  readonly scopesOf: (resourceList: R) => readonly S[];
  readonly itemsOf: (scopeList: S) => readonly I[];
  /** Constructors that keep each model object's shape fixed (fields in declaration order). */
  readonly makeScope: (scope: InstrumentationScope, items: I[], schemaUrl: string) => S;
  readonly makeResource: (resource: Resource, scopes: S[], schemaUrl: string) => R;
}

const snake = (camel: string): string => camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function envelope<R, S, I>(
  message: string,
  [resources, scopes, items]: [string, string, string],
  access: Pick<Envelope<R, S, I>, 'scopesOf' | 'itemsOf' | 'makeScope' | 'makeResource'>,
): Envelope<R, S, I> {
  // An explicit literal (not a spread) so every envelope has the same fast, fixed shape.
  return {
    message,
    resources,
    resourcesSnake: snake(resources),
    scopes,
    scopesSnake: snake(scopes),
    items,
    itemsSnake: snake(items),
    scopesOf: access.scopesOf,
    itemsOf: access.itemsOf,
    makeScope: access.makeScope,
    makeResource: access.makeResource,
  };
}

export const TRACES_ENVELOPE = envelope<ResourceSpans, ScopeSpans, Span>(
  'ExportTraceServiceRequest',
  ['resourceSpans', 'scopeSpans', 'spans'],
  {
    scopesOf: (rs) => rs.scopeSpans,
    itemsOf: (ss) => ss.spans,
    makeScope: (scope, spans, schemaUrl) => ({ scope, spans, schemaUrl }),
    makeResource: (resource, scopeSpans, schemaUrl) => ({ resource, scopeSpans, schemaUrl }),
  },
);

export const LOGS_ENVELOPE = envelope<ResourceLogs, ScopeLogs, LogRecord>(
  'ExportLogsServiceRequest',
  ['resourceLogs', 'scopeLogs', 'logRecords'],
  {
    scopesOf: (rl) => rl.scopeLogs,
    itemsOf: (sl) => sl.logRecords,
    makeScope: (scope, logRecords, schemaUrl) => ({ scope, logRecords, schemaUrl }),
    makeResource: (resource, scopeLogs, schemaUrl) => ({ resource, scopeLogs, schemaUrl }),
  },
);

export const METRICS_ENVELOPE = envelope<ResourceMetrics, ScopeMetrics, Metric>(
  'ExportMetricsServiceRequest',
  ['resourceMetrics', 'scopeMetrics', 'metrics'],
  {
    scopesOf: (rm) => rm.scopeMetrics,
    itemsOf: (sm) => sm.metrics,
    makeScope: (scope, metrics, schemaUrl) => ({ scope, metrics, schemaUrl }),
    makeResource: (resource, scopeMetrics, schemaUrl) => ({ resource, scopeMetrics, schemaUrl }),
  },
);
