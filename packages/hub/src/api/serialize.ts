/**
 * @module Model → HTTP API JSON. Timestamps become decimal strings (exact), attributes plain typed JSON
 * (ints stay numbers, arrays stay arrays), ids stay hex.
 */
import { attributesToPlainJson, nsToMs } from '@switchyard/core';
import type { StoredLog, StoredSpan, TraceSummary } from '@switchyard/store';

export function spanToJson(s: StoredSpan): Record<string, unknown> {
  return {
    traceId: s.traceId,
    spanId: s.spanId,
    parentSpanId: s.parentSpanId,
    traceState: s.traceState,
    name: s.name,
    kind: s.kind,
    startTimeUnixNano: s.startTimeUnixNano.toString(),
    endTimeUnixNano: s.endTimeUnixNano.toString(),
    durationMs: nsToMs(s.endTimeUnixNano - s.startTimeUnixNano),
    attributes: attributesToPlainJson(s.attributes),
    events: s.events.map((e) => ({
      name: e.name,
      timeUnixNano: e.timeUnixNano.toString(),
      attributes: attributesToPlainJson(e.attributes),
    })),
    links: s.links.map((l) => ({
      traceId: l.traceId,
      spanId: l.spanId,
      traceState: l.traceState,
      attributes: attributesToPlainJson(l.attributes),
    })),
    status: { code: s.status.code, message: s.status.message },
    resource: { attributes: attributesToPlainJson(s.resource.attributes) },
    scope: { name: s.scope.name, version: s.scope.version },
  };
}

export function traceSummaryToJson(t: TraceSummary): Record<string, unknown> {
  return {
    traceId: t.traceId,
    rootService: t.rootService,
    rootName: t.rootName,
    startTimeUnixNano: t.startTimeUnixNano.toString(),
    durationMs: nsToMs(t.durationNs),
    spanCount: t.spanCount,
    errorCount: t.errorCount,
    services: t.services,
  };
}

export function logToJson(l: StoredLog): Record<string, unknown> {
  const body = attributesToPlainJson({ body: l.body }).body;
  return {
    timeUnixNano: l.timeUnixNano.toString(),
    observedTimeUnixNano: l.observedTimeUnixNano.toString(),
    severityNumber: l.severityNumber,
    severityText: l.severityText,
    body,
    attributes: attributesToPlainJson(l.attributes),
    traceId: l.traceId,
    spanId: l.spanId,
    eventName: l.eventName,
    resource: { attributes: attributesToPlainJson(l.resource.attributes) },
    scope: { name: l.scope.name, version: l.scope.version },
  };
}
