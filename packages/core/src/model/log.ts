import type { Attributes, AttrValue } from './attributes.js';
import type { InstrumentationScope, Resource } from './resource.js';

/** OTLP SeverityNumber ranges: 1-4 trace, 5-8 debug, 9-12 info, 13-16 warn, 17-20 error, 21-24 fatal. */
export const SeverityLevel = { trace: 1, debug: 5, info: 9, warn: 13, error: 17, fatal: 21 } as const;
export type SeverityName = keyof typeof SeverityLevel;

export interface LogRecord {
  /** Nanoseconds since the Unix epoch (0n when unknown). */
  timeUnixNano: bigint;
  observedTimeUnixNano: bigint;
  severityNumber: number;
  severityText: string;
  body: AttrValue;
  attributes: Attributes;
  droppedAttributesCount: number;
  flags: number;
  /** Hex trace id or '' when the record is not correlated. */
  traceId: string;
  spanId: string;
  eventName: string;
}

export interface ScopeLogs {
  scope: InstrumentationScope;
  logRecords: LogRecord[];
  schemaUrl: string;
}

export interface ResourceLogs {
  resource: Resource;
  scopeLogs: ScopeLogs[];
  schemaUrl: string;
}

/** Body of an ExportLogsServiceRequest. */
export interface LogsData {
  resourceLogs: ResourceLogs[];
}

/** Minimum severityNumber for a level name. */
export function severityFloor(name: SeverityName): number {
  return SeverityLevel[name];
}
