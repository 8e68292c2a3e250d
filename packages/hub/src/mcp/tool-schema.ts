/**
 * @module Input-schema pieces shared by the MCP tools (zod shapes with descriptions and defaults) and the
 * parsing of their time ranges.
 */
import { ParameterError, parseTimeNs } from '@switchyard/core';
import { z } from 'zod';

const TIME_HELP =
  'RFC 3339 (2024-05-01T12:00:00Z), epoch milliseconds, or relative (now, now-15m, now-1h, now-2d)';

export const serviceField = z
  .string()
  .min(1)
  .max(200)
  .optional()
  .describe('Service name (resource service.name); see list_services');

export function startField(defaultValue: string) {
  return z
    .string()
    .min(1)
    .max(64)
    .default(defaultValue)
    .describe(`Start of the time range: ${TIME_HELP}. Default ${defaultValue}`);
}

export const endField = z
  .string()
  .min(1)
  .max(64)
  .optional()
  .describe(`End of the time range (default now): ${TIME_HELP}`);

export const detailField = z
  .enum(['summary', 'full'])
  .default('summary')
  .describe("'summary' (default) returns a compact digest; 'full' adds per-item details (larger)");

export const traceIdField = z
  .string()
  .regex(/^[0-9a-fA-F]{32}$/, 'a trace id is 32 hex characters')
  .describe('Trace id, 32 hex characters (from query_traces or a log record)');

export const attributesField = z
  .record(z.string().min(1).max(200), z.string().max(1000))
  .optional()
  .describe(
    'Span/resource/point attributes that must match, compared as strings, e.g. {"http.route": "/cart"}',
  );

export function limitField(defaultValue: number, max: number, what: string) {
  return z
    .number()
    .int()
    .min(1)
    .max(max)
    .default(defaultValue)
    .describe(`Most ${what} to return (default ${defaultValue}, max ${max})`);
}

export interface NsRange {
  startNs: bigint;
  endNs: bigint;
}

/** Parses a tool's start/end; errors name the parameter. */
export function parseRange(start: string, end: string | undefined, now: bigint): NsRange {
  const startNs = parseTimeNs(start, 'start', now);
  const endNs = end === undefined ? now : parseTimeNs(end, 'end', now);
  if (startNs > endNs) throw new ParameterError('start', 'is after end');
  return { startNs, endNs };
}

export const SEVERITIES = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export const SEVERITY_FLOOR: Record<(typeof SEVERITIES)[number], number> = {
  trace: 1,
  debug: 5,
  info: 9,
  warn: 13,
  error: 17,
  fatal: 21,
};

export const severityField = z
  .enum(SEVERITIES)
  .optional()
  .describe('Minimum severity: trace, debug, info, warn, error or fatal');
