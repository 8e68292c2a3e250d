/**
 * @module Tempo adapter: TraceQL search (`/api/search`), trace by id (`/api/v2/traces/{id}`,
 * falling back to `/api/traces/{id}`), services from the `service.name` tag values.
 */
import type { AnalysisSpan } from '@switchyard/analysis';
import type { QueryAdapter, QueryContext } from '../adapter.js';
import { asArray, asRecord, isRecord, num, str } from '../http/json-shape.js';
import { SourceError } from '../http/source-error.js';
import type { AdapterDeps } from '../model/adapter-deps.js';
import { spansFromOtlpJson } from '../model/otlp-json-spans.js';
import { prepareQuery } from '../model/prepare.js';
import type { SourceRef, TraceSummaryOut, TracesResult } from '../model/results.js';
import { analyzeTraceList } from '../model/summarize.js';
import { summarizeSpans } from '../model/trace-summary.js';
import type { UnifiedQuery } from '../model/unified-query.js';
import { translateTraceQL } from './translate-traceql.js';

const sec = (ms: number): number => Math.floor(ms / 1000);

export class TempoAdapter implements QueryAdapter {
  readonly signals = ['traces'] as const;
  readonly source: SourceRef;

  constructor(private readonly deps: AdapterDeps) {
    this.source = deps.source;
  }

  async services(): Promise<string[]> {
    const body = asRecord(
      await this.deps.http.json({ path: '/api/v2/search/tag/resource.service.name/values' }),
      'tempo tag values',
    );
    return asArray(body.tagValues ?? [], 'tempo tag values')
      .map((v) => (isRecord(v) ? str(v.value) : str(v)))
      .sort();
  }

  async getTrace(traceId: string): Promise<AnalysisSpan[] | null> {
    if (!/^[0-9a-fA-F]{1,32}$/.test(traceId)) return null;
    const id = traceId.toLowerCase();
    try {
      return spansFromOtlpJson(await this.deps.http.json({ path: `/api/v2/traces/${id}` }));
    } catch (err) {
      if (!(err instanceof SourceError) || err.status !== 404) throw err;
    }
    try {
      return spansFromOtlpJson(await this.deps.http.json({ path: `/api/traces/${id}` }));
    } catch (err) {
      if (err instanceof SourceError && err.status === 404) return null;
      throw err;
    }
  }

  async query(q: UnifiedQuery, ctx: QueryContext = {}): Promise<TracesResult> {
    const p = prepareQuery(q, this.deps.guardrails, ctx.nowMs ?? Date.now());
    if (q.traceId !== undefined) return this.byId(q.traceId, p.range, p.warnings);
    const traceql = translateTraceQL(q);
    const body = asRecord(
      await this.deps.http.json({
        path: '/api/search',
        params: {
          q: traceql,
          start: sec(p.range.startMs),
          end: Math.ceil(p.range.endMs / 1000),
          limit: p.limit,
        },
      }),
      'tempo search',
    );
    const traces = asArray(body.traces ?? [], 'tempo traces').map(toSummary);
    const truncated = traces.length >= p.limit;
    const warnings = [...p.warnings];
    if (truncated) warnings.push(`reached the limit of ${p.limit} traces`);
    return {
      signal: 'traces',
      source: this.source,
      nativeQuery: traceql,
      range: p.range,
      truncated,
      warnings,
      traces,
      analysis: await analyzeTraceList(traces, (id) => this.getTrace(id)),
    };
  }

  private async byId(
    traceId: string,
    range: TracesResult['range'],
    warnings: string[],
  ): Promise<TracesResult> {
    const spans = await this.getTrace(traceId);
    const traces = spans && spans.length > 0 ? [summarizeSpans(traceId.toLowerCase(), spans)] : [];
    return {
      signal: 'traces',
      source: this.source,
      nativeQuery: `GET /api/v2/traces/${traceId.toLowerCase()}`,
      range,
      truncated: false,
      warnings,
      traces,
      analysis: await analyzeTraceList(traces, async () => spans),
    };
  }
}

function toSummary(t: unknown): TraceSummaryOut {
  const r = asRecord(t, 'tempo trace');
  const startNs = /^\d+$/.test(str(r.startTimeUnixNano)) ? BigInt(str(r.startTimeUnixNano)) : 0n;
  let spanCount: number | null = null;
  let errorCount: number | null = null;
  const services: string[] = [];
  if (isRecord(r.serviceStats)) {
    spanCount = 0;
    errorCount = 0;
    for (const [svc, st] of Object.entries(r.serviceStats)) {
      services.push(svc);
      if (isRecord(st)) {
        spanCount += num(st.spanCount) || 0;
        errorCount += num(st.errorCount) || 0;
      }
    }
  }
  const rootService = str(r.rootServiceName);
  return {
    traceId: str(r.traceID),
    rootService,
    rootName: str(r.rootTraceName),
    startMs: Number(startNs / 1_000_000n),
    durationMs: num(r.durationMs) || 0,
    spanCount,
    errorCount,
    services: services.length > 0 ? services.sort() : rootService ? [rootService] : [],
  };
}
