/** @module Jaeger adapter over its HTTP API: `/api/services`, `/api/traces` search, `/api/traces/{id}`. */
import type { AnalysisSpan } from '@switchyard/analysis';
import type { QueryAdapter, QueryContext } from '../adapter.js';
import { asArray, asRecord, isRecord, str } from '../http/json-shape.js';
import { SourceError } from '../http/source-error.js';
import type { AdapterDeps } from '../model/adapter-deps.js';
import { prepareQuery } from '../model/prepare.js';
import type { SourceRef, TracesResult } from '../model/results.js';
import { analyzeTraceList } from '../model/summarize.js';
import { summarizeSpans } from '../model/trace-summary.js';
import type { UnifiedQuery } from '../model/unified-query.js';
import { spansFromJaeger } from './jaeger-traces.js';
import { jaegerSearchPath, translateJaeger } from './translate-jaeger.js';

export class JaegerAdapter implements QueryAdapter {
  readonly signals = ['traces'] as const;
  readonly source: SourceRef;

  constructor(private readonly deps: AdapterDeps) {
    this.source = deps.source;
  }

  async services(): Promise<string[]> {
    const body = asRecord(await this.deps.http.json({ path: '/api/services' }), 'jaeger services');
    return asArray(body.data ?? [], 'jaeger services')
      .map(str)
      .sort();
  }

  async getTrace(traceId: string): Promise<AnalysisSpan[] | null> {
    if (!/^[0-9a-fA-F]{1,32}$/.test(traceId)) return null;
    try {
      const body = asRecord(
        await this.deps.http.json({ path: `/api/traces/${traceId.toLowerCase()}` }),
        'jaeger trace',
      );
      const first = asArray(body.data ?? [], 'jaeger trace')[0];
      return first === undefined ? null : spansFromJaeger(first);
    } catch (err) {
      if (err instanceof SourceError && err.status === 404) return null;
      throw err;
    }
  }

  async query(q: UnifiedQuery, ctx: QueryContext = {}): Promise<TracesResult> {
    const p = prepareQuery(q, this.deps.guardrails, ctx.nowMs ?? Date.now());
    if (q.traceId !== undefined) {
      const spans = await this.getTrace(q.traceId);
      const traces = spans && spans.length > 0 ? [summarizeSpans(q.traceId.toLowerCase(), spans)] : [];
      return this.result(
        `/api/traces/${q.traceId.toLowerCase()}`,
        p,
        traces,
        new Map(spans ? [[q.traceId.toLowerCase(), spans]] : []),
      );
    }
    const search = translateJaeger(q, p.range, p.limit);
    const body = asRecord(
      await this.deps.http.json({ path: '/api/traces', params: search }),
      'jaeger search',
    );
    const full = new Map<string, AnalysisSpan[]>();
    for (const t of asArray(body.data ?? [], 'jaeger traces')) {
      if (!isRecord(t)) continue;
      const spans = spansFromJaeger(t);
      full.set(str(t.traceID).toLowerCase().padStart(32, '0'), spans);
    }
    const traces = [...full.entries()].map(([id, spans]) => summarizeSpans(id, spans));
    traces.sort((a, b) => b.startMs - a.startMs);
    return this.result(jaegerSearchPath(search), p, traces, full);
  }

  private async result(
    nativeQuery: string,
    p: ReturnType<typeof prepareQuery>,
    traces: TracesResult['traces'],
    full: Map<string, AnalysisSpan[]>,
  ): Promise<TracesResult> {
    const truncated = traces.length >= p.limit;
    return {
      signal: 'traces',
      source: this.source,
      nativeQuery,
      range: p.range,
      truncated,
      warnings: truncated ? [...p.warnings, `reached the limit of ${p.limit} traces`] : p.warnings,
      traces,
      // Jaeger search returns whole traces, so analysis needs no extra requests.
      analysis: await analyzeTraceList(traces, async (id) => full.get(id) ?? null),
    };
  }
}
