/**
 * @module Hub spans → OpenTelemetry JS SDK `ReadableSpan`s, for official SDK span exporters. The OTLP SpanKind
 * enum counts UNSPECIFIED as 0 while the API's starts at INTERNAL = 0, hence the shift; status codes match.
 */
import type { Link, SpanContext, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { TraceState } from '@opentelemetry/core';
import type { ReadableSpan, TimedEvent } from '@opentelemetry/sdk-trace-base';
import type { Span, TraceData } from '@switchyard/core';
import { toHrTime, toOtelAttributes, toOtelResource, toOtelScope } from './otel-common.js';

export function toSpanContext(
  traceId: string,
  spanId: string,
  flags: number,
  traceState: string,
  isRemote: boolean,
): SpanContext {
  return {
    traceId,
    spanId,
    traceFlags: flags & 0xff,
    isRemote,
    ...(traceState ? { traceState: new TraceState(traceState) } : {}),
  };
}

/** OTLP kind (0 unspecified … 5 consumer) → API kind (0 internal … 4 consumer); unspecified reads as internal. */
export function toOtelSpanKind(kind: number): SpanKind {
  return Math.max(0, kind - 1) as SpanKind;
}

function toReadableSpan(
  s: Span,
  resource: ReadableSpan['resource'],
  scope: ReadableSpan['instrumentationScope'],
): ReadableSpan {
  const context = toSpanContext(s.traceId, s.spanId, s.flags, s.traceState, false);
  const durationNs = s.endTimeUnixNano > s.startTimeUnixNano ? s.endTimeUnixNano - s.startTimeUnixNano : 0n;
  const events: TimedEvent[] = s.events.map((e) => ({
    time: toHrTime(e.timeUnixNano),
    name: e.name,
    attributes: toOtelAttributes(e.attributes),
    droppedAttributesCount: e.droppedAttributesCount,
  }));
  const links: Link[] = s.links.map((l) => ({
    context: toSpanContext(l.traceId, l.spanId, l.flags, l.traceState, true),
    attributes: toOtelAttributes(l.attributes),
    droppedAttributesCount: l.droppedAttributesCount,
  }));
  return {
    name: s.name,
    kind: toOtelSpanKind(s.kind),
    spanContext: () => context,
    ...(s.parentSpanId
      ? { parentSpanContext: toSpanContext(s.traceId, s.parentSpanId, s.flags, '', false) }
      : {}),
    startTime: toHrTime(s.startTimeUnixNano),
    endTime: toHrTime(s.endTimeUnixNano),
    duration: toHrTime(durationNs),
    status: {
      code: s.status.code as SpanStatusCode,
      ...(s.status.message ? { message: s.status.message } : {}),
    },
    attributes: toOtelAttributes(s.attributes),
    links,
    events,
    ended: true,
    resource,
    instrumentationScope: scope,
    droppedAttributesCount: s.droppedAttributesCount,
    droppedEventsCount: s.droppedEventsCount,
    droppedLinksCount: s.droppedLinksCount,
  };
}

export function toReadableSpans(data: TraceData): ReadableSpan[] {
  const out: ReadableSpan[] = [];
  for (const rs of data.resourceSpans) {
    const resource = toOtelResource(rs.resource);
    for (const ss of rs.scopeSpans) {
      const scope = toOtelScope(ss.scope, ss.schemaUrl);
      for (const s of ss.spans) out.push(toReadableSpan(s, resource, scope));
    }
  }
  return out;
}
