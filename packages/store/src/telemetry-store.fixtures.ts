/** @module Builders of telemetry batches for store tests (test-only; not part of the build). */
import type {
  Attributes,
  HistogramDataPoint,
  LogRecord,
  MetricData,
  NumberDataPoint,
  Resource,
  Span,
  TelemetryBatch,
} from '@switchyard/core';

/** A fixed base time above 2^53 ns, with sub-microsecond digits that a double would lose. */
export const T0 = 1_700_000_000_123_456_789n;
export const MS = 1_000_000n;
export const SEC = 1_000_000_000n;

export function resource(service: string, extra: Attributes = {}): Resource {
  return { attributes: { 'service.name': service, ...extra }, droppedAttributesCount: 0 };
}

export const SCOPE = {
  name: 'test-scope',
  version: '1.2.3',
  attributes: { 'scope.attr': 1n },
  droppedAttributesCount: 0,
};

export function traceId(n: number): string {
  return n.toString(16).padStart(32, '0');
}

export function spanId(n: number): string {
  return n.toString(16).padStart(16, '0');
}

export function span(over: Partial<Span> & { traceId: string; spanId: string }): Span {
  return {
    traceState: '',
    parentSpanId: '',
    flags: 1,
    name: 'op',
    kind: 2,
    startTimeUnixNano: T0,
    endTimeUnixNano: T0 + 10n * MS,
    attributes: {},
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: 0, message: '' },
    ...over,
  };
}

export function traces(res: Resource, spans: Span[]): TelemetryBatch {
  return {
    signal: 'traces',
    data: {
      resourceSpans: [{ resource: res, schemaUrl: '', scopeSpans: [{ scope: SCOPE, spans, schemaUrl: '' }] }],
    },
  };
}

export function log(over: Partial<LogRecord>): LogRecord {
  return {
    timeUnixNano: T0,
    observedTimeUnixNano: T0,
    severityNumber: 9,
    severityText: 'INFO',
    body: 'hello',
    attributes: {},
    droppedAttributesCount: 0,
    flags: 0,
    traceId: '',
    spanId: '',
    eventName: '',
    ...over,
  };
}

export function logs(res: Resource, records: LogRecord[]): TelemetryBatch {
  return {
    signal: 'logs',
    data: {
      resourceLogs: [
        { resource: res, schemaUrl: '', scopeLogs: [{ scope: SCOPE, logRecords: records, schemaUrl: '' }] },
      ],
    },
  };
}

export function metric(res: Resource, name: string, data: MetricData, unit = ''): TelemetryBatch {
  return {
    signal: 'metrics',
    data: {
      resourceMetrics: [
        {
          resource: res,
          schemaUrl: '',
          scopeMetrics: [
            {
              scope: SCOPE,
              schemaUrl: '',
              metrics: [{ name, description: `${name} help`, unit, metadata: {}, data }],
            },
          ],
        },
      ],
    },
  };
}

export function numberPoint(
  timeNs: bigint,
  value: bigint | number,
  attributes: Attributes = {},
  startNs = 0n,
): NumberDataPoint {
  return { attributes, startTimeUnixNano: startNs, timeUnixNano: timeNs, flags: 0, value, exemplars: [] };
}

export function histogramPoint(
  timeNs: bigint,
  bucketCounts: bigint[],
  explicitBounds: number[],
  sum: number,
  startNs = T0,
): HistogramDataPoint {
  return {
    attributes: {},
    startTimeUnixNano: startNs,
    timeUnixNano: timeNs,
    flags: 0,
    count: bucketCounts.reduce((a, b) => a + b, 0n),
    sum,
    bucketCounts,
    explicitBounds,
    exemplars: [],
  };
}
