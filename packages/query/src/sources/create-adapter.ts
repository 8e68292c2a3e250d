/** @module Builds the adapter for a configured source: HTTP client with auth, tenant, guardrails and cache. */
import type { Env } from '@switchyard/core';
import { resolveSecret } from '@switchyard/core';
import type { QueryAdapter } from '../adapter.js';
import { DatadogAdapter } from '../datadog/datadog-adapter.js';
import { GrafanaAdapter } from '../grafana/grafana-adapter.js';
import { authHeaders } from '../http/auth.js';
import { type Guardrails, withGuardrails } from '../http/guardrails.js';
import { HttpClient, type HttpClientOptions } from '../http/http-client.js';
import { JaegerAdapter } from '../jaeger/jaeger-adapter.js';
import { LokiAdapter } from '../loki/loki-adapter.js';
import { minePatternsWithAnalysis } from '../model/analysis-pattern-miner.js';
import type { PatternMiner } from '../model/log-patterns.js';
import type { AnomalyCheck } from '../model/summarize.js';
import { NewRelicAdapter } from '../newrelic/newrelic-adapter.js';
import { PrometheusAdapter } from '../prometheus/prometheus-adapter.js';
import { TempoAdapter } from '../tempo/tempo-adapter.js';
import type { SourceConfig, SourcesConfig } from './sources-config.js';

export interface CreateAdapterOptions {
  env?: Env;
  guardrails?: Partial<Guardrails>;
  fetch?: typeof fetch;
  anomalyCheck?: AnomalyCheck;
  minePatterns?: PatternMiner;
}

export function createAdapter(
  name: string,
  config: SourceConfig,
  opts: CreateAdapterOptions = {},
): QueryAdapter {
  const env = opts.env ?? process.env;
  const minePatterns = opts.minePatterns ?? minePatternsWithAnalysis;
  const path = `sources.${name}`;
  const g = withGuardrails({
    ...opts.guardrails,
    ...(config.timeoutMs !== undefined ? { timeoutMs: config.timeoutMs } : {}),
    ...(config.cacheTtlMs !== undefined ? { cacheTtlMs: config.cacheTtlMs } : {}),
    ...(config.maxRangeHours !== undefined ? { maxRangeMs: config.maxRangeHours * 3_600_000 } : {}),
    ...(config.maxResponseBytes !== undefined ? { maxResponseBytes: config.maxResponseBytes } : {}),
  });
  const headers: Record<string, string> = {
    ...config.headers,
    ...authHeaders(config.auth, env, `${path}.auth`),
  };
  if (config.tenant !== undefined) headers['X-Scope-OrgID'] = config.tenant;
  if (config.type === 'datadog') {
    headers['DD-API-KEY'] = resolveSecret(config.apiKey, env, `${path}.apiKey`);
    headers['DD-APPLICATION-KEY'] = resolveSecret(config.appKey, env, `${path}.appKey`);
  }
  if (config.type === 'newrelic') headers['API-Key'] = resolveSecret(config.apiKey, env, `${path}.apiKey`);
  const httpOpts: HttpClientOptions = {
    baseUrl: config.url,
    headers,
    timeoutMs: g.timeoutMs,
    maxResponseBytes: g.maxResponseBytes,
    cacheTtlMs: g.cacheTtlMs,
    fetch: opts.fetch,
  };
  const source = { name, type: config.type };
  const deps = { source, http: new HttpClient(httpOpts), guardrails: g, anomalyCheck: opts.anomalyCheck };
  switch (config.type) {
    case 'prometheus':
      return new PrometheusAdapter({ ...deps, serviceLabel: config.serviceLabel });
    case 'loki':
      return new LokiAdapter({
        ...deps,
        serviceLabel: config.serviceLabel,
        levelLabel: config.levelLabel,
        minePatterns,
      });
    case 'tempo':
      return new TempoAdapter(deps);
    case 'jaeger':
      return new JaegerAdapter(deps);
    case 'datadog':
      return new DatadogAdapter({
        ...deps,
        traceOperation: config.traceOperation,
        minePatterns,
      });
    case 'newrelic':
      return new NewRelicAdapter({ ...deps, accountId: config.accountId, minePatterns });
    case 'grafana':
      return new GrafanaAdapter({
        source,
        http: httpOpts,
        guardrails: g,
        anomalyCheck: opts.anomalyCheck,
        datasources: config.datasources,
        serviceLabel: config.serviceLabel,
        minePatterns,
      });
  }
}

/** One adapter per configured source, by name. */
export function createAdapters(
  sources: SourcesConfig,
  opts: CreateAdapterOptions = {},
): Map<string, QueryAdapter> {
  return new Map(Object.entries(sources).map(([name, config]) => [name, createAdapter(name, config, opts)]));
}
