/**
 * @module ask: a plain-language question about the telemetry ("p99 latency of checkout-api in the last
 * 30 minutes", "error logs containing timeout") parsed deterministically by the query package's
 * `parseQuestion` and run by its LocalAdapter over the same reader as the other tools. The answer says
 * how the question was understood and the query that ran.
 */

import { SwitchyardError } from '@switchyard/core';
import { DEFAULT_GUARDRAILS, LocalAdapter, parseQuestion, type QueryResult } from '@switchyard/query';
import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { fmtMs, isoMs, num, pct, truncate } from '../format.js';
import { readOnlyStore } from '../read-only-store.js';
import { apiLink, type ToolContext } from '../tool-context.js';
import type { ToolOutput } from '../tool-result.js';
import { labelText } from './metric-series.js';

/** Which tool's permission a signal needs: `ask` never returns data a disabled tool would withhold. */
const TOOL_FOR_SIGNAL = { metrics: 'query_metrics', logs: 'query_logs', traces: 'query_traces' } as const;

export const askTool = defineTool({
  name: 'ask',
  group: 'general',
  title: 'Ask a question',
  description:
    'Answers a plain-language question about the telemetry, e.g. "error rate of checkout-api in the last 30 minutes", "p99 latency of inventory since 14:00", "error logs containing timeout", "slow traces of frontend". Says how it understood the question and the query it ran. Understands error rate, latency percentiles, throughput, CPU/memory, logs by text or severity, slow or failed traces, per service; times like "last hour", "past 30 minutes", "yesterday". For anything else use the specific tools.',
  input: {
    question: z.string().min(3).max(500).describe('The question, in English'),
    limit: z
      .number()
      .int()
      .min(1)
      .max(50)
      .default(10)
      .describe('Most records, traces or series to list (default 10, max 50)'),
  },
  async run(args, ctx) {
    const services = (await ctx.reader.services()).map((s) => s.name);
    const nowMs = Number(ctx.now() / 1_000_000n);
    const parsed = parseQuestion(args.question, { services, now: nowMs });
    if (!parsed.ok) {
      throw new SwitchyardError('QUESTION_NOT_UNDERSTOOD', parsed.error, {
        ...(parsed.suggestions.length > 0 && {
          hint: `try: ${parsed.suggestions.map((s) => `"${s}"`).join(', ')}`,
        }),
      });
    }
    const signal = parsed.query.signal;
    if (!ctx.isEnabled(TOOL_FOR_SIGNAL[signal]))
      throw new SwitchyardError(
        'TOOL_DISABLED',
        `the question needs ${signal}, and the ${TOOL_FOR_SIGNAL[signal]} tool is disabled on this server`,
      );
    const adapter = new LocalAdapter({ store: readOnlyStore(ctx.reader), guardrails: DEFAULT_GUARDRAILS });
    const result = await adapter.query(parsed.query, { nowMs });
    return renderAnswer(result, `Understood as: ${parsed.explanation}.`, args.limit, ctx);
  },
});

