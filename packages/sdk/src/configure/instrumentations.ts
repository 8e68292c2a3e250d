/**
 * @module Turns on the bundled auto-instrumentations, each switchable off: node:http/https, undici/fetch,
 * express, fastify, pg, mysql2, redis + ioredis, mongodb, socket.io and grpc-js. Each one only patches its
 * library if the app loads it. They patch modules loaded through `require`; ESM apps need the loader hook
 * registered before their imports run (`node --import @switchyard/sdk/register`). Fastify is the exception:
 * @fastify/otel patches nothing, it adds itself as a plugin to every Fastify instance through Fastify's
 * `fastify.initialization` diagnostics channel, so it works the same for ESM and CJS apps.
 */
import { FastifyOtelInstrumentation } from '@fastify/otel';
import { type Instrumentation, registerInstrumentations } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { MongoDBInstrumentation } from '@opentelemetry/instrumentation-mongodb';
import { MySQL2Instrumentation } from '@opentelemetry/instrumentation-mysql2';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { RedisInstrumentation } from '@opentelemetry/instrumentation-redis';
import { SocketIoInstrumentation } from '@opentelemetry/instrumentation-socket.io';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import type { InstrumentationOptions } from '../config/instrumentation-switches.js';
import { EsmAwareGrpcInstrumentation } from './grpc-esm-instrumentation.js';
import type { TelemetryPipeline } from './telemetry-pipeline.js';

/**
 * Constructed disabled, enabled by registerInstrumentations() once construction is over. An instrumentation
 * enabled by its base constructor hooks modules before its own class fields exist: import-in-the-middle
 * patches an already imported `node:http` right away, then HttpInstrumentation's `_httpPatched = false`
 * field initializer erases the guard, and a later `require('http')` (express does one) patched it a second
 * time — two client spans per request for ESM apps.
 */
const DEFER = { enabled: false } as const;

/** The instrumentations the options leave on (all by default), not yet enabled. */
export function createInstrumentations(options: InstrumentationOptions | undefined): Instrumentation[] {
  const on = (name: keyof InstrumentationOptions): boolean => options?.[name] !== false;
  const list: Instrumentation[] = [];
  if (on('http')) list.push(new HttpInstrumentation(DEFER));
  // Not deferred: undici patches no module (diagnostics channels) and reads `enabled` from its config.
  if (on('undici')) list.push(new UndiciInstrumentation());
  if (on('express')) list.push(new ExpressInstrumentation(DEFER));
  if (on('fastify')) list.push(new FastifyOtelInstrumentation({ ...DEFER, registerOnInitialization: true }));
  if (on('pg')) list.push(new PgInstrumentation(DEFER));
  if (on('mysql2')) list.push(new MySQL2Instrumentation(DEFER));
  if (on('redis')) list.push(new RedisInstrumentation(DEFER), new IORedisInstrumentation(DEFER));
  if (on('mongodb')) list.push(new MongoDBInstrumentation(DEFER));
  if (on('socketio')) list.push(new SocketIoInstrumentation(DEFER));
  if (on('grpc')) list.push(new EsmAwareGrpcInstrumentation(DEFER));
  return list;
}

/** Enables the chosen instrumentations; returns a function that disables them again. */
export function enableInstrumentations(
  options: InstrumentationOptions | undefined,
  pipeline: Pick<TelemetryPipeline, 'tracerProvider' | 'meterProvider'>,
  problems: string[],
): () => void {
  try {
    const instrumentations = createInstrumentations(options);
    if (instrumentations.length === 0) return () => {};
    return registerInstrumentations({
      instrumentations,
      tracerProvider: pipeline.tracerProvider,
      meterProvider: pipeline.meterProvider,
    });
  } catch (error) {
    problems.push(
      `instrumentations could not be enabled: ${error instanceof Error ? error.message : String(error)}`,
    );
    return () => {};
  }
}
