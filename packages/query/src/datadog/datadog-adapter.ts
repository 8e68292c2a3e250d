/**
 * @module Datadog adapter: metrics via `/api/v1/query`, logs via `/api/v2/logs/events/search`,
 * spans via `/api/v2/spans/events/search`. Authentication is the DD-API-KEY and
 * DD-APPLICATION-KEY headers, set on the HTTP client from the source config.
 */
import type { AnalysisSpan } from '@switchyard/analysis';
import type { QueryAdapter, QueryContext } from '../adapter.js';
import { capItems } from '../http/guardrails.js';
import { asArray, asRecord, badShape, isRecord, num, str, stringRecord } from '../http/json-shape.js';
import type { AdapterDeps } from '../model/adapter-deps.js';
import type { PatternMiner } from '../model/log-patterns.js';
import { prepareQuery } from '../model/prepare.js';
import type {
  LogRecordOut,
  LogsResult,
  MetricsResult,
  QueryResult,
  SourceRef,
  TracesResult,
} from '../model/results.js';
import { normalizeSeverity } from '../model/severity.js';
import { analyzeTraceList, summarizeLogs, summarizeSeries } from '../model/summarize.js';
import { summarizeSpans } from '../model/trace-summary.js';
import type { UnifiedQuery } from '../model/unified-query.js';
import {
  type DatadogOptions,
  translateDatadogLogs,
  translateDatadogMetric,
  translateDatadogSpans,
} from './translate-datadog.js';

export interface DatadogAdapterOptions extends AdapterDeps, DatadogOptions {
  minePatterns?: PatternMiner;
}

export class DatadogAdapter implements QueryAdapter {
  readonly signals = ['metrics', 'logs', 'traces'] as const;
  readonly source: SourceRef;

  constructor(private readonly deps: DatadogAdapterOptions) {
    this.source = deps.source;
  }

  async services(): Promise<string[]> {
    const now = Date.now();
    const op = `trace.${this.deps.traceOperation ?? 'http.request'}`;
    const series = await this.metricSeries(`sum:${op}.hits{*} by {service}`, now - 3_600_000, now);
    return [...new Set(series.map((s) => s.labels.service ?? '').filter((s) => s !== ''))].sort();
  }

  async getTrace(traceId: string): Promise<AnalysisSpan[] | null> {
    const now = Date.now();
    const { body } = translateDatadogSpans(
      {
        signal: 'traces',
        traceId,
        filters: [],
        groupBy: [],
        limit: 1000,
        time: { start: 'now-15d', end: 'now' },
      },
      { startMs: now - 15 * 86_400_000, endMs: now },
      1000,
    );
    const spans = await this.searchSpans(body);
    return spans.length > 0 ? spans : null;
  }

  async query(q: UnifiedQuery, ctx: QueryContext = {}): Promise<QueryResult> {
    if (q.signal === 'logs') return this.logs(q, ctx);
    if (q.signal === 'traces') return this.traces(q, ctx);
    return this.metrics(q, ctx);
  }

  private async metricSeries(query: string, fromMs: number, toMs: number) {
    const body = asRecord(
      await this.deps.http.json({
        path: '/api/v1/query',
        params: { from: Math.floor(fromMs / 1000), to: Math.ceil(toMs / 1000), query },
      }),
      'datadog query',
    );
    if (str(body.status) === 'error') throw badShape('datadog query', str(body.error));
    return asArray(body.series ?? [], 'datadog series').map((x) => {
      const s = asRecord(x, 'datadog series');
      const labels: Record<string, string> = {};
      for (const tag of Array.isArray(s.tag_set) ? s.tag_set : []) {
        const t = str(tag);
        const i = t.indexOf(':');
        if (i > 0) labels[t.slice(0, i)] = t.slice(i + 1);
      }
      if (Object.keys(labels).length === 0 && str(s.scope) !== '' && str(s.scope) !== '*')
        labels.scope = str(s.scope);
      const points = asArray(s.pointlist ?? [], 'datadog pointlist')
        .map((p): [number, number] => {
          const pair = asArray(p, 'datadog point');
          return [num(pair[0]), pair[1] === null ? Number.NaN : num(pair[1])];
        })
        .filter(([, v]) => !Number.isNaN(v));
      return { labels, points };
    });
  }

