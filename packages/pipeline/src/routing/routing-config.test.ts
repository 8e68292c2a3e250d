import { ConfigError, loadConfigText } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { routingConfigSchema } from './routing-config.js';

const minimal = `
exporters:
  prom: { type: prometheus_remote_write, endpoint: http://127.0.0.1:9090/api/v1/write }
  upstream: { type: otlp_http, endpoint: http://127.0.0.1:4999, encoding: json, durable: true }
routes:
  - { signals: [metrics], exporters: [prom] }
  - { signals: [traces, logs], exporters: [upstream] }
`;

function load(text: string, env: Record<string, string> = {}) {
  return loadConfigText(text, routingConfigSchema, { source: 'switchyard.yaml', env });
}

function errorOf(text: string): ConfigError {
  try {
    load(text);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('routing config', () => {
  it('accepts the minimal form from the issue, with defaults filled in', () => {
    const c = load(minimal);
    expect(c.routeMode).toBe('first');
    const up = c.exporters.upstream!;
    expect(up).toMatchObject({ type: 'otlp_http', encoding: 'json', durable: true, compression: 'gzip' });
    expect(up.queue).toMatchObject({
      full: 'backpressure',
      fsync: 'adaptive',
      fsyncIntervalMs: 200,
      ackAfterFsync: true,
    });
    expect(up.circuitBreaker.failureThreshold).toBe(5);
    expect(c.routes[0]).toEqual({ signals: ['metrics'], exporters: ['prom'] });
  });

  it('substitutes environment variables in endpoints and headers', () => {
    const ref = (name: string) => ['$', '{', name, '}'].join('');
    const c = load(
      `exporters:\n  up: { type: otlp_grpc, endpoint: "${ref('UP')}", headers: { authorization: "Bearer ${ref('TOKEN')}" } }\nroutes: [{ exporters: [up] }]\n`,
      { UP: 'https://otlp.example.com:4317', TOKEN: 's3cret' },
    );
    expect(c.exporters.up).toMatchObject({
      endpoint: 'https://otlp.example.com:4317',
      headers: { authorization: 'Bearer s3cret' },
    });
  });

  it('names the route entry that references an unknown exporter', () => {
    const e = errorOf(
      'exporters:\n  up: { type: otlp_http, endpoint: http://x:1 }\nroutes:\n  - { exporters: [up, upstreem] }\n',
    );
    expect(e.path).toBe('routes[0].exporters[1]');
    expect(e.message).toContain("unknown exporter or failover group 'upstreem'");
  });

  it('rejects unknown keys and unknown exporter types with the key path', () => {
    const typo = errorOf('exporters:\n  up: { type: otlp_http, endpoint: http://x:1, compresion: gzip }\n');
    expect(typo.message).toContain('exporters.up.compresion: unknown key');
    expect(errorOf('exporters:\n  up: { type: carrier_pigeon, endpoint: http://x:1 }\n').path).toBe(
      'exporters.up.type',
    );
  });

  it('validates failover groups: members must be exporters and group names must not clash', () => {
    const ok = load(
      'exporters:\n  a: { type: otlp_http, endpoint: http://a:1 }\n  b: { type: otlp_grpc, endpoint: http://b:2 }\nfailover:\n  ab: { exporters: [a, b] }\nroutes: [{ exporters: [ab] }]\n',
    );
    expect(ok.failover.ab!.exporters).toEqual(['a', 'b']);
    const bad = errorOf(
      'exporters:\n  a: { type: otlp_http, endpoint: http://a:1 }\nfailover:\n  a: { exporters: [a, c] }\n',
    );
    expect(bad.message).toContain("'a' is also an exporter name");
    expect(bad.message).toContain("unknown exporter 'c'");
  });
});
