/**
 * @module Protobuf decoding of ExportTraceServiceRequest (trace.proto v1).
 *
 * Hand-written on protobufjs's Reader because span decoding is the measured hot
 * path of the hub: fields go into locals and each object is built once with a
 * fixed shape; error paths are only assembled when decoding fails.
 */
import type {
  Span,
  SpanEvent,
  SpanKind,
  SpanLink,
  SpanStatus,
  StatusCode,
  TraceData,
} from '../model/span.js';
import { buildAttributesFrom, kvScratch } from './attr-builder.js';
import { at } from './decode-failure.js';
import { TRACES_ENVELOPE } from './envelope.js';
import { decodeEnvelope, protoEnvelopeDecoder } from './envelope-proto.js';
import { decodeAttributeInto, nested } from './proto-common.js';
import {
  checkEnd,
  type Reader,
  readFixed32,
  readFixed64,
  readId,
  readLen,
  readString,
  skipField,
} from './proto-primitives.js';

// biome-ignore format: indexed by field number
const SPAN_FIELDS = ['', 'traceId', 'spanId', 'traceState', 'parentSpanId', 'name', 'kind', 'startTimeUnixNano',
  'endTimeUnixNano', 'attributes', 'droppedAttributesCount', 'events', 'droppedEventsCount', 'links',
  'droppedLinksCount', 'status', 'flags'];
const EVENT_FIELDS = ['', 'timeUnixNano', 'name', 'attributes', 'droppedAttributesCount'];
// biome-ignore format: indexed by field number
const LINK_FIELDS = ['', 'traceId', 'spanId', 'traceState', 'attributes', 'droppedAttributesCount', 'flags'];
const STATUS_FIELDS = ['', '', 'message', 'code'];

const TRACES = protoEnvelopeDecoder(TRACES_ENVELOPE, decodeSpan);

/** Decodes a protobuf ExportTraceServiceRequest (or TracesData, same layout). */
export function decodeTraces(bytes: Uint8Array): TraceData {
  return { resourceSpans: decodeEnvelope(bytes, TRACES) };
}

/**
 * Attribute lists of the span, event and link being decoded, reused across messages (events are
 * decoded inside a span, so each message type has its own). Reset at the start of each message, so a
 * message that failed halfway leaves nothing behind.
 */
const spanKv = kvScratch();
const eventKv = kvScratch();
const linkKv = kvScratch();

function decodeSpan(r: Reader, end: number): Span {
  let traceId = '';
  let spanId = '';
  let traceState = '';
  let parentSpanId = '';
  let flags = 0;
  let name = '';
  let kind = 0;
  let startTimeUnixNano = 0n;
  let endTimeUnixNano = 0n;
  spanKv.n = 0;
  let droppedAttributesCount = 0;
  const events: SpanEvent[] = [];
  let droppedEventsCount = 0;
  const links: SpanLink[] = [];
  let droppedLinksCount = 0;
  let status: SpanStatus = { code: 0, message: '' };
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 10:
        traceId = readId(r, end, 16, 'traceId');
        break;
      case 18:
        spanId = readId(r, end, 8, 'spanId');
        break;
      case 26:
        traceState = readString(r, end, 'traceState');
        break;
      case 34:
        parentSpanId = readId(r, end, 8, 'parentSpanId');
        break;
      case 42:
        name = readString(r, end, 'name');
        break;
      case 48:
        kind = r.int32();
        break;
      case 57:
        startTimeUnixNano = readFixed64(r, end, 'startTimeUnixNano');
        break;
      case 65:
        endTimeUnixNano = readFixed64(r, end, 'endTimeUnixNano');
        break;
      case 74:
        decodeAttributeInto(r, end, spanKv, 'attributes');
        break;
      case 80:
        droppedAttributesCount = r.uint32();
        break;
      case 90: {
        const stop = readLen(r, end, 'events');
        try {
          events.push(decodeEvent(r, stop));
        } catch (e) {
          throw at(e, `events[${events.length}]`);
        }
        break;
      }
      case 96:
        droppedEventsCount = r.uint32();
        break;
      case 106: {
        const stop = readLen(r, end, 'links');
        try {
          links.push(decodeLink(r, stop));
        } catch (e) {
          throw at(e, `links[${links.length}]`);
        }
        break;
      }
      case 112:
        droppedLinksCount = r.uint32();
        break;
      case 122:
        status = nested(r, end, 'status', decodeStatus);
        break;
      case 133: // flags = 16, fixed32 (two-byte tag)
        flags = readFixed32(r, end, 'flags');
        break;
      default:
        skipField(r, tag, end, SPAN_FIELDS);
    }
  }
  checkEnd(r, end);
  return {
    traceId,
    spanId,
    traceState,
    parentSpanId,
    flags,
    name,
    kind: kind as SpanKind,
    startTimeUnixNano,
    endTimeUnixNano,
    attributes: buildAttributesFrom(spanKv),
    droppedAttributesCount,
    events,
    droppedEventsCount,
    links,
    droppedLinksCount,
    status,
  };
}

function decodeEvent(r: Reader, end: number): SpanEvent {
  let timeUnixNano = 0n;
  let name = '';
  eventKv.n = 0;
  let droppedAttributesCount = 0;
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 9) timeUnixNano = readFixed64(r, end, 'timeUnixNano');
    else if (tag === 18) name = readString(r, end, 'name');
    else if (tag === 26) decodeAttributeInto(r, end, eventKv, 'attributes');
    else if (tag === 32) droppedAttributesCount = r.uint32();
    else skipField(r, tag, end, EVENT_FIELDS);
  }
  checkEnd(r, end);
  return {
    timeUnixNano,
    name,
    attributes: buildAttributesFrom(eventKv),
    droppedAttributesCount,
  };
}

function decodeLink(r: Reader, end: number): SpanLink {
  let traceId = '';
  let spanId = '';
  let traceState = '';
  linkKv.n = 0;
  let droppedAttributesCount = 0;
  let flags = 0;
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 10) traceId = readId(r, end, 16, 'traceId');
    else if (tag === 18) spanId = readId(r, end, 8, 'spanId');
    else if (tag === 26) traceState = readString(r, end, 'traceState');
    else if (tag === 34) decodeAttributeInto(r, end, linkKv, 'attributes');
    else if (tag === 40) droppedAttributesCount = r.uint32();
    else if (tag === 53) flags = readFixed32(r, end, 'flags');
    else skipField(r, tag, end, LINK_FIELDS);
  }
  checkEnd(r, end);
  return {
    traceId,
    spanId,
    traceState,
    attributes: buildAttributesFrom(linkKv),
    droppedAttributesCount,
    flags,
  };
}

function decodeStatus(r: Reader, end: number): SpanStatus {
  let message = '';
  let code = 0;
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 18) message = readString(r, end, 'message');
    else if (tag === 24) code = r.int32();
    else skipField(r, tag, end, STATUS_FIELDS);
  }
  checkEnd(r, end);
  return { code: code as StatusCode, message };
}
