import { describe, expect, it } from 'vitest';
import { INSTRUMENTATION_NAMES } from '../config/instrumentation-switches.js';
import { createInstrumentations } from './instrumentations.js';

describe('createInstrumentations', () => {
  it('turns every bundled instrumentation on by default', () => {
    const names = createInstrumentations(undefined).map((i) => i.instrumentationName);
    expect(names).toEqual([
      '@opentelemetry/instrumentation-http',
      '@opentelemetry/instrumentation-undici',
      '@opentelemetry/instrumentation-express',
      '@fastify/otel',
      '@opentelemetry/instrumentation-pg',
      '@opentelemetry/instrumentation-mysql2',
      '@opentelemetry/instrumentation-redis',
      '@opentelemetry/instrumentation-ioredis',
      '@opentelemetry/instrumentation-mongodb',
      '@opentelemetry/instrumentation-socket.io',
      '@opentelemetry/instrumentation-grpc',
    ]);
  });

  it('leaves out each one switched off', () => {
    const names = createInstrumentations({ redis: false, grpc: false, http: false, fastify: false }).map(
      (i) => i.instrumentationName,
    );
    expect(names).not.toContain('@opentelemetry/instrumentation-redis');
    expect(names).not.toContain('@opentelemetry/instrumentation-ioredis');
    expect(names).not.toContain('@opentelemetry/instrumentation-grpc');
    expect(names).not.toContain('@opentelemetry/instrumentation-http');
    expect(names).not.toContain('@fastify/otel');
    expect(names).toContain('@opentelemetry/instrumentation-express');
  });

  it('removes exactly the instrumentations of each switch turned off, one switch at a time', () => {
    const all = createInstrumentations(undefined).map((i) => i.instrumentationName);
    const removed: Record<string, string[]> = {};
    for (const name of INSTRUMENTATION_NAMES) {
      const left = createInstrumentations({ [name]: false }).map((i) => i.instrumentationName);
      removed[name] = all.filter((n) => !left.includes(n));
    }
    expect(removed).toEqual({
      http: ['@opentelemetry/instrumentation-http'],
      undici: ['@opentelemetry/instrumentation-undici'],
      express: ['@opentelemetry/instrumentation-express'],
      fastify: ['@fastify/otel'],
      pg: ['@opentelemetry/instrumentation-pg'],
      mysql2: ['@opentelemetry/instrumentation-mysql2'],
      redis: ['@opentelemetry/instrumentation-redis', '@opentelemetry/instrumentation-ioredis'],
      mongodb: ['@opentelemetry/instrumentation-mongodb'],
      socketio: ['@opentelemetry/instrumentation-socket.io'],
      grpc: ['@opentelemetry/instrumentation-grpc'],
    });
  });
});
