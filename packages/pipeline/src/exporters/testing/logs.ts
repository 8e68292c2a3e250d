/**
 * @module Test data: log batches from a compact description, for the log exporter and processor tests.
 */
import type { Attributes, AttrValue, LogRecord, TelemetryBatch } from '@switchyard/core';

export function logRecord(body: AttrValue, over: Partial<LogRecord> = {}): LogRecord {
  return {
    timeUnixNano: 1_700_000_000_000_000_000n,
    observedTimeUnixNano: 0n,
    severityNumber: 9,
    severityText: 'INFO',
    body,
    attributes: {},
    droppedAttributesCount: 0,
    flags: 0,
    traceId: '',
    spanId: '',
    eventName: '',
    ...over,
  };
}

export function logBatch(resource: Attributes, records: LogRecord[]): TelemetryBatch {
  return {
    signal: 'logs',
    data: {
      resourceLogs: [
        {
          resource: { attributes: resource, droppedAttributesCount: 0 },
          scopeLogs: [
            {
              scope: { name: 'test', version: '1', attributes: {}, droppedAttributesCount: 0 },
              logRecords: records,
              schemaUrl: '',
            },
          ],
          schemaUrl: '',
        },
      ],
    },
  };
}
