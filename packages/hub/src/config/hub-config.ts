/**
 * @module The hub's configuration: defaults → switchyard.yaml → CLI flags, validated by one zod schema.
 */
import { readFileSync } from 'node:fs';
import { ConfigError, loadConfigText } from '@switchyard/core';
import {
  attributesProcessorConfigSchema,
  batchProcessorConfigSchema,
  checkRoutingReferences,
  cumulativeToDeltaConfigSchema,
  filterProcessorConfigSchema,
  memoryLimiterConfigSchema,
  redactionProcessorConfigSchema,
  resourceDetectionConfigSchema,
  routingShape,
  tailSamplingConfigSchema,
} from '@switchyard/pipeline';
import { SourcesConfigSchema } from '@switchyard/query';
import { z } from 'zod';
import { TOOL_SELECTORS } from '../mcp/tool-names.js';

const port = z.number().int().min(0).max(65535);
const MiB = 1024 * 1024;

export const hubConfigSchema = z
  .strictObject({
    /** Address every listener binds to. Loopback by default; use 0.0.0.0 to accept remote senders. */
    host: z.string().min(1).default('127.0.0.1'),
    dataDir: z.string().min(1).default('./.switchyard'),
    api: z.strictObject({ port: port.default(4320) }).prefault({}),
    receivers: z
      .strictObject({
        otlp: z
          .strictObject({
            http: z
              .strictObject({
                enabled: z.boolean().default(true),
                port: port.default(4318),
                /** Largest accepted body, measured after decompression. */
                maxBodyBytes: z
                  .number()
                  .int()
                  .positive()
                  .default(16 * MiB),
                cors: z
                  .strictObject({
                    /** Origins allowed to send from browsers; `*` allows any. Empty = CORS off. */
                    allowedOrigins: z.array(z.string()).default([]),
                    allowedHeaders: z.array(z.string()).default([]),
                    maxAgeSeconds: z.number().int().nonnegative().default(7200),
                  })
                  .prefault({}),
              })
              .prefault({}),
            grpc: z
              .strictObject({
                enabled: z.boolean().default(true),
                port: port.default(4317),
                maxMessageBytes: z
                  .number()
                  .int()
                  .positive()
                  .default(16 * MiB),
              })
              .prefault({}),
          })
          .prefault({}),
      })
      .prefault({}),
    processors: z
      .strictObject({
        // The store group-commits on its own, so the hub's batch processor only coalesces requests of one tick.
        batch: batchProcessorConfigSchema.prefault({ timeoutMs: 5 }),
        memoryLimiter: memoryLimiterConfigSchema.prefault({}),
        /**
         * Transforms applied in order to everything received, before it is stored or exported:
         * `redaction` (secrets and PII), `attributes` (insert/update/delete/hash), `filter` (drop),
         * `cumulative_to_delta` (cumulative sums and histograms → delta), `resource_detection` (where the hub
         * runs: env, host/OS, cloud metadata → resource attributes).
         */
        transforms: z
          .array(
            z.discriminatedUnion('type', [
              redactionProcessorConfigSchema.extend({ type: z.literal('redaction') }),
              attributesProcessorConfigSchema.extend({ type: z.literal('attributes') }),
              filterProcessorConfigSchema.extend({ type: z.literal('filter') }),
              cumulativeToDeltaConfigSchema,
              resourceDetectionConfigSchema,
            ]),
          )
          .default([]),
        /**
         * Tail sampling of traces after the transforms (docs/config.md). With it on, a sender's 200 means
         * "held in memory for the decision", no longer "committed".
         */
        tailSampling: tailSamplingConfigSchema.prefault({}),
      })
      .prefault({}),
    store: z
      .strictObject({
        /**
         * Longest a received batch waits before its group is committed. Groups also commit as soon as the
         * previous commit finishes (adaptive group commit), so under load batches grow instead of waiting.
         */
        flushIntervalMs: z.number().int().min(0).max(10_000).default(5),
        /** DuckDB's buffer-pool limit; the hub's RSS is roughly this plus the pipeline's in-flight data. */
        memoryLimitMiB: z.number().int().min(128).default(512),
        /** Commit a group early once this many rows are pending. */
        maxPendingRows: z.number().int().positive().default(20_000),
        retention: z
          .strictObject({
            /** Delete data older than this many hours (0 = keep). */
            maxAgeHours: z.number().nonnegative().default(72),
            /** Keep the database under this many MiB (0 = no limit). */
            maxSizeMiB: z.number().nonnegative().default(2048),
            checkIntervalSeconds: z.number().positive().default(60),
          })
          .prefault({}),
      })
      .prefault({}),
    /** The application SDK's section of a shared switchyard.yaml; the SDK validates it, the hub ignores it. */
    sdk: z.unknown().optional(),
    demo: z
      .strictObject({
        enabled: z.boolean().default(false),
        /** Fixed seed for a reproducible run; without one every run gets fresh ids (so restarts never reuse trace ids). */
        seed: z.number().int().optional(),
        requestsPerSecond: z.number().positive().default(8),
      })
      .prefault({}),
    /** MCP server for AI assistants, at `/mcp` on the API port (see docs/mcp.md). */
    mcp: z
      .strictObject({
        enabled: z.boolean().default(true),
        /** When set, clients must send `Authorization: Bearer <token>` (write `${VAR}` to keep it out of the file). */
        bearerToken: z.string().min(16, 'use at least 16 characters').optional(),
        /** Browser origins allowed to call `/mcp`; `*` allows any. Requests without an Origin header always pass. */
        allowedOrigins: z.array(z.string()).default([]),
        /** Tool groups (general, traces, logs, metrics, analysis, events) or tool names to offer; empty = all. */
        enabledTools: z.array(z.enum(TOOL_SELECTORS as [string, ...string[]])).default([]),
        /** Tool groups or tool names to leave out; wins over enabledTools. */
        disabledTools: z.array(z.enum(TOOL_SELECTORS as [string, ...string[]])).default([]),
      })
      .prefault({}),
    /** External platforms `switchyard ask`, `query` and `mcp` can query (Prometheus, Loki, …; docs/config.md). */
    sources: SourcesConfigSchema.default({}),
    /** Where data goes besides the embedded store: named exporters, routes, failover groups (docs/config.md). */
    ...routingShape,
  })
  .superRefine(checkRoutingReferences);

export type HubConfig = z.infer<typeof hubConfigSchema>;

export function defaultHubConfig(): HubConfig {
  return hubConfigSchema.parse({});
}

/** Loads and validates a config file; a missing or invalid file is a ConfigError naming it. */
export function loadHubConfigFile(file: string, env: NodeJS.ProcessEnv = process.env): HubConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read config file ${file}: ${(err as Error).message}`, { path: file });
  }
  return loadConfigText(text, hubConfigSchema, { env, source: file });
}
