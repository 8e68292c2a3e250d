import { describe, expect, it } from 'vitest';
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
});
