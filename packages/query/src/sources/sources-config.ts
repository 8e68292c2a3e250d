/**
 * @module `sources:` in switchyard.yaml — external platforms to query — and the ad hoc
 * `--source TYPE=URL` flag. Secrets (tokens, API keys) may be `env:NAME` or `file:/path` references.
 */
import { ParameterError } from '@switchyard/core';
import { z } from 'zod';
import { AuthSchema } from '../http/auth.js';

const Url = z.string().url();
const Secret = z.string().min(1);

const common = {
  url: Url,
  auth: AuthSchema.optional(),
  /** Multi-tenant header value for Loki/Tempo/Mimir/Cortex (`X-Scope-OrgID`). */
  tenant: z.string().min(1).optional(),
  /** Extra request headers. */
  headers: z.record(z.string().min(1), z.string()).optional(),
  timeoutMs: z.number().int().positive().max(600_000).optional(),
  cacheTtlMs: z.number().int().nonnegative().optional(),
  maxRangeHours: z.number().positive().optional(),
  maxResponseBytes: z.number().int().positive().optional(),
};

export const SourceConfigSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('prometheus'), ...common, serviceLabel: z.string().min(1).optional() }).strict(),
  z
    .object({
      type: z.literal('loki'),
      ...common,
      serviceLabel: z.string().min(1).optional(),
      levelLabel: z.string().min(1).optional(),
    })
    .strict(),
  z.object({ type: z.literal('tempo'), ...common }).strict(),
  z.object({ type: z.literal('jaeger'), ...common }).strict(),
  z
    .object({
      type: z.literal('datadog'),
      ...common,
      url: Url.default('https://api.datadoghq.com'),
      apiKey: Secret,
      appKey: Secret,
      traceOperation: z.string().min(1).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('newrelic'),
      ...common,
      url: Url.default('https://api.newrelic.com'),
      apiKey: Secret,
      accountId: z.number().int().positive(),
    })
    .strict(),
  z
    .object({
      type: z.literal('grafana'),
      ...common,
      datasources: z
        .object({
          prometheus: z.string().min(1).optional(),
          loki: z.string().min(1).optional(),
          tempo: z.string().min(1).optional(),
        })
        .strict(),
      serviceLabel: z.string().min(1).optional(),
    })
    .strict(),
]);
export type SourceConfig = z.infer<typeof SourceConfigSchema>;
export type SourceConfigType = SourceConfig['type'];
export const SOURCE_CONFIG_TYPES: readonly SourceConfigType[] = [
  'prometheus',
  'loki',
  'tempo',
  'jaeger',
  'datadog',
  'newrelic',
  'grafana',
];

/** `sources:` — a map from a source name to its config. */
export const SourcesConfigSchema = z.record(
  z.string().regex(/^[a-zA-Z0-9_.-]+$/, 'letters, digits, _ . -'),
  SourceConfigSchema,
);
export type SourcesConfig = z.infer<typeof SourcesConfigSchema>;

/** Types a bare `--source TYPE=URL` can name (the others need keys or data-source uids). */
const FLAG_TYPES = ['prometheus', 'loki', 'tempo', 'jaeger'] as const;

/**
 * Parses `--source TYPE=URL` (or `NAME:TYPE=URL`) into a named source. Datadog, New Relic and
 * Grafana need more than a URL, so they come from switchyard.yaml.
 */
export function parseSourceFlag(text: string): { name: string; config: SourceConfig } {
  const m = /^(?:([a-zA-Z0-9_.-]+):)?([a-z]+)=(.+)$/.exec(text.trim());
  if (!m)
    throw new ParameterError(
      'source',
      `expected TYPE=URL, got '${text}'`,
      'e.g. --source prometheus=http://localhost:9090',
    );
  const type = m[2]!;
  if (!(FLAG_TYPES as readonly string[]).includes(type)) {
    const hint = (SOURCE_CONFIG_TYPES as readonly string[]).includes(type)
      ? `${type} needs credentials; configure it under sources: in switchyard.yaml`
      : `types: ${FLAG_TYPES.join(', ')}`;
    throw new ParameterError('source', `unknown source type '${type}'`, hint);
  }
  const r = SourceConfigSchema.safeParse({ type, url: m[3] });
  if (!r.success) throw new ParameterError('source', `bad URL '${m[3]}'`, 'e.g. http://localhost:9090');
  return { name: m[1] ?? type, config: r.data };
}

/** Several `--source` flags → a sources map; repeated names get `-2`, `-3`, … */
export function parseSourceFlags(flags: readonly string[]): SourcesConfig {
  const out: SourcesConfig = {};
  for (const f of flags) {
    const { name, config } = parseSourceFlag(f);
    let unique = name;
    for (let i = 2; unique in out; i++) unique = `${name}-${i}`;
    out[unique] = config;
  }
  return out;
}
