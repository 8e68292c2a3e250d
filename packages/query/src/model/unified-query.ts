/**
 * @module The unified query: one vendor-neutral description of "what to fetch" for metrics, logs and
 * traces. Adapters translate it into PromQL, LogQL, TraceQL, NRQL, Datadog queries or store calls.
 */
import { z } from 'zod';

export const SIGNAL_NAMES = ['metrics', 'logs', 'traces'] as const;
export type QuerySignal = (typeof SIGNAL_NAMES)[number];

/** A metric asked for by meaning rather than name; adapters map it to the metrics a source has. */
export const MetricIntentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('error_rate') }).strict(),
  z
    .object({
      kind: z.literal('latency'),
      /** A percentile in (0, 100) such as 50, 95, 99, 99.9, or `avg` for the mean. */
      stat: z.union([z.literal('avg'), z.number().gt(0).lt(100)]).default(95),
    })
    .strict(),
  z.object({ kind: z.literal('throughput') }).strict(),
  z.object({ kind: z.literal('saturation'), resource: z.enum(['cpu', 'memory']) }).strict(),
]);
export type MetricIntent = z.infer<typeof MetricIntentSchema>;

export const FILTER_OPS = ['=', '!=', '=~', '!~'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

/** A label/attribute condition. `=~`/`!~` take RE2-style regular expressions. */
export const FilterSchema = z
  .object({
    key: z.string().min(1).max(200),
    op: z.enum(FILTER_OPS).default('='),
    value: z.string().max(1000),
  })
  .strict();
export type Filter = z.infer<typeof FilterSchema>;

/** A time: RFC 3339, epoch milliseconds (number or digits), `now`, `now-1h`, or `last 30 minutes`. */
export const TimeSchema = z.union([z.string().min(1).max(100), z.number().int().nonnegative()]);
export type TimeInput = z.infer<typeof TimeSchema>;

export const TimeRangeSchema = z
  .object({
    start: TimeSchema.default('now-1h'),
    end: TimeSchema.default('now'),
  })
  .strict();
export type TimeRangeInput = z.infer<typeof TimeRangeSchema>;

export const AGGREGATIONS = [
  'avg',
  'sum',
  'min',
  'max',
  'count',
  'rate',
  'p50',
  'p90',
  'p95',
  'p99',
] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export const SEVERITIES = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const NATIVE_LANGUAGES = ['promql', 'logql', 'traceql', 'nrql', 'datadog'] as const;
export type NativeLanguage = (typeof NATIVE_LANGUAGES)[number];

export const MAX_LIMIT = 10_000;

export const UnifiedQuerySchema = z
  .object({
    signal: z.enum(SIGNAL_NAMES),
    service: z.string().min(1).max(200).optional(),
    intent: MetricIntentSchema.optional(),
    /** An explicit metric name (as the source spells it); wins over `intent`. */
    metric: z.string().min(1).max(300).optional(),
    filters: z.array(FilterSchema).max(50).default([]),
    /** Logs: case-insensitive text the body must contain. */
    text: z.string().min(1).max(1000).optional(),
    /** Logs: minimum severity. */
    severity: z.enum(SEVERITIES).optional(),
    /** Traces: only traces with (`error`) or without (`ok`) an error span. */
    status: z.enum(['ok', 'error']).optional(),
    /** Traces: span name. */
    operation: z.string().min(1).max(300).optional(),
    minDurationMs: z.number().nonnegative().optional(),
    maxDurationMs: z.number().nonnegative().optional(),
    traceId: z
      .string()
      .regex(/^[0-9a-fA-F]{1,32}$/)
      .optional(),
    time: TimeRangeSchema.default({ start: 'now-1h', end: 'now' }),
    /** Resolution of metric series: a duration such as `30s`, `1m`; chosen from the range when absent. */
    step: z
      .string()
      .regex(/^(\d+(ms|s|m|h|d|w))+$/, 'a duration such as 30s, 1m, 1h')
      .optional(),
    aggregation: z.enum(AGGREGATIONS).optional(),
    groupBy: z.array(z.string().min(1).max(200)).max(10).default([]),
    limit: z.number().int().positive().max(MAX_LIMIT).default(100),
    /** Escape hatch: run this native query as is (validated where a parser exists). */
    native: z
      .object({ language: z.enum(NATIVE_LANGUAGES), query: z.string().min(1).max(20_000) })
      .strict()
      .optional(),
  })
  .strict();

/** A validated unified query (defaults applied). */
export type UnifiedQuery = z.infer<typeof UnifiedQuerySchema>;
/** What callers may write: defaults are optional. */
export type UnifiedQueryInput = z.input<typeof UnifiedQuerySchema>;
