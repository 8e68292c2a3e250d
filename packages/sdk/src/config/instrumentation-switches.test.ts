import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { instrumentationsFromEnv, resolveInstrumentations } from './instrumentation-switches.js';
import { resolveConfig } from './resolve-config.js';

describe('instrumentationsFromEnv', () => {
  it('turns off the instrumentations OTEL_NODE_DISABLED_INSTRUMENTATIONS lists, upstream names included', () => {
    const problems: string[] = [];
    const env = {
      OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'fastify, ioredis,@opentelemetry/instrumentation-grpc,socket.io',
    };
    expect(instrumentationsFromEnv(env, problems)).toEqual({
      fastify: false,
      redis: false,
      grpc: false,
      socketio: false,
    });
    expect(problems).toEqual([]);
  });

  it('keeps only the instrumentations OTEL_NODE_ENABLED_INSTRUMENTATIONS lists, minus the disabled ones', () => {
    const problems: string[] = [];
    const on = instrumentationsFromEnv(
      { OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http,express,pg', OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'pg' },
      problems,
    );
    expect(
      Object.entries(on)
        .filter(([, v]) => v)
        .map(([k]) => k),
    ).toEqual(['http', 'express']);
    expect(on.fastify).toBe(false);
    expect(on.pg).toBe(false);
  });

  it('reports an unknown name instead of failing', () => {
    const problems: string[] = [];
    expect(instrumentationsFromEnv({ OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'htp' }, problems)).toEqual({});
    expect(problems[0]).toMatch(/OTEL_NODE_DISABLED_INSTRUMENTATIONS: unknown instrumentation 'htp'/);
  });
});

describe('resolveInstrumentations', () => {
  it('takes each switch from options, then env, then file, else on', () => {
    const on = resolveInstrumentations(
      { grpc: true },
      { grpc: false, pg: false },
      { pg: true, redis: false },
    );
    expect(on).toMatchObject({ grpc: true, pg: false, redis: false, http: true, fastify: true });
  });
});

describe('resolveConfig instrumentations', () => {
  it('merges the switches of switchyard.yaml, the env and the options', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sy-instr-'));
    try {
      writeFileSync(
        join(dir, 'switchyard.yaml'),
        'sdk:\n  instrumentations:\n    pg: false\n    grpc: false\n',
      );
      const config = resolveConfig({
        cwd: dir,
        env: { OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'express' },
        instrumentations: { mongodb: false, grpc: true },
      });
      expect(config.errors).toEqual([]);
      expect(config.instrumentations).toMatchObject({
        pg: false,
        express: false,
        mongodb: false,
        grpc: true,
        fastify: true,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects a misspelt switch in the options with a ConfigError', () => {
    const config = resolveConfig({
      configFile: false,
      env: {},
      instrumentations: { fastfy: false } as Record<string, boolean>,
    });
    expect(config.errors[0]?.message).toMatch(/fastfy/);
  });
});
