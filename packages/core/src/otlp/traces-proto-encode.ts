/** @module Protobuf encoding of ExportTraceServiceRequest (trace.proto v1). */
import type { Span, TraceData } from '../model/span.js';
import { TRACES_ENVELOPE } from './envelope.js';
import { encodeEnvelope } from './envelope-proto.js';
import {
  type Writer,
  writeAttributes,
  writeFixed64,
  writeId,
  writeString,
  writeUint32,
} from './proto-encode-common.js';

export function encodeTraces(data: TraceData): Uint8Array {
  return encodeEnvelope(data.resourceSpans, TRACES_ENVELOPE, writeSpan);
}

function writeSpan(w: Writer, s: Span): void {
  writeId(w, 10, s.traceId, 16, 'traceId');
  writeId(w, 18, s.spanId, 8, 'spanId');
  writeString(w, 26, s.traceState);
  writeId(w, 34, s.parentSpanId, 8, 'parentSpanId');
  writeString(w, 42, s.name);
  if (s.kind !== 0) w.uint32(48).int32(s.kind);
  if (s.startTimeUnixNano !== 0n) writeFixed64(w.uint32(57), s.startTimeUnixNano);
  if (s.endTimeUnixNano !== 0n) writeFixed64(w.uint32(65), s.endTimeUnixNano);
  writeAttributes(w, 74, s.attributes);
  writeUint32(w, 80, s.droppedAttributesCount);
  for (const ev of s.events) {
    w.uint32(90).fork();
    if (ev.timeUnixNano !== 0n) writeFixed64(w.uint32(9), ev.timeUnixNano);
    writeString(w, 18, ev.name);
    writeAttributes(w, 26, ev.attributes);
    writeUint32(w, 32, ev.droppedAttributesCount);
    w.ldelim();
  }
  writeUint32(w, 96, s.droppedEventsCount);
  for (const l of s.links) {
    w.uint32(106).fork();
    writeId(w, 10, l.traceId, 16, 'links.traceId');
    writeId(w, 18, l.spanId, 8, 'links.spanId');
    writeString(w, 26, l.traceState);
    writeAttributes(w, 34, l.attributes);
    writeUint32(w, 40, l.droppedAttributesCount);
    if (l.flags !== 0) w.uint32(53).fixed32(l.flags);
    w.ldelim();
  }
  writeUint32(w, 112, s.droppedLinksCount);
  if (s.status.code !== 0 || s.status.message !== '') {
    w.uint32(122).fork();
    writeString(w, 18, s.status.message);
    if (s.status.code !== 0) w.uint32(24).int32(s.status.code);
    w.ldelim();
  }
  if (s.flags !== 0) w.uint32(133).fixed32(s.flags);
}
