/** @module OTLP/JSON ExportTraceServiceRequest ⇔ TraceData. */
import type {
  Span,
  SpanEvent,
  SpanKind,
  SpanLink,
  SpanStatus,
  StatusCode,
  TraceData,
} from '../model/span.js';
import { TRACES_ENVELOPE } from './envelope.js';
import { encodeEnvelopeJson, jsonEnvelopeDecoder } from './envelope-json.js';
import { attributesFromJson, put, putAttributes } from './json-common.js';
import {
  type JsonObject,
  readEnum,
  readId,
  readMessage,
  readRepeated,
  readString,
  readUint32,
  readUint64,
} from './json-read.js';

const SPAN_KIND_NAMES: Record<string, number> = {
  SPAN_KIND_UNSPECIFIED: 0,
  SPAN_KIND_INTERNAL: 1,
  SPAN_KIND_SERVER: 2,
  SPAN_KIND_CLIENT: 3,
  SPAN_KIND_PRODUCER: 4,
  SPAN_KIND_CONSUMER: 5,
};
const STATUS_CODE_NAMES: Record<string, number> = {
  STATUS_CODE_UNSET: 0,
  STATUS_CODE_OK: 1,
  STATUS_CODE_ERROR: 2,
};

export function decodeTracesJson(text: string): TraceData {
  return { resourceSpans: TRACES_FROM_JSON(text) };
}

function spanFromJson(o: JsonObject): Span {
  return {
    traceId: readId(o, 'traceId', 'trace_id', 16),
    spanId: readId(o, 'spanId', 'span_id', 8),
    traceState: readString(o, 'traceState', 'trace_state'),
    parentSpanId: readId(o, 'parentSpanId', 'parent_span_id', 8),
    flags: readUint32(o, 'flags', 'flags'),
    name: readString(o, 'name', 'name'),
    kind: readEnum(o, 'kind', 'kind', SPAN_KIND_NAMES) as SpanKind,
    startTimeUnixNano: readUint64(o, 'startTimeUnixNano', 'start_time_unix_nano'),
    endTimeUnixNano: readUint64(o, 'endTimeUnixNano', 'end_time_unix_nano'),
    attributes: attributesFromJson(o, 'attributes', 'attributes'),
    droppedAttributesCount: readUint32(o, 'droppedAttributesCount', 'dropped_attributes_count'),
    events: readRepeated(o, 'events', 'events', eventFromJson),
    droppedEventsCount: readUint32(o, 'droppedEventsCount', 'dropped_events_count'),
    links: readRepeated(o, 'links', 'links', linkFromJson),
    droppedLinksCount: readUint32(o, 'droppedLinksCount', 'dropped_links_count'),
    status: readMessage(o, 'status', 'status', statusFromJson) ?? { code: 0, message: '' },
  };
}

function eventFromJson(o: JsonObject): SpanEvent {
  return {
    timeUnixNano: readUint64(o, 'timeUnixNano', 'time_unix_nano'),
    name: readString(o, 'name', 'name'),
    attributes: attributesFromJson(o, 'attributes', 'attributes'),
    droppedAttributesCount: readUint32(o, 'droppedAttributesCount', 'dropped_attributes_count'),
  };
}

function linkFromJson(o: JsonObject): SpanLink {
  return {
    traceId: readId(o, 'traceId', 'trace_id', 16),
    spanId: readId(o, 'spanId', 'span_id', 8),
    traceState: readString(o, 'traceState', 'trace_state'),
    attributes: attributesFromJson(o, 'attributes', 'attributes'),
    droppedAttributesCount: readUint32(o, 'droppedAttributesCount', 'dropped_attributes_count'),
    flags: readUint32(o, 'flags', 'flags'),
  };
}

function statusFromJson(o: JsonObject): SpanStatus {
  return {
    code: readEnum(o, 'code', 'code', STATUS_CODE_NAMES) as StatusCode,
    message: readString(o, 'message', 'message'),
  };
}

export function encodeTracesJson(data: TraceData): string {
  return encodeEnvelopeJson(data.resourceSpans, TRACES_ENVELOPE, spanToJson);
}

function spanToJson(s: Span): JsonObject {
  const out: JsonObject = {};
  put(out, 'traceId', s.traceId);
  put(out, 'spanId', s.spanId);
  put(out, 'traceState', s.traceState);
  put(out, 'parentSpanId', s.parentSpanId);
  put(out, 'flags', s.flags);
  put(out, 'name', s.name);
  put(out, 'kind', s.kind);
  put(out, 'startTimeUnixNano', s.startTimeUnixNano);
  put(out, 'endTimeUnixNano', s.endTimeUnixNano);
  putAttributes(out, 'attributes', s.attributes);
  put(out, 'droppedAttributesCount', s.droppedAttributesCount);
  put(
    out,
    'events',
    s.events.map((e) => {
      const ev: JsonObject = {};
      put(ev, 'timeUnixNano', e.timeUnixNano);
      put(ev, 'name', e.name);
      putAttributes(ev, 'attributes', e.attributes);
      put(ev, 'droppedAttributesCount', e.droppedAttributesCount);
      return ev;
    }),
  );
  put(out, 'droppedEventsCount', s.droppedEventsCount);
  put(
    out,
    'links',
    s.links.map((l) => {
      const link: JsonObject = {};
      put(link, 'traceId', l.traceId);
      put(link, 'spanId', l.spanId);
      put(link, 'traceState', l.traceState);
      putAttributes(link, 'attributes', l.attributes);
      put(link, 'droppedAttributesCount', l.droppedAttributesCount);
      put(link, 'flags', l.flags);
      return link;
    }),
  );
  put(out, 'droppedLinksCount', s.droppedLinksCount);
  if (s.status.code !== 0 || s.status.message !== '') {
    const st: JsonObject = {};
    put(st, 'message', s.status.message);
    put(st, 'code', s.status.code);
    out.status = st;
  }
  return out;
}

const TRACES_FROM_JSON = jsonEnvelopeDecoder(TRACES_ENVELOPE, spanFromJson);
