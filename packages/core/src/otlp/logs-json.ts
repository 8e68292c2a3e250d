/** @module OTLP/JSON ExportLogsServiceRequest ⇔ LogsData. */
import type { LogRecord, LogsData, ResourceLogs, ScopeLogs } from '../model/log.js';
import { toDecodeError } from './decode-failure.js';
import {
  anyValueFromJson,
  anyValueToJson,
  attributesFromJson,
  parseJsonObject,
  put,
  putAttributes,
  resourceFromJson,
  resourceToJson,
  scopeFromJson,
  scopeToJson,
} from './json-common.js';
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

const SEVERITY_NAMES: Record<string, number> = { SEVERITY_NUMBER_UNSPECIFIED: 0 };
['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'].forEach((level, i) => {
  for (let k = 0; k < 4; k++)
    SEVERITY_NAMES[`SEVERITY_NUMBER_${level}${k === 0 ? '' : k + 1}`] = i * 4 + k + 1;
});

export function decodeLogsJson(text: string): LogsData {
  try {
    const o = parseJsonObject(text);
    return { resourceLogs: readRepeated(o, 'resourceLogs', 'resource_logs', resourceLogsFromJson) };
  } catch (e) {
    throw toDecodeError(e, 'ExportLogsServiceRequest JSON');
  }
}

function resourceLogsFromJson(o: JsonObject): ResourceLogs {
  return {
    resource: readMessage(o, 'resource', 'resource', resourceFromJson) ?? resourceFromJson(undefined),
    scopeLogs: readRepeated(o, 'scopeLogs', 'scope_logs', scopeLogsFromJson),
    schemaUrl: readString(o, 'schemaUrl', 'schema_url'),
  };
}

function scopeLogsFromJson(o: JsonObject): ScopeLogs {
  return {
    scope: readMessage(o, 'scope', 'scope', scopeFromJson) ?? scopeFromJson(undefined),
    logRecords: readRepeated(o, 'logRecords', 'log_records', logRecordFromJson),
    schemaUrl: readString(o, 'schemaUrl', 'schema_url'),
  };
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
  return JSON.stringify({
    resourceLogs: data.resourceLogs.map((rl) => {
      const out: JsonObject = { resource: resourceToJson(rl.resource) };
      put(
        out,
        'scopeLogs',
        rl.scopeLogs.map((sl) => {
          const s: JsonObject = { scope: scopeToJson(sl.scope) };
          put(s, 'logRecords', sl.logRecords.map(logRecordToJson));
          put(s, 'schemaUrl', sl.schemaUrl);
          return s;
        }),
      );
      put(out, 'schemaUrl', rl.schemaUrl);
      return out;
    }),
  });
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
