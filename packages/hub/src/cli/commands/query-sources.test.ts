import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParameterError } from '@switchyard/core';
import { createAdapter } from '@switchyard/query';
import { afterAll, describe, expect, it } from 'vitest';
import { type QueryFlags, querySources, unifiedFromFlags } from './query-sources.js';
import { adaptersFor, sourcesFrom } from './source-query.js';

const flags = (over: Partial<QueryFlags>): QueryFlags => ({
  hub: 'http://127.0.0.1:4320',
  format: 'json',
  source: [],
  ...over,
});

const dir = mkdtempSync(join(tmpdir(), 'sy-query-sources-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('unifiedFromFlags', () => {
  it('builds a metrics query from the metric name, service, step, aggregation, attributes and time', () => {
    const q = unifiedFromFlags(
      'metrics',
      flags({
        name: 'http_requests_total',
        service: 'checkout',
        step: '30s',
        agg: 'rate',
        attr: { route: '/cart' },
        start: 'now-15m',
      }),
    );
    expect(q).toMatchObject({
      signal: 'metrics',
      metric: 'http_requests_total',
      service: 'checkout',
      step: '30s',
      aggregation: 'rate',
      filters: [{ key: 'route', op: '=', value: '/cart' }],
      time: { start: 'now-15m', end: 'now' },
    });
  });

  it('treats --agg value as no aggregation', () => {
    expect(unifiedFromFlags('metrics', flags({ name: 'up', agg: 'value' })).aggregation).toBeUndefined();
  });

  it('passes --promql through as the native query', () => {
    const q = unifiedFromFlags('metrics', flags({ promql: 'sum(up)' }));
    expect(q.native).toEqual({ language: 'promql', query: 'sum(up)' });
  });

  it('maps logs and traces flags to their unified fields', () => {
    expect(
      unifiedFromFlags('logs', flags({ severity: 'warn', text: 'timeout', limit: 5, logql: '{job="a"}' })),
    ).toMatchObject({
      severity: 'warn',
      text: 'timeout',
      limit: 5,
      native: { language: 'logql', query: '{job="a"}' },
    });
    expect(
      unifiedFromFlags('traces', flags({ operation: 'GET /', status: 'error', minDurationMs: 250 })),
    ).toMatchObject({ operation: 'GET /', status: 'error', minDurationMs: 250 });
  });

  it('rejects bad PromQL with the offset of the error', () => {
    expect(() => unifiedFromFlags('metrics', flags({ promql: 'sum(rate(up[5m])' }))).toThrow(
      /syntax error at offset 16/,
    );
  });

  it('rejects two native queries, a bad aggregation, and a metrics query with neither name nor native', () => {
    expect(() => unifiedFromFlags('metrics', flags({ promql: 'up', nrql: 'SELECT 1' }))).toThrow(
      ParameterError,
    );
    expect(() => unifiedFromFlags('metrics', flags({ name: 'up', agg: 'median' }))).toThrow(/aggregation/);
    expect(() => unifiedFromFlags('metrics', flags({}))).toThrow(/name a metric/);
  });
});

describe('querySources', () => {
  it('leaves the query to the hub when no source is given', async () => {
    expect(await querySources('traces', flags({}))).toBe(false);
  });

  it('refuses a native query without a source, since the hub API takes none', async () => {
    await expect(querySources('metrics', flags({ promql: 'up' }))).rejects.toThrow(/needs a source/);
  });
});

describe('sourcesFrom and adaptersFor', () => {
  it('adds --source flags to the sources of --config, renaming a clash', () => {
    const file = join(dir, 'switchyard.yaml');
    writeFileSync(
      file,
      'sources:\n  prometheus:\n    type: prometheus\n    url: http://prom:9090\n    tenant: team-a\n',
    );
    const sources = sourcesFrom({
      config: file,
      source: ['prometheus=http://other:9090', 'loki=http://loki:3100'],
    });
    expect(Object.keys(sources)).toEqual(['prometheus', 'prometheus-2', 'loki']);
    expect(sources.prometheus).toMatchObject({ url: 'http://prom:9090', tenant: 'team-a' });
    expect(sources['prometheus-2']).toMatchObject({ type: 'prometheus', url: 'http://other:9090' });
  });

  it('keeps only the sources that hold the signal and run the native language', () => {
    const adapters = [
      createAdapter('p', { type: 'prometheus', url: 'http://p:9090' }),
      createAdapter('l', { type: 'loki', url: 'http://l:3100' }),
    ];
    expect(adaptersFor(adapters, 'logs').map((a) => a.source.name)).toEqual(['l']);
    expect(adaptersFor(adapters, 'metrics', 'promql').map((a) => a.source.name)).toEqual(['p']);
    expect(() => adaptersFor(adapters, 'traces')).toThrow(/none of the sources holds traces/);
    expect(() => adaptersFor(adapters, 'metrics', 'nrql')).toThrow(/runs nrql/);
  });
});
