/**
 * @module Hub log records → OpenTelemetry JS SDK `ReadableLogRecord`s, for official SDK log exporters.
 * A record without a time takes its observed time (the SDK requires one); the trace context is kept when set.
 */
import type { SeverityNumber } from '@opentelemetry/api-logs';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { LogsData } from '@switchyard/core';
import { toAnyValue, toHrTime, toOtelAttributes, toOtelResource, toOtelScope } from './otel-common.js';
import { toSpanContext } from './otel-spans.js';

export function toReadableLogRecords(data: LogsData): ReadableLogRecord[] {
  const out: ReadableLogRecord[] = [];
  for (const rl of data.resourceLogs) {
    const resource = toOtelResource(rl.resource);
    for (const sl of rl.scopeLogs) {
      const scope = toOtelScope(sl.scope, sl.schemaUrl);
      for (const r of sl.logRecords) {
        const time = r.timeUnixNano !== 0n ? r.timeUnixNano : r.observedTimeUnixNano;
        const body = toAnyValue(r.body);
        out.push({
          hrTime: toHrTime(time),
          hrTimeObserved: toHrTime(r.observedTimeUnixNano !== 0n ? r.observedTimeUnixNano : time),
          ...(r.traceId && r.spanId
            ? { spanContext: toSpanContext(r.traceId, r.spanId, r.flags, '', false) }
            : {}),
          ...(r.severityText ? { severityText: r.severityText } : {}),
          ...(r.severityNumber ? { severityNumber: r.severityNumber as SeverityNumber } : {}),
          ...(body !== undefined ? { body } : {}),
          ...(r.eventName ? { eventName: r.eventName } : {}),
          resource,
          instrumentationScope: scope,
          attributes: toOtelAttributes(r.attributes),
          droppedAttributesCount: r.droppedAttributesCount,
        });
      }
    }
  }
  return out;
}
