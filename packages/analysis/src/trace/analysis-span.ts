/**
 * @module The minimal span shape trace analysis works on, and the conversion
 * from the core model's span (optionally carrying its resource, as the store returns it).
 */
import type { Resource, Span } from '@switchyard/core';
import { StatusCode, serviceNameOf } from '@switchyard/core';

/** One span event, reduced to what analysis reads (exception messages). */
export interface AnalysisSpanEvent {
  name: string;
  attributes: Record<string, unknown>;
}

/**
 * A span as trace analysis needs it. Timestamps are exact bigint nanoseconds
 * since the Unix epoch; `parentSpanId` is '' for a root; `status.code` follows
 * OTLP (0 unset, 1 ok, 2 error); `kind` follows OTLP SpanKind (0–5).
 */
export interface AnalysisSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  service: string;
  kind: number;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  status: { code: number; message: string };
  attributes: Record<string, unknown>;
  /** Resource attributes (other than service.name); compared under a `resource.` prefix. */
  resourceAttributes?: Record<string, unknown>;
  /** Span events; only `exception` events are read (for error messages). */
  events?: AnalysisSpanEvent[];
}

/** A core span, optionally with its resource (the store's `StoredSpan` has one). */
export type SpanWithResource = Span & { resource?: Resource };

/** Converts a core/stored span; the service comes from the resource's `service.name`. */
export function toAnalysisSpan(span: SpanWithResource): AnalysisSpan {
  const resourceAttributes: Record<string, unknown> = {};
  if (span.resource) {
    for (const [key, value] of Object.entries(span.resource.attributes)) {
      if (key !== 'service.name') resourceAttributes[key] = value;
    }
  }
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    name: span.name,
    service: span.resource ? serviceNameOf(span.resource) : 'unknown_service',
    kind: span.kind,
    startTimeUnixNano: span.startTimeUnixNano,
    endTimeUnixNano: span.endTimeUnixNano,
    status: { code: span.status.code, message: span.status.message },
    attributes: span.attributes,
    resourceAttributes,
    events: span.events.map((e) => ({ name: e.name, attributes: e.attributes })),
  };
}

/** What the trace functions accept: analysis spans, core spans or stored spans (with resource). */
export type TraceSpanInput = AnalysisSpan | SpanWithResource;

/** Converts the spans that are not analysis spans yet; analysis spans pass through unchanged. */
export function toAnalysisSpans(spans: readonly TraceSpanInput[]): AnalysisSpan[] {
  return spans.map((s) => (isAnalysisSpan(s) ? s : toAnalysisSpan(s)));
}

function isAnalysisSpan(span: TraceSpanInput): span is AnalysisSpan {
  return typeof (span as Partial<AnalysisSpan>).service === 'string';
}

export function isErrorSpan(span: AnalysisSpan): boolean {
  return span.status.code === StatusCode.ERROR;
}

/**
 * The best human message for a failed span: its status message, else the
 * message of its first `exception` event, else `exception.message` / `error.message` attributes.
 */
export function errorMessageOf(span: AnalysisSpan): string {
  if (span.status.message !== '') return span.status.message;
  for (const event of span.events ?? []) {
    const m = event.attributes['exception.message'];
    if (event.name === 'exception' && typeof m === 'string' && m !== '') return m;
  }
  for (const key of ['exception.message', 'error.message']) {
    const m = span.attributes[key];
    if (typeof m === 'string' && m !== '') return m;
  }
  return '';
}
