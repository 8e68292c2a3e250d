/**
 * @module Protobuf decoding/encoding of ExportLogsServiceRequest (logs.proto v1).
 * Hand-written on protobufjs's Reader/Writer: log ingestion is on the hub's hot path.
 */
import type { AttrValue } from '../model/attributes.js';
import type { LogRecord, LogsData, ResourceLogs, ScopeLogs } from '../model/log.js';
import { emptyResource, emptyScope } from '../model/resource.js';
import { buildAttributes } from './attr-builder.js';
import { at, toDecodeError } from './decode-failure.js';
import { decodeAnyValue, decodeAttribute, decodeResource, decodeScope, nested } from './proto-common.js';
import {
  newWriter,
  type Writer,
  writeAnyValue,
  writeAttributes,
  writeFixed64,
  writeId,
  writeResource,
  writeScope,
  writeString,
  writeUint32,
} from './proto-encode-common.js';
import {
  checkEnd,
  type Reader,
  ReaderClass,
  readFixed32,
  readFixed64,
  readId,
  readLen,
  readString,
  skipField,
} from './proto-primitives.js';

const REQUEST_FIELDS = ['', 'resourceLogs'];
const RESOURCE_LOGS_FIELDS = ['', 'resource', 'scopeLogs', 'schemaUrl'];
const SCOPE_LOGS_FIELDS = ['', 'scope', 'logRecords', 'schemaUrl'];
// biome-ignore format: indexed by field number
const LOG_FIELDS = ['', 'timeUnixNano', 'severityNumber', 'severityText', '', 'body', 'attributes',
  'droppedAttributesCount', 'flags', 'traceId', 'spanId', 'observedTimeUnixNano', 'eventName'];

/** Decodes a protobuf ExportLogsServiceRequest (or LogsData, same layout). */
export function decodeLogs(bytes: Uint8Array): LogsData {
  const r = new ReaderClass(bytes);
  const resourceLogs: ResourceLogs[] = [];
  try {
    const end = bytes.length;
    while (r.pos < end) {
      const tag = r.uint32();
      if (tag === 10) {
        const stop = readLen(r, end, 'resourceLogs');
        try {
          resourceLogs.push(decodeResourceLogs(r, stop));
        } catch (e) {
          throw at(e, `resourceLogs[${resourceLogs.length}]`);
        }
      } else skipField(r, tag, end, REQUEST_FIELDS);
    }
    checkEnd(r, end);
  } catch (e) {
    throw toDecodeError(e, 'ExportLogsServiceRequest');
  }
  return { resourceLogs };
}

function decodeResourceLogs(r: Reader, end: number): ResourceLogs {
  let resource = emptyResource();
  const scopeLogs: ScopeLogs[] = [];
  let schemaUrl = '';
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 10) resource = nested(r, end, 'resource', decodeResource);
    else if (tag === 18) {
      const stop = readLen(r, end, 'scopeLogs');
      try {
        scopeLogs.push(decodeScopeLogs(r, stop));
      } catch (e) {
        throw at(e, `scopeLogs[${scopeLogs.length}]`);
      }
    } else if (tag === 26) schemaUrl = readString(r, end, 'schemaUrl');
    else skipField(r, tag, end, RESOURCE_LOGS_FIELDS);
  }
  checkEnd(r, end);
  return { resource, scopeLogs, schemaUrl };
}

function decodeScopeLogs(r: Reader, end: number): ScopeLogs {
  let scope = emptyScope();
  const logRecords: LogRecord[] = [];
  let schemaUrl = '';
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 18) {
      const stop = readLen(r, end, 'logRecords');
      try {
        logRecords.push(decodeLogRecord(r, stop));
      } catch (e) {
        throw at(e, `logRecords[${logRecords.length}]`);
      }
    } else if (tag === 10) scope = nested(r, end, 'scope', decodeScope);
    else if (tag === 26) schemaUrl = readString(r, end, 'schemaUrl');
    else skipField(r, tag, end, SCOPE_LOGS_FIELDS);
  }
  checkEnd(r, end);
  return { scope, logRecords, schemaUrl };
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
  const w = newWriter();
  for (const rl of data.resourceLogs) {
    w.uint32(10).fork();
    writeResource(w, 10, rl.resource);
    for (const sl of rl.scopeLogs) {
      w.uint32(18).fork();
      writeScope(w, 10, sl.scope);
      for (const rec of sl.logRecords) writeLogRecord(w, rec);
      writeString(w, 26, sl.schemaUrl);
      w.ldelim();
    }
    writeString(w, 26, rl.schemaUrl);
    w.ldelim();
  }
  return w.finish();
}

function writeLogRecord(w: Writer, rec: LogRecord): void {
  w.uint32(18).fork();
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
  w.ldelim();
}
