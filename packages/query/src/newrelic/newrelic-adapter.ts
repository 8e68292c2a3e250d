/** @module New Relic adapter: NRQL through NerdGraph (`POST /graphql`, `API-Key` header). */
import type { AnalysisSpan } from '@switchyard/analysis';
import type { QueryAdapter, QueryContext } from '../adapter.js';
import { capItems } from '../http/guardrails.js';
import {
  asArray,
  asRecord,
  badShape,
  isRecord,
  type JsonRecord,
  num,
  str,
  stringRecord,
} from '../http/json-shape.js';
import type { AdapterDeps } from '../model/adapter-deps.js';
import type { PatternMiner } from '../model/log-patterns.js';
import { prepareQuery } from '../model/prepare.js';
import type { LogRecordOut, MetricSeriesOut, QueryResult, SourceRef } from '../model/results.js';
import { normalizeSeverity } from '../model/severity.js';
import { analyzeTraceList, summarizeLogs, summarizeSeries } from '../model/summarize.js';
import { summarizeSpans } from '../model/trace-summary.js';
import type { UnifiedQuery } from '../model/unified-query.js';
import { nerdGraphRequest, nrqlString, translateNrql } from './translate-nrql.js';

export interface NewRelicAdapterOptions extends AdapterDeps {
  accountId: number;
  minePatterns?: PatternMiner;
}

/** A result value: a number, or NRQL's object form (`{"99": 0.12}` for percentiles). */
function resultValue(v: unknown): number {
  if (isRecord(v)) {
    const first = Object.values(v)[0];
    return num(first);
  }
  return v === null ? Number.NaN : num(v);
}

export class NewRelicAdapter implements QueryAdapter {
  readonly signals = ['metrics', 'logs', 'traces'] as const;
  readonly source: SourceRef;

  constructor(private readonly deps: NewRelicAdapterOptions) {
    this.source = deps.source;
  }

  /** Runs NRQL through NerdGraph and returns its `results` rows. */
  async nrql(nrql: string): Promise<JsonRecord[]> {
    const body = asRecord(
      await this.deps.http.json({
        method: 'POST',
        path: '/graphql',
        json: nerdGraphRequest(this.deps.accountId, nrql),
      }),
      'nerdgraph',
    );
    if (Array.isArray(body.errors) && body.errors.length > 0) {
      throw badShape('nerdgraph', body.errors.map((e) => (isRecord(e) ? str(e.message) : str(e))).join('; '));
    }
    const data = asRecord(body.data, 'nerdgraph');
    const nrqlRes = asRecord(
      asRecord(asRecord(data.actor, 'nerdgraph actor').account, 'nerdgraph account').nrql,
      'nerdgraph nrql',
    );
    return asArray(nrqlRes.results ?? [], 'nerdgraph results').filter(isRecord);
  }

  async services(): Promise<string[]> {
    const rows = await this.nrql('SELECT uniques(appName) FROM Transaction SINCE 1 day ago');
    const list = rows[0]?.['uniques.appName'];
    return (Array.isArray(list) ? list.map(str) : []).sort();
  }

  async getTrace(traceId: string): Promise<AnalysisSpan[] | null> {
    const rows = await this.nrql(
      `SELECT * FROM Span WHERE trace.id = ${nrqlString(traceId.toLowerCase())} SINCE 7 days ago LIMIT MAX`,
    );
    return rows.length > 0 ? rows.map(spanOf) : null;
  }

  async query(q: UnifiedQuery, ctx: QueryContext = {}): Promise<QueryResult> {
    const p = prepareQuery(q, this.deps.guardrails, ctx.nowMs ?? Date.now());
    const t = translateNrql(q, p.range, p.stepMs, p.limit);
    const rows = await this.nrql(t.nrql);
    const base = { source: this.source, nativeQuery: t.nrql, range: p.range };
    if (q.signal === 'logs') {
      const records: LogRecordOut[] = rows.map((r) => ({
        timeMs: num(r.timestamp) || 0,
        service: str(r['service.name']) || 'unknown_service',
        severity: normalizeSeverity(str(r.level)),
        body: str(r.message),
        attributes: stringRecord(r),
        ...(str(r['trace.id']) ? { traceId: str(r['trace.id']) } : {}),
      }));
      const truncated = records.length >= p.limit;
      return {
        ...base,
        signal: 'logs',
        truncated,
        warnings: p.warnings,
        records,
        patterns: this.deps.minePatterns?.(records) ?? [],
        summary: summarizeLogs(records),
      };
    }
    if (q.signal === 'traces') {
      const byTrace = new Map<string, AnalysisSpan[]>();
      for (const r of rows) {
        const s = spanOf(r);
        byTrace.set(s.traceId, [...(byTrace.get(s.traceId) ?? []), s]);
      }
      const traces = [...byTrace.entries()].map(([id, spans]) => summarizeSpans(id, spans));
      return {
        ...base,
        signal: 'traces',
        truncated: rows.length >= p.limit,
        warnings: p.warnings,
        traces,
        analysis: await analyzeTraceList(traces, async (id) => byTrace.get(id) ?? null),
      };
    }
    const bySeries = new Map<string, MetricSeriesOut>();
    for (const r of rows) {
      const facet = r.facet;
      const key = Array.isArray(facet) ? facet.map(str).join('\u0000') : str(facet);
      let s = bySeries.get(key);
      if (!s) {
        const labels: Record<string, string> = {};
        const names = q.groupBy;
        const values = Array.isArray(facet) ? facet.map(str) : facet === undefined ? [] : [str(facet)];
        names.forEach((n, i) => {
          if (values[i] !== undefined) labels[n] = values[i]!;
        });
        s = { labels, points: [] };
        bySeries.set(key, s);
      }
      s.points.push([num(r.beginTimeSeconds) * 1000, resultValue(r.value)]);
    }
    const capped = capItems([...bySeries.values()], this.deps.guardrails.maxSeries);
    return {
      ...base,
      range: { ...p.range, stepMs: p.stepMs },
      signal: 'metrics',
      truncated: capped.truncated,
      warnings: p.warnings,
      unit: t.unit,
      series: capped.items,
      summary: summarizeSeries(capped.items, this.deps.anomalyCheck),
    };
  }
}

function spanOf(r: JsonRecord): AnalysisSpan {
  const startMs = num(r.timestamp) || 0;
  const durMs = num(r['duration.ms']) || 0;
  const isError = r.error === true || str(r['otel.status_code']) === 'ERROR';
  const start = BigInt(Math.round(startMs * 1000)) * 1000n;
  return {
    traceId: str(r['trace.id']),
    spanId: str(r.id) || str(r.guid),
    parentSpanId: str(r['parent.id']),
    name: str(r.name),
    service: str(r['service.name']) || str(r.appName) || 'unknown_service',
    kind: str(r['span.kind']) === 'server' ? 2 : str(r['span.kind']) === 'client' ? 3 : 0,
    startTimeUnixNano: start,
    endTimeUnixNano: start + BigInt(Math.round(durMs * 1e6)),
    status: { code: isError ? 2 : 0, message: str(r['otel.status_description']) },
    attributes: r,
  };
}
