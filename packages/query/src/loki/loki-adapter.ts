/**
 * @module Loki adapter: LogQL over `query_range` (newest first), patterns from
 * `/loki/api/v1/patterns`, services from the service label's values.
 */
import type { AnalysisSpan } from '@switchyard/analysis';
import type { QueryAdapter, QueryContext } from '../adapter.js';
import { asArray, asRecord, badShape, isRecord, num, str, stringRecord } from '../http/json-shape.js';
import type { AdapterDeps } from '../model/adapter-deps.js';
import type { PatternMiner } from '../model/log-patterns.js';
import { prepareQuery } from '../model/prepare.js';
import type { LogPatternOut, LogRecordOut, LogsResult, SourceRef } from '../model/results.js';
import { normalizeSeverity } from '../model/severity.js';
import { summarizeLogs } from '../model/summarize.js';
import type { UnifiedQuery } from '../model/unified-query.js';
import { promData } from '../prometheus/prometheus-response.js';
import { type LogQLOptions, lokiSelector, translateLogQL } from './translate-logql.js';

export interface LokiAdapterOptions extends AdapterDeps, LogQLOptions {
  /** Fallback pattern mining when the patterns endpoint is unavailable. */
  minePatterns?: PatternMiner;
}

const LEVEL_KEYS = ['detected_level', 'level', 'severity_text', 'severity', 'lvl'];
const SERVICE_KEYS = ['service_name', 'service', 'app', 'job'];
const ns = (ms: number): string => `${Math.round(ms)}000000`;

export class LokiAdapter implements QueryAdapter {
  readonly signals = ['logs'] as const;
  readonly source: SourceRef;

  constructor(private readonly deps: LokiAdapterOptions) {
    this.source = deps.source;
  }

  async services(): Promise<string[]> {
    const label = this.deps.serviceLabel ?? 'service_name';
    const body = await this.deps.http.json({
      path: `/loki/api/v1/label/${encodeURIComponent(label)}/values`,
    });
    return asArray(promData(body, 'loki label values').data ?? [], 'loki label values')
      .map(str)
      .sort();
  }

  async getTrace(_traceId: string): Promise<AnalysisSpan[] | null> {
    return null;
  }

  /** Patterns Loki detected for the selector (needs the pattern ingester). */
  async patterns(selector: string, startMs: number, endMs: number, stepMs: number): Promise<LogPatternOut[]> {
    const body = await this.deps.http.json({
      path: '/loki/api/v1/patterns',
      params: {
        query: selector,
        start: ns(startMs),
        end: ns(endMs),
        step: `${Math.max(1, Math.round(stepMs / 1000))}s`,
      },
    });
    const r = asRecord(body, 'loki patterns');
    const list = Array.isArray(r.data) ? r.data : [];
    return list
      .map((x): LogPatternOut => {
        const p = asRecord(x, 'loki pattern');
        const samples = Array.isArray(p.samples) ? p.samples : [];
        let count = 0;
        for (const s of samples) if (Array.isArray(s)) count += num(s[1]) || 0;
        return { pattern: str(p.pattern), count };
      })
      .sort((a, b) => b.count - a.count);
  }

  async query(q: UnifiedQuery, ctx: QueryContext = {}): Promise<LogsResult> {
    const p = prepareQuery(q, this.deps.guardrails, ctx.nowMs ?? Date.now());
    const logql = translateLogQL(q, this.deps);
    const body = await this.deps.http.json({
      path: '/loki/api/v1/query_range',
      params: {
        query: logql,
        start: ns(p.range.startMs),
        end: ns(p.range.endMs),
        limit: p.limit,
        direction: 'backward',
      },
    });
    const { data, warnings: lokiWarnings } = promData(body, 'loki query_range');
    const d = asRecord(data, 'loki query_range');
    if (str(d.resultType) !== 'streams') {
      throw badShape(
        'loki query_range',
        `resultType '${str(d.resultType)}' (expected a log query, not a metric query)`,
      );
    }
    const records: LogRecordOut[] = [];
    for (const item of asArray(d.result, 'loki result')) {
      const s = asRecord(item, 'loki stream');
      const stream = stringRecord(s.stream);
      for (const v of asArray(s.values, 'loki values')) {
        const [t, line, meta] = asArray(v, 'loki value');
        const attributes = {
          ...stream,
          ...(isRecord(meta) ? stringRecord(meta.structuredMetadata ?? meta) : {}),
        };
        records.push(toRecord(num(t), str(line), attributes));
      }
    }
    records.sort((a, b) => b.timeMs - a.timeMs);
    const truncated = records.length >= p.limit;
    const kept = records.slice(0, p.limit);
    const warnings = [...p.warnings, ...lokiWarnings];
    if (truncated) warnings.push(`reached the limit of ${p.limit} records; older records were not fetched`);
    let patterns: LogPatternOut[] = [];
    if (!q.native) {
      try {
        patterns = await this.patterns(lokiSelector(q, this.deps), p.range.startMs, p.range.endMs, p.stepMs);
      } catch (err) {
        warnings.push(
          `patterns endpoint unavailable (${(err as Error).message}); mined from the records instead`,
        );
        patterns = this.deps.minePatterns?.(kept) ?? [];
      }
    }
    return {
      signal: 'logs',
      source: this.source,
      nativeQuery: logql,
      range: p.range,
      truncated,
      warnings,
      records: kept,
      patterns,
      summary: summarizeLogs(kept),
    };
  }
}

function toRecord(tNs: number, line: string, attributes: Record<string, string>): LogRecordOut {
  const service =
    SERVICE_KEYS.map((k) => attributes[k]).find((v) => v !== undefined && v !== '') ?? 'unknown_service';
  const level = LEVEL_KEYS.map((k) => attributes[k]).find((v) => v !== undefined && v !== '') ?? '';
  const traceId = attributes.trace_id ?? attributes.traceid;
  const spanId = attributes.span_id ?? attributes.spanid;
  return {
    timeMs: Math.floor(tNs / 1e6),
    service,
    severity: normalizeSeverity(level),
    body: line,
    attributes,
    ...(traceId ? { traceId } : {}),
    ...(spanId ? { spanId } : {}),
  };
}