  private async metrics(q: UnifiedQuery, ctx: QueryContext): Promise<MetricsResult> {
    const p = prepareQuery(q, this.deps.guardrails, ctx.nowMs ?? Date.now());
    const t = translateDatadogMetric(q, this.deps);
    const series = await this.metricSeries(t.query, p.range.startMs, p.range.endMs);
    const capped = capItems(series, this.deps.guardrails.maxSeries);
    return {
      signal: 'metrics',
      source: this.source,
      nativeQuery: t.query,
      range: p.range,
      truncated: capped.truncated,
      warnings: capped.truncated
        ? [...p.warnings, `${series.length} series; kept the first ${capped.items.length}`]
        : p.warnings,
      unit: t.unit,
      series: capped.items,
      summary: summarizeSeries(capped.items, this.deps.anomalyCheck),
    };
  }

  private async logs(q: UnifiedQuery, ctx: QueryContext): Promise<LogsResult> {
    const p = prepareQuery(q, this.deps.guardrails, ctx.nowMs ?? Date.now());
    const t = translateDatadogLogs(q, p.range, p.limit);
    const body = asRecord(
      await this.deps.http.json({ method: 'POST', path: '/api/v2/logs/events/search', json: t.body }),
      'datadog logs',
    );
    const records: LogRecordOut[] = asArray(body.data ?? [], 'datadog logs').map((x) => {
      const a = isRecord(x) && isRecord(x.attributes) ? x.attributes : {};
      const attrs = stringRecord(a.attributes);
      return {
        timeMs: Date.parse(str(a.timestamp)) || 0,
        service: str(a.service) || 'unknown_service',
        severity: normalizeSeverity(str(a.status)),
        body: str(a.message),
        attributes: attrs,
        ...(attrs.trace_id ? { traceId: attrs.trace_id } : {}),
      };
    });
    const meta = isRecord(body.meta) && isRecord(body.meta.page) ? body.meta.page : {};
    const truncated = str(meta.after) !== '' || records.length >= p.limit;
    return {
      signal: 'logs',
      source: this.source,
      nativeQuery: t.query,
      range: p.range,
      truncated,
      warnings: truncated
        ? [...p.warnings, `more than ${records.length} logs matched; showing the newest`]
        : p.warnings,
      records,
      patterns: this.deps.minePatterns?.(records) ?? [],
      summary: summarizeLogs(records),
    };
  }

  private async searchSpans(body: unknown): Promise<AnalysisSpan[]> {
    const res = asRecord(
      await this.deps.http.json({ method: 'POST', path: '/api/v2/spans/events/search', json: body }),
      'datadog spans',
    );
    return asArray(res.data ?? [], 'datadog spans').map((x) => {
      const a = isRecord(x) && isRecord(x.attributes) ? x.attributes : {};
      const custom = isRecord(a.custom) ? a.custom : {};
      const start = Date.parse(str(a.start_timestamp)) || 0;
      const end = Date.parse(str(a.end_timestamp)) || start;
      const isError =
        str(a.status) === 'error' || custom.error === 1 || custom.error === '1' || custom.error === true;
      return {
        traceId: str(a.trace_id),
        spanId: str(a.span_id),
        parentSpanId: str(a.parent_id) === '0' ? '' : str(a.parent_id),
        name: str(a.resource_name) || str(a.operation_name),
        service: str(a.service) || 'unknown_service',
        kind: str(a.type) === 'web' ? 2 : 0,
        startTimeUnixNano: BigInt(start) * 1_000_000n,
        endTimeUnixNano: BigInt(end) * 1_000_000n,
        status: { code: isError ? 2 : 0, message: '' },
        attributes: isRecord(a.attributes) ? a.attributes : {},
      };
    });
  }

  private async traces(q: UnifiedQuery, ctx: QueryContext): Promise<TracesResult> {
    const p = prepareQuery(q, this.deps.guardrails, ctx.nowMs ?? Date.now());
    const t = translateDatadogSpans(q, p.range, p.limit);
    const spans = await this.searchSpans(t.body);
    const byTrace = new Map<string, AnalysisSpan[]>();
    for (const s of spans) byTrace.set(s.traceId, [...(byTrace.get(s.traceId) ?? []), s]);
    // Span search returns matching spans, not whole traces: each summary covers the spans that matched.
    const traces = [...byTrace.entries()].map(([id, list]) => summarizeSpans(id, list));
    const truncated = spans.length >= p.limit;
    return {
      signal: 'traces',
      source: this.source,
      nativeQuery: t.query,
      range: p.range,
      truncated,
      warnings: [
        ...p.warnings,
        'Datadog span search returns matching spans; trace summaries cover those spans only',
      ],
      traces,
      analysis: await analyzeTraceList(traces, async (id) => byTrace.get(id) ?? null),
    };
  }
}
