/**
 * @module Grafana adapter: queries go through Grafana's data-source proxy
 * (`/api/datasources/proxy/uid/{uid}/…`) to its Prometheus, Loki and Tempo data sources, using the
 * same adapters as direct access; dashboards are searched and fetched through Grafana's own API.
 */
import type { AnalysisSpan } from '@switchyard/analysis';
import type { QueryAdapter, QueryContext } from '../adapter.js';
import { HttpClient, type HttpClientOptions } from '../http/http-client.js';
import { asArray, asRecord, isRecord, type JsonRecord, str } from '../http/json-shape.js';
import { SourceError } from '../http/source-error.js';
import { LokiAdapter } from '../loki/loki-adapter.js';
import type { AdapterDeps } from '../model/adapter-deps.js';
import type { PatternMiner } from '../model/log-patterns.js';
import type { QueryResult, SourceRef } from '../model/results.js';
import type { UnifiedQuery } from '../model/unified-query.js';
import { PrometheusAdapter } from '../prometheus/prometheus-adapter.js';
import { TempoAdapter } from '../tempo/tempo-adapter.js';

export interface GrafanaDatasources {
  prometheus?: string;
  loki?: string;
  tempo?: string;
}

export interface GrafanaAdapterOptions extends Omit<AdapterDeps, 'http'> {
  /** Options of the client talking to Grafana itself (base URL = Grafana's URL, auth headers). */
  http: HttpClientOptions;
  /** Data source uids per kind. */
  datasources: GrafanaDatasources;
  serviceLabel?: string;
  minePatterns?: PatternMiner;
}

export interface DashboardHit {
  uid: string;
  title: string;
  url: string;
  folderTitle: string;
  tags: string[];
}

/** The data-source proxy base URL for a uid. */
export function grafanaProxyUrl(grafanaUrl: string, uid: string): string {
  return `${grafanaUrl.replace(/\/$/, '')}/api/datasources/proxy/uid/${encodeURIComponent(uid)}`;
}

export class GrafanaAdapter implements QueryAdapter {
  readonly source: SourceRef;
  readonly signals: readonly UnifiedQuery['signal'][];
  private readonly grafana: HttpClient;
  readonly prometheus: PrometheusAdapter | undefined;
  readonly loki: LokiAdapter | undefined;
  readonly tempo: TempoAdapter | undefined;

  constructor(opts: GrafanaAdapterOptions) {
    this.source = opts.source;
    this.grafana = new HttpClient(opts.http);
    const via = (uid: string) =>
      new HttpClient({ ...opts.http, baseUrl: grafanaProxyUrl(opts.http.baseUrl, uid) });
    const common = { source: opts.source, guardrails: opts.guardrails, anomalyCheck: opts.anomalyCheck };
    const ds = opts.datasources;
    this.prometheus = ds.prometheus
      ? new PrometheusAdapter({ ...common, http: via(ds.prometheus), serviceLabel: opts.serviceLabel })
      : undefined;
    this.loki = ds.loki
      ? new LokiAdapter({ ...common, http: via(ds.loki), minePatterns: opts.minePatterns })
      : undefined;
    this.tempo = ds.tempo ? new TempoAdapter({ ...common, http: via(ds.tempo) }) : undefined;
    this.signals = [
      ...(this.prometheus ? (['metrics'] as const) : []),
      ...(this.loki ? (['logs'] as const) : []),
      ...(this.tempo ? (['traces'] as const) : []),
    ];
  }

  private forSignal(signal: UnifiedQuery['signal']): QueryAdapter {
    const a = signal === 'metrics' ? this.prometheus : signal === 'logs' ? this.loki : this.tempo;
    if (!a) {
      throw new SourceError(
        'SOURCE_UNSUPPORTED',
        `Grafana source '${this.source.name}' has no ${signal} data source`,
        {
          hint: `set datasources.${signal === 'metrics' ? 'prometheus' : signal === 'logs' ? 'loki' : 'tempo'} to a data source uid`,
        },
      );
    }
    return a;
  }

  async services(): Promise<string[]> {
    const all = new Set<string>();
    for (const a of [this.prometheus, this.loki, this.tempo]) {
      if (a) for (const s of await a.services()) all.add(s);
    }
    return [...all].sort();
  }

  async getTrace(traceId: string): Promise<AnalysisSpan[] | null> {
    return this.tempo ? this.tempo.getTrace(traceId) : null;
  }

  async query(q: UnifiedQuery, ctx?: QueryContext): Promise<QueryResult> {
    return this.forSignal(q.signal).query(q, ctx);
  }

  /** Dashboard search (`/api/search?type=dash-db`). */
  async searchDashboards(query: string, limit = 50): Promise<DashboardHit[]> {
    const body = await this.grafana.json({ path: '/api/search', params: { type: 'dash-db', query, limit } });
    return asArray(body, 'grafana search')
      .filter(isRecord)
      .map((d) => ({
        uid: str(d.uid),
        title: str(d.title),
        url: str(d.url),
        folderTitle: str(d.folderTitle),
        tags: Array.isArray(d.tags) ? d.tags.map(str) : [],
      }));
  }

  /** One dashboard's JSON model and metadata (`/api/dashboards/uid/{uid}`). */
  async getDashboard(uid: string): Promise<{ dashboard: JsonRecord; meta: JsonRecord }> {
    const body = asRecord(
      await this.grafana.json({ path: `/api/dashboards/uid/${encodeURIComponent(uid)}` }),
      'grafana dashboard',
    );
    return {
      dashboard: asRecord(body.dashboard, 'grafana dashboard'),
      meta: isRecord(body.meta) ? body.meta : {},
    };
  }
}
