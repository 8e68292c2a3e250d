/** @module OTLP/JSON ExportLogsServiceRequest ⇔ LogsData. */
import type { LogRecord, LogsData } from '../model/log.js';
import { LOGS_ENVELOPE } from './envelope.js';
import { encodeEnvelopeJson, jsonEnvelopeDecoder } from './envelope-json.js';
import { anyValueFromJson, anyValueToJson, attributesFromJson, put, putAttributes } from './json-common.js';
import {
  type JsonObject,
  readEnum,
  readId,
  readMessage,
  readString,
  readUint32,
  readUint64,
} from './json-read.js';

const SEVERITY_NAMES: Record<string, number> = { SEVERITY_NUMBER_UNSPECIFIED: 0 };
['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'].forEach((level, i) => {
  for (let k = 0; k < 4; k++)
    SEVERITY_NAMES[`SEVERITY_NUMBER_${level}${k === 0 ? '' : k + 1}`] = i * 4 + k + 1;
});

export function decodeLogsJson(text: string): LogsData {
  return { resourceLogs: LOGS_FROM_JSON(text) };
}

function logRecordFromJson(o: JsonObject): LogRecord {
  return {
    timeUnixNano: readUint64(o, 'timeUnixNano', 'time_unix_nano'),
    observedTimeUnixNano: readUint64(o, 'observedTimeUnixNano', 'observed_time_unix_nano'),
    severityNumber: readEnum(o, 'severityNumber', 'severity_number', SEVERITY_NAMES),
    severityText: readString(o, 'severityText', 'severity_text'),
    body: readMessage(o, 'body', 'body', (b) => anyValueFromJson(b, 1)) ?? null,
    attributes: attributesFromJson(o, 'attributes', 'attributes'),
    droppedAttributesCount: readUint32(o, 'droppedAttributesCount', 'dropped_attributes_count'),
    flags: readUint32(o, 'flags', 'flags'),
    traceId: readId(o, 'traceId', 'trace_id', 16),
    spanId: readId(o, 'spanId', 'span_id', 8),
    eventName: readString(o, 'eventName', 'event_name'),
  };
}

export function encodeLogsJson(data: LogsData): string {
  return encodeEnvelopeJson(data.resourceLogs, LOGS_ENVELOPE, logRecordToJson);
}

function logRecordToJson(r: LogRecord): JsonObject {
  const out: JsonObject = {};
  put(out, 'timeUnixNano', r.timeUnixNano);
  put(out, 'observedTimeUnixNano', r.observedTimeUnixNano);
  put(out, 'severityNumber', r.severityNumber);
  put(out, 'severityText', r.severityText);
  if (r.body !== null) out.body = anyValueToJson(r.body);
  putAttributes(out, 'attributes', r.attributes);
  put(out, 'droppedAttributesCount', r.droppedAttributesCount);
  put(out, 'flags', r.flags);
  put(out, 'traceId', r.traceId);
  put(out, 'spanId', r.spanId);
  put(out, 'eventName', r.eventName);
  return out;
}

const LOGS_FROM_JSON = jsonEnvelopeDecoder(LOGS_ENVELOPE, logRecordFromJson);
