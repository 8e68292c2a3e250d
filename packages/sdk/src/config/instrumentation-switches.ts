/**
 * @module Which bundled auto-instrumentations are on: the `instrumentations:` switches of switchyard.yaml and
 * `configureObservability`, and the env variables the OpenTelemetry Node auto-instrumentations use
 * (`OTEL_NODE_ENABLED_INSTRUMENTATIONS`, `OTEL_NODE_DISABLED_INSTRUMENTATIONS`). Precedence per switch:
 * options > env > file; everything is on by default.
 */
import type { Env } from '@switchyard/core';
import { z } from 'zod';

/** The switch names, in the order the instrumentations are enabled. */
export const INSTRUMENTATION_NAMES = [
  'http',
  'undici',
  'express',
  'fastify',
  'pg',
  'mysql2',
  'redis',
  'mongodb',
  'socketio',
  'grpc',
] as const;
export type InstrumentationName = (typeof INSTRUMENTATION_NAMES)[number];

/** Upstream package suffixes accepted in the env lists, mapped to our switch names. */
const ALIASES: Record<string, InstrumentationName> = {
  fetch: 'undici',
  ioredis: 'redis',
  'socket.io': 'socketio',
  mysql: 'mysql2',
};

export const instrumentationsSchema = z.strictObject({
  /** node:http / node:https client and server spans. */
  http: z.boolean().optional(),
  /** undici / global fetch client spans. */
  undici: z.boolean().optional(),
  /** Express routes and middleware (`http.route` on the server span). */
  express: z.boolean().optional(),
  /** Fastify routes, hooks and handlers, through the Fastify team's @fastify/otel. */
  fastify: z.boolean().optional(),
  /** PostgreSQL (`pg`) queries. */
  pg: z.boolean().optional(),
  /** MySQL (`mysql2`) queries. */
  mysql2: z.boolean().optional(),
  /** Redis (`redis` 2.6–6, i.e. also `@redis/client` 1, 5 and 6) and `ioredis` commands. */
  redis: z.boolean().optional(),
  /** MongoDB driver operations. */
  mongodb: z.boolean().optional(),
  /** socket.io emits and receives. */
  socketio: z.boolean().optional(),
  /** @grpc/grpc-js client and server calls. */
  grpc: z.boolean().optional(),
});

/** Each switch defaults to true (on); the instrumentation does nothing unless the app loads its library. */
export type InstrumentationOptions = z.infer<typeof instrumentationsSchema>;

function names(env: Env, variable: string, problems: string[]): InstrumentationName[] | undefined {
  const raw = env[variable]?.trim();
  if (raw === undefined || raw === '') return undefined;
  const out: InstrumentationName[] = [];
  for (const item of raw.split(',')) {
    const n = item
      .trim()
      .toLowerCase()
      .replace(/^@opentelemetry\/instrumentation-/, '');
    if (n === '') continue;
    const name = (INSTRUMENTATION_NAMES as readonly string[]).includes(n)
      ? (n as InstrumentationName)
      : ALIASES[n];
    if (name) out.push(name);
    else
      problems.push(
        `${variable}: unknown instrumentation '${n}' (known: ${INSTRUMENTATION_NAMES.join(', ')})`,
      );
  }
  return out;
}

/**
 * The switches set by the env: with `OTEL_NODE_ENABLED_INSTRUMENTATIONS` only the listed ones are on;
 * `OTEL_NODE_DISABLED_INSTRUMENTATIONS` then turns the listed ones off.
 */
export function instrumentationsFromEnv(env: Env, problems: string[]): InstrumentationOptions {
  const out: InstrumentationOptions = {};
  const enabled = names(env, 'OTEL_NODE_ENABLED_INSTRUMENTATIONS', problems);
  if (enabled) for (const n of INSTRUMENTATION_NAMES) out[n] = enabled.includes(n);
  for (const n of names(env, 'OTEL_NODE_DISABLED_INSTRUMENTATIONS', problems) ?? []) out[n] = false;
  return out;
}

/** Every switch resolved to on/off: options > env > file > on. */
export function resolveInstrumentations(
  options: InstrumentationOptions | undefined,
  env: InstrumentationOptions,
  file: InstrumentationOptions | undefined,
): Record<InstrumentationName, boolean> {
  const out = {} as Record<InstrumentationName, boolean>;
  for (const n of INSTRUMENTATION_NAMES) out[n] = options?.[n] ?? env[n] ?? file?.[n] ?? true;
  return out;
}
