/**
 * @module Protobuf decoding/encoding of ExportLogsServiceRequest (logs.proto v1).
 * Hand-written on protobufjs's Reader/Writer: log ingestion is on the hub's hot path.
 */
import type { AttrValue } from '../model/attributes.js';
import type { LogRecord, LogsData } from '../model/log.js';
import { buildAttributes } from './attr-builder.js';
import { LOGS_ENVELOPE } from './envelope.js';
import { decodeEnvelope, encodeEnvelope, protoEnvelopeDecoder } from './envelope-proto.js';
import { decodeAnyValue, decodeAttribute, nested } from './proto-common.js';
import {
  type Writer,
  writeAnyValue,
  writeAttributes,
  writeFixed64,
  writeId,
  writeString,
  writeUint32,
} from './proto-encode-common.js';
import {
  checkEnd,
  type Reader,
  readFixed32,
  readFixed64,
  readId,
  readString,
  skipField,
} from './proto-primitives.js';

// biome-ignore format: indexed by field number
const LOG_FIELDS = ['', 'timeUnixNano', 'severityNumber', 'severityText', '', 'body', 'attributes',
  'droppedAttributesCount', 'flags', 'traceId', 'spanId', 'observedTimeUnixNano', 'eventName'];

const LOGS = protoEnvelopeDecoder(LOGS_ENVELOPE, decodeLogRecord);

/** Decodes a protobuf ExportLogsServiceRequest (or LogsData, same layout). */
export function decodeLogs(bytes: Uint8Array): LogsData {
  return { resourceLogs: decodeEnvelope(bytes, LOGS) };
}

function decodeBody(r: Reader, end: number): AttrValue {
  return decodeAnyValue(r, end, 1);
}

function decodeLogRecord(r: Reader, end: number): LogRecord {
  let timeUnixNano = 0n;
  let observedTimeUnixNano = 0n;
  let severityNumber = 0;
  let severityText = '';
  let body: AttrValue = null;
  const attributesK: string[] = [];
  const attributesV: AttrValue[] = [];
  let droppedAttributesCount = 0;
  let flags = 0;
  let traceId = '';
  let spanId = '';
  let eventName = '';
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 9:
        timeUnixNano = readFixed64(r, end, 'timeUnixNano');
        break;
      case 16:
        severityNumber = r.int32();
        break;
      case 26:
        severityText = readString(r, end, 'severityText');
        break;
      case 42:
        body = nested(r, end, 'body', decodeBody);
        break;
      case 50:
        decodeAttribute(r, end, attributesK, attributesV, 'attributes');
        break;
      case 56:
        droppedAttributesCount = r.uint32();
        break;
      case 69:
        flags = readFixed32(r, end, 'flags');
        break;
      case 74:
        traceId = readId(r, end, 16, 'traceId');
        break;
      case 82:
        spanId = readId(r, end, 8, 'spanId');
        break;
      case 89:
        observedTimeUnixNano = readFixed64(r, end, 'observedTimeUnixNano');
        break;
      case 98:
        eventName = readString(r, end, 'eventName');
        break;
      default:
        skipField(r, tag, end, LOG_FIELDS);
    }
  }
  checkEnd(r, end);
  return {
    timeUnixNano,
    observedTimeUnixNano,
    severityNumber,
    severityText,
    body,
    attributes: buildAttributes(attributesK, attributesV),
    droppedAttributesCount,
    flags,
    traceId,
    spanId,
    eventName,
  };
}

export function encodeLogs(data: LogsData): Uint8Array {
  return encodeEnvelope(data.resourceLogs, LOGS_ENVELOPE, writeLogRecord);
}

function writeLogRecord(w: Writer, rec: LogRecord): void {
  if (rec.timeUnixNano !== 0n) writeFixed64(w.uint32(9), rec.timeUnixNano);
  if (rec.severityNumber !== 0) w.uint32(16).int32(rec.severityNumber);
  writeString(w, 26, rec.severityText);
  if (rec.body !== null) {
    w.uint32(42).fork();
    writeAnyValue(w, rec.body);
    w.ldelim();
  }
  writeAttributes(w, 50, rec.attributes);
  writeUint32(w, 56, rec.droppedAttributesCount);
  if (rec.flags !== 0) w.uint32(69).fixed32(rec.flags);
  writeId(w, 74, rec.traceId, 16, 'traceId');
  writeId(w, 82, rec.spanId, 8, 'spanId');
  if (rec.observedTimeUnixNano !== 0n) writeFixed64(w.uint32(89), rec.observedTimeUnixNano);
  writeString(w, 98, rec.eventName);
}
