/**
 * @module Prometheus adapter: PromQL over `query_range`, with metric discovery (label `__name__`
 * values, and label names of candidate metrics) so intents map to the metrics the server has.
 * The raw API calls (`query`, `query_range`, labels, series, metadata) are public for the CLI/MCP.
 */
import type { AnalysisSpan } from '@switchyard/analysis';
import type { QueryAdapter, QueryContext } from '../adapter.js';
import { capItems } from '../http/guardrails.js';
import { asArray, asRecord, str, stringRecord } from '../http/json-shape.js';
import { SourceError } from '../http/source-error.js';
import type { AdapterDeps } from '../model/adapter-deps.js';
import { prepareQuery } from '../model/prepare.js';
import type { MetricSeriesOut, MetricsResult, SourceRef } from '../model/results.js';
import { summarizeSeries } from '../model/summarize.js';
import type { UnifiedQuery } from '../model/unified-query.js';
import { ERROR_RATE_CANDIDATES } from './metric-candidates.js';
import { promData, promSeries } from './prometheus-response.js';
import { type PromCatalog, translatePromQL } from './translate-promql.js';
import { validatePromQL } from './validate-promql.js';

export interface PrometheusAdapterOptions extends AdapterDeps {
  /** Label naming the service (default `job`). */
  serviceLabel?: string;
}

export interface MetricMetadata {
  metric: string;
  type: string;
  help: string;
  unit: string;
}

const seconds = (ms: number): string => String(ms / 1000);

export class PrometheusAdapter implements QueryAdapter {
  readonly signals = ['metrics'] as const;
  readonly source: SourceRef;
  private readonly serviceLabel: string;

  constructor(private readonly deps: PrometheusAdapterOptions) {
    this.source = deps.source;
    this.serviceLabel = deps.serviceLabel ?? 'job';
  }

  /** Instant query at `timeMs`. */
  async instant(promql: string, timeMs?: number): Promise<{ series: MetricSeriesOut[]; warnings: string[] }> {
    validatePromQL(promql);
    const body = await this.deps.http.json({
      method: 'POST',
      path: '/api/v1/query',
      form: { query: promql, time: timeMs === undefined ? undefined : seconds(timeMs) },
    });
    const { data, warnings } = promData(body, 'prometheus query');
    return { series: promSeries(data), warnings };
  }

  /** Range query. */
  async range(
    promql: string,
    startMs: number,
    endMs: number,
    stepMs: number,
  ): Promise<{ series: MetricSeriesOut[]; warnings: string[] }> {
    validatePromQL(promql);
    const body = await this.deps.http.json({
      method: 'POST',
      path: '/api/v1/query_range',
      form: { query: promql, start: seconds(startMs), end: seconds(endMs), step: seconds(stepMs) },
    });
    const { data, warnings } = promData(body, 'prometheus query_range');
    return { series: promSeries(data), warnings };
  }

  async labels(match?: string): Promise<string[]> {
    const body = await this.deps.http.json({
      path: '/api/v1/labels',
      params: match === undefined ? undefined : { 'match[]': [match] },
    });
    return asArray(promData(body, 'prometheus labels').data, 'prometheus labels').map(str);
  }

  async labelValues(label: string): Promise<string[]> {
    if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(label))
      throw new SourceError('SOURCE_UNSUPPORTED', `bad label name '${label}'`);
    const body = await this.deps.http.json({ path: `/api/v1/label/${label}/values` });
    return asArray(promData(body, 'prometheus label values').data, 'prometheus label values').map(str);
  }

  async series(match: string[], startMs?: number, endMs?: number): Promise<Record<string, string>[]> {
    const body = await this.deps.http.json({
      path: '/api/v1/series',
      params: {
        'match[]': match,
        start: startMs === undefined ? undefined : seconds(startMs),
        end: endMs === undefined ? undefined : seconds(endMs),
      },
    });
    return asArray(promData(body, 'prometheus series').data, 'prometheus series').map(stringRecord);
  }

  async metadata(metric?: string): Promise<MetricMetadata[]> {
    const body = await this.deps.http.json({ path: '/api/v1/metadata', params: { metric } });
    const data = asRecord(promData(body, 'prometheus metadata').data, 'prometheus metadata');
    const out: MetricMetadata[] = [];
    for (const [name, entries] of Object.entries(data)) {
      const first = asRecord(asArray(entries, 'prometheus metadata')[0] ?? {}, 'prometheus metadata');
      out.push({ metric: name, type: str(first.type), help: str(first.help), unit: str(first.unit) });
    }
    return out.sort((a, b) => a.metric.localeCompare(b.metric));
  }

  async metricNames(): Promise<string[]> {
    return this.labelValues('__name__');
  }

  async services(): Promise<string[]> {
    return (await this.labelValues(this.serviceLabel)).sort();
  }

  async getTrace(_traceId: string): Promise<AnalysisSpan[] | null> {
    return null;
  }

  /** What the server holds, as far as translating `q` needs to know. */
  async discover(q: UnifiedQuery): Promise<PromCatalog | undefined> {
    if (q.native || q.metric !== undefined || q.intent === undefined) return undefined;
    const metrics = new Set(await this.metricNames());
    const labels = new Map<string, ReadonlySet<string>>();
    if (q.intent.kind === 'error_rate') {
      // Candidates differ only by the status label on the same metric; learn the labels of each present one.
      for (const c of ERROR_RATE_CANDIDATES) {
        if (!metrics.has(c.metric)) continue;
        if (!labels.has(c.metric)) labels.set(c.metric, new Set(await this.labels(c.metric)));
        if (labels.get(c.metric)!.has(c.error.label)) break;
      }
    }
    return { metrics, labels };
  }

  async query(q: UnifiedQuery, ctx: QueryContext = {}): Promise<MetricsResult> {
    const g = this.deps.guardrails;
    const p = prepareQuery(q, g, ctx.nowMs ?? Date.now());
    const catalog = await this.discover(q);
    const t = translatePromQL(q, { stepMs: p.stepMs, serviceLabel: this.serviceLabel, catalog });
    const r = await this.range(t.promql, p.range.startMs, p.range.endMs, p.stepMs);
    const capped = capItems(r.series, g.maxSeries);
    const warnings = [...p.warnings, ...r.warnings];
    if (capped.truncated) warnings.push(`${r.series.length} series; kept the first ${g.maxSeries}`);
    return {
      signal: 'metrics',
      source: this.source,
      nativeQuery: t.promql,
      range: { ...p.range, stepMs: p.stepMs },
      truncated: capped.truncated,
      warnings,
      unit: t.unit,
      series: capped.items,
      summary: summarizeSeries(capped.items, this.deps.anomalyCheck),
    };
  }
}