/** The answer as a compact digest plus structured data (also used by the source-backed `ask`). */
export function renderAnswer(
  r: QueryResult,
  understood: string,
  limit: number,
  ctx: ToolContext,
): ToolOutput {
  const head = [understood, `Ran on ${r.source.name} (${r.source.type}): ${truncate(r.nativeQuery, 300)}`];
  if (r.warnings.length > 0) head.push(`Warnings: ${r.warnings.join('; ')}`);
  const range = { start: String(r.range.startMs), end: String(r.range.endMs) };
  const common = {
    source: r.source,
    nativeQuery: r.nativeQuery,
    range: r.range,
    warnings: r.warnings,
    truncated: r.truncated,
  };
  switch (r.signal) {
    case 'metrics': {
      const s = r.summary;
      const unit = r.unit ? ` ${r.unit}` : '';
      const lines = [
        s.current === null
          ? 'No data points in this range.'
          : `current ${num(s.current)}${unit}, average ${num(s.average ?? Number.NaN)}, min ${num(s.min ?? Number.NaN)}, max ${num(s.max ?? Number.NaN)}, trend ${s.trend}${s.anomalyDetected ? ', ANOMALY detected' : ''} (${r.series.length} series)`,
        ...r.series.slice(0, limit).map((x) => {
          const last = x.points[x.points.length - 1];
          return `- ${labelText(x.labels)}: last ${last ? num(last[1]) : '-'} (${x.points.length} points)`;
        }),
      ];
      return {
        text: [...head, ...lines].join('\n'),
        data: {
          signal: 'metrics',
          ...common,
          unit: r.unit,
          summary: s,
          series: r.series.slice(0, limit).map((x) => ({ labels: x.labels, points: x.points.slice(-20) })),
          hasMore: r.series.length > limit || r.truncated,
        },
        link: apiLink(ctx, '/api/services'),
      };
    }
    case 'logs': {
      const by = (m: Record<string, number>) =>
        Object.entries(m)
          .sort((a, b) => b[1] - a[1])
          .map(([k, n]) => `${k} ${n}`)
          .join(', ');
      const lines = [
        `${r.summary.total} records. By severity: ${by(r.summary.bySeverity) || '-'}. By service: ${by(r.summary.byService) || '-'}.`,
        ...r.records
          .slice(0, limit)
          .map(
            (l) =>
              `- ${isoMs(l.timeMs)} ${l.severity.toUpperCase() || '-'} ${l.service}: ${truncate(l.body, 200)}${l.traceId ? ` (trace ${l.traceId})` : ''}`,
          ),
        ...(r.patterns.length > 0
          ? ['Patterns:', ...r.patterns.slice(0, 5).map((p) => `- ${p.count}× ${truncate(p.pattern, 160)}`)]
          : []),
      ];
      return {
        text: [...head, ...lines].join('\n'),
        data: {
          signal: 'logs',
          ...common,
          summary: r.summary,
          records: r.records.slice(0, limit).map((l) => ({ ...l, body: truncate(l.body, 500) })),
          patterns: r.patterns.slice(0, 10),
          hasMore: r.records.length > limit || r.truncated,
        },
        link: apiLink(ctx, '/api/logs', range),
      };
    }
    case 'traces': {
      const a = r.analysis;
      const lines = [
        `${a.count} traces${a.errorTraces !== null ? `, ${a.errorTraces} with errors (${a.count > 0 ? pct(a.errorTraces / a.count) : '-'})` : ''}; duration p50 ${a.durationMs.p50 === null ? '-' : fmtMs(a.durationMs.p50)}, p95 ${a.durationMs.p95 === null ? '-' : fmtMs(a.durationMs.p95)}, max ${a.durationMs.max === null ? '-' : fmtMs(a.durationMs.max)}.`,
        ...(a.bottleneck
          ? [
              `Bottleneck of the slowest trace (${a.slowestTraceId}): ${a.bottleneck.service} "${truncate(a.bottleneck.name, 80)}", ${pct(a.bottleneck.share)} of its critical path.`,
            ]
          : []),
        ...(a.errorOrigin
          ? [
              `Error origin: ${a.errorOrigin.service} "${truncate(a.errorOrigin.name, 80)}": ${truncate(a.errorOrigin.message, 160)}`,
            ]
          : []),
        ...r.traces
          .slice(0, limit)
          .map(
            (t) =>
              `- ${t.traceId} ${fmtMs(t.durationMs)} ${t.rootService}: ${truncate(t.rootName, 80)}${t.errorCount ? ` · ${t.errorCount} errors` : ''}`,
          ),
      ];
      return {
        text: [...head, ...lines].join('\n'),
        data: {
          signal: 'traces',
          ...common,
          analysis: a,
          traces: r.traces.slice(0, limit),
          hasMore: r.traces.length > limit || r.truncated,
        },
        link: apiLink(ctx, '/api/traces', range),
      };
    }
  }
}
