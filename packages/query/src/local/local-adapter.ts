/** @module Adapter over the embedded store (TelemetryStore): the "local" source. */
import { type AnalysisSpan, toAnalysisSpan } from '@switchyard/analysis';
import { attributesToPlainJson, attrValueToPlainJson, serviceNameOf } from '@switchyard/core';
import type { StoredLog, TelemetryStore } from '@switchyard/store';
import type { QueryAdapter, QueryContext } from '../adapter.js';
import { capItems, type Guardrails } from '../http/guardrails.js';
import { minePatternsWithAnalysis } from '../model/analysis-pattern-miner.js';
import type { PatternMiner } from '../model/log-patterns.js';
import { prepareQuery } from '../model/prepare.js';
import type {
  LogRecordOut,
  MetricSeriesOut,
  QueryResult,
  SourceRef,
  TraceSummaryOut,
} from '../model/results.js';
import { normalizeSeverity, severityFromNumber } from '../model/severity.js';
import { type AnomalyCheck, analyzeTraceList, summarizeLogs, summarizeSeries } from '../model/summarize.js';
import { summarizeSpans } from '../model/trace-summary.js';
import type { UnifiedQuery } from '../model/unified-query.js';
import { entrySpans, redSeries } from './span-red.js';
import { describeLocalPlan, translateLocal } from './translate-local.js';

export interface LocalAdapterOptions {
  store: TelemetryStore;
  guardrails: Guardrails;
  name?: string;
  /** Most traces read to derive error rate / latency / throughput from spans (default 1000). */
  maxTracesForRed?: number;
  anomalyCheck?: AnomalyCheck;
  minePatterns?: PatternMiner;
}

function plainString(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export function logRecordOf(l: StoredLog): LogRecordOut {
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(attributesToPlainJson(l.attributes))) attrs[k] = plainString(v);
  return {
    timeMs: Number((l.timeUnixNano || l.observedTimeUnixNano) / 1_000_000n),
    service: serviceNameOf(l.resource),
    severity: severityFromNumber(l.severityNumber) || normalizeSeverity(l.severityText),
    body: plainString(attrValueToPlainJson(l.body)),
    attributes: attrs,
    ...(l.traceId ? { traceId: l.traceId } : {}),
    ...(l.spanId ? { spanId: l.spanId } : {}),
  };
}

export class LocalAdapter implements QueryAdapter {
  readonly signals = ['metrics', 'logs', 'traces'] as const;
  readonly source: SourceRef;

  constructor(private readonly opts: LocalAdapterOptions) {
    this.source = { name: opts.name ?? 'local', type: 'local' };
  }

  async services(): Promise<string[]> {
    return (await this.opts.store.services()).map((s) => s.name).sort();
  }

  async getTrace(traceId: string): Promise<AnalysisSpan[] | null> {
    const spans = await this.opts.store.getTrace(traceId.toLowerCase());
    return spans.length > 0 ? spans.map(toAnalysisSpan) : null;
  }

  async query(q: UnifiedQuery, ctx: QueryContext = {}): Promise<QueryResult> {
    const g = this.opts.guardrails;
    const p = prepareQuery(q, g, ctx.nowMs ?? Date.now());
    const plan = translateLocal(q, p.range, p.stepMs, p.limit, this.opts.maxTracesForRed ?? 1000);
    const base = { source: this.source, nativeQuery: describeLocalPlan(plan), range: p.range };
    const store = this.opts.store;
    switch (plan.kind) {
      case 'logs': {
        const records = (await store.findLogs(plan.query)).map(logRecordOf);
        const truncated = records.length >= plan.query.limit;
        return {
          ...base,
          signal: 'logs',
          truncated,
          warnings: p.warnings,
          records,
          patterns: (this.opts.minePatterns ?? minePatternsWithAnalysis)(records),
          summary: summarizeLogs(records),
        };
      }
      case 'traces':
      case 'trace': {
        let traces: TraceSummaryOut[];
        if (plan.kind === 'trace') {
          const spans = await this.getTrace(plan.traceId);
          traces = spans ? [summarizeSpans(plan.traceId, spans)] : [];
        } else {
          traces = (await store.findTraces(plan.query)).map((t) => ({
            traceId: t.traceId,
            rootService: t.rootService,
            rootName: t.rootName,
            startMs: Number(t.startTimeUnixNano / 1_000_000n),
            durationMs: Number(t.durationNs) / 1e6,
            spanCount: t.spanCount,
            errorCount: t.errorCount,
            services: t.services,
          }));
        }
        const truncated = plan.kind === 'traces' && traces.length >= plan.query.limit;
        return {
          ...base,
          signal: 'traces',
          truncated,
          warnings: p.warnings,
          traces,
          analysis: await analyzeTraceList(traces, (id) => this.getTrace(id)),
        };
      }
      case 'metric':
      case 'metric-candidates': {
        let name = plan.kind === 'metric' ? plan.query.name : '';
        const warnings = [...p.warnings];
        if (plan.kind === 'metric-candidates') {
          const held = new Set((await store.metricNames(q.service)).map((m) => m.name));
          const found = plan.names.find((n) => held.has(n));
          if (found === undefined) {
            return this.metricsResult(base, p, [], plan.unit, [
              ...warnings,
              `no metric among ${plan.names.join(', ')} in the store`,
            ]);
          }
          name = found;
        }
        const series = (await store.queryMetrics({ ...plan.query, name })).map((s) => ({
          labels: s.labels,
          points: s.points,
        }));
        const nativeQuery = describeLocalPlan({
          kind: 'metric',
          query: { ...plan.query, name },
          unit: plan.unit,
        });
        return this.metricsResult({ ...base, nativeQuery }, p, series, plan.unit, warnings);
      }
      case 'spans': {
        const summaries = await store.findTraces(plan.traces);
        const warnings = [...p.warnings];
        if (summaries.length >= plan.traces.limit) {
          warnings.push(
            `derived from the newest ${plan.traces.limit} traces only; earlier steps may be under-counted`,
          );
        }
        const spans: AnalysisSpan[] = [];
        for (const t of summaries) {
          const all = (await store.getTrace(t.traceId)).map(toAnalysisSpan);
          spans.push(...entrySpans(all, q.service));
        }
        const inRange = spans.filter((s) => {
          const t = Number(s.startTimeUnixNano / 1_000_000n);
          return t >= p.range.startMs && t < p.range.endMs;
        });
        const series = redSeries(inRange, plan.intent, p.range.startMs, plan.stepMs, plan.groupByService);
        return this.metricsResult(
          base,
          p,
          series,
          plan.unit,
          warnings,
          summaries.length >= plan.traces.limit,
        );
      }
    }
  }

  private metricsResult(
    base: { source: SourceRef; nativeQuery: string; range: { startMs: number; endMs: number } },
    p: { stepMs: number },
    series: MetricSeriesOut[],
    unit: string,
    warnings: string[],
    sampled = false,
  ): QueryResult {
    const capped = capItems(series, this.opts.guardrails.maxSeries);
    return {
      ...base,
      range: { ...base.range, stepMs: p.stepMs },
      signal: 'metrics',
      truncated: capped.truncated || sampled,
      warnings: capped.truncated
        ? [...warnings, `${series.length} series; kept the first ${capped.items.length}`]
        : warnings,
      unit,
      series: capped.items,
      summary: summarizeSeries(capped.items, this.opts.anomalyCheck),
    };
  }
}
