/**
 * @module The zod schema of the `sdk:` section of switchyard.yaml (and of the JSON-able part of
 * `configureObservability` options). Unknown keys are rejected with a did-you-mean by core's loader.
 */
import { z } from 'zod';
import { instrumentationsSchema } from './instrumentation-switches.js';

const signal = z.enum(['traces', 'metrics', 'logs']);
const protocol = z.enum(['http/protobuf', 'http/json', 'grpc']);
const temporality = z.enum(['cumulative', 'delta', 'lowmemory']);

export const batchSchema = z.strictObject({
  scheduleDelayMillis: z.number().int().nonnegative().optional(),
  exportTimeoutMillis: z.number().int().positive().optional(),
  maxQueueSize: z.number().int().positive().optional(),
  maxExportBatchSize: z.number().int().positive().optional(),
});

export const exporterOptionsSchema = z.strictObject({
  /** Base endpoint; `/v1/<signal>` (or the preset's paths) is appended. */
  endpoint: z.string().min(1).optional(),
  /** Full per-signal URLs, used as given. */
  urls: z.strictObject({ traces: z.string(), metrics: z.string(), logs: z.string() }).partial().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  protocol: protocol.optional(),
  compression: z.enum(['gzip', 'none']).optional(),
  timeoutMillis: z.number().int().positive().optional(),
  temporality: temporality.optional(),
  signals: z.array(signal).optional(),
  /** The preset's credential: a literal, `env:NAME` or `file:/path`. */
  apiKey: z.string().optional(),
  /** Values for the preset's template variables (DD_SITE, SPLUNK_REALM, …), overriding the env. */
  vars: z.record(z.string(), z.string()).optional(),
  batch: batchSchema.optional(),
});

/** `failover: [primary, fallback, …]` inside the object form: one queue, tried in order (see README). */
export const FAILOVER_KEY = 'failover';

export const exportToSchema = z.union([
  z.literal('auto'),
  z.array(z.string().min(1)),
  z
    .record(z.string(), z.union([exporterOptionsSchema, z.literal(true), z.array(z.string().min(1)).min(2)]))
    .superRefine((value, ctx) => {
      for (const [k, v] of Object.entries(value))
        if (Array.isArray(v) !== (k === FAILOVER_KEY))
          ctx.addIssue({
            code: 'custom',
            path: [k],
            message:
              k === FAILOVER_KEY
                ? 'failover takes a list of at least two exporter names, e.g. [datadog, otlp]'
                : 'an exporter takes options or true; only failover takes a list of names',
          });
    }),
]);

export const samplingRuleSchema = z.strictObject({
  attribute: z.string().min(1),
  equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
  /** Regular expression tested against the attribute value as a string. */
  matches: z
    .string()
    .refine((re) => {
      try {
        new RegExp(re);
        return true;
      } catch {
        return false;
      }
    }, 'is not a valid regular expression')
    .optional(),
  decision: z.enum(['keep', 'drop']),
});

export const samplingSchema = z.strictObject({
  ratio: z.number().min(0).max(1).optional(),
  parentBased: z.boolean().optional(),
  rules: z.array(samplingRuleSchema).optional(),
});

export const sdkConfigSchema = z.strictObject({
  serviceName: z.string().min(1).optional(),
  serviceVersion: z.string().optional(),
  environment: z.string().optional(),
  resourceAttributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  exportTo: exportToSchema.optional(),
  sampling: samplingSchema.optional(),
  propagators: z.array(z.string()).optional(),
  correlationHeader: z.string().min(1).optional(),
  /** Cloud metadata detectors: aws, gcp, azure, all, none (default: chosen from env vars and the DMI vendor). */
  resourceDetectors: z.array(z.enum(['aws', 'gcp', 'azure', 'all', 'none'])).optional(),
  resourceDetectionTimeoutMillis: z.number().int().positive().optional(),
  failOpen: z.boolean().optional(),
  disabled: z.boolean().optional(),
  metricExportIntervalMillis: z.number().int().positive().optional(),
  batch: batchSchema.optional(),
  /** Auto-instrumentation switches (all on by default); see instrumentation-switches.ts. */
  instrumentations: instrumentationsSchema.optional(),
});

/** switchyard.yaml is shared with the hub: the SDK reads only `sdk:` and ignores the hub's keys. */
export const configFileSchema = z.object({ sdk: sdkConfigSchema.optional() });

export type SdkFileConfig = z.infer<typeof sdkConfigSchema>;
export type ExporterOptions = z.infer<typeof exporterOptionsSchema>;
export type ExportTo = z.infer<typeof exportToSchema>;
export type SamplingRule = z.infer<typeof samplingRuleSchema>;
export type SamplingOptions = z.infer<typeof samplingSchema>;
export type BatchOptions = z.infer<typeof batchSchema>;
