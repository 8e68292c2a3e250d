/**
 * @module analyze_trace: where one trace's time went (critical path, bottleneck, self time by service),
 * where its error started, N+1 / fan-out patterns, and a text waterfall.
 */
import { analyzeTrace, renderWaterfall } from '@switchyard/analysis';
import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { fmtMs, pct, truncate } from '../format.js';
import { apiLink } from '../tool-context.js';
import { traceIdField } from '../tool-schema.js';
import { TraceNotFoundError } from './trace-not-found.js';

export const analyzeTraceTool = defineTool({
  name: 'analyze_trace',
  group: 'analysis',
  title: 'Analyze a trace',
  description:
    'Explains one trace: the bottleneck on the critical path (the span whose own time delays the response most), self time by service, the span where an error originated, N+1 query and fan-out patterns, and a compact text waterfall (B = bottleneck, * = critical path, ! = error).',
  input: {
    traceId: traceIdField,
    waterfall: z.boolean().default(true).describe('Include the text waterfall (default true)'),
    maxLines: z
      .number()
      .int()
      .min(5)
      .max(300)
      .default(40)
      .describe('Most waterfall rows (default 40, max 300); similar siblings collapse'),
    width: z
      .number()
      .int()
      .min(60)
      .max(200)
      .default(100)
      .describe('Waterfall line width in characters (default 100)'),
  },
  async run(args, ctx) {
    const traceId = args.traceId.toLowerCase();
    const spans = await ctx.reader.getTrace(traceId);
    if (spans.length === 0) throw new TraceNotFoundError(traceId);
    const a = analyzeTrace(spans);
    const lines: string[] = [
      `Trace ${traceId}: ${fmtMs(a.durationNs / 1e6)}, ${a.spanCount} spans, ${a.serviceCount} services.`,
    ];
    if (a.bottleneck)
      lines.push(
        `Bottleneck: ${a.bottleneck.service} "${truncate(a.bottleneck.name, 100)}" — ${fmtMs(a.bottleneck.selfOnPathNs / 1e6)} of its own time, ${pct(a.bottleneck.share)} of the critical path (span ${a.bottleneck.spanId}).`,
      );
    const top = a.selfTimeByService.slice(0, 4).map((s) => `${s.service} ${pct(s.share, 0)}`);
    if (top.length > 0) lines.push(`Self time by service: ${top.join(', ')}.`);
    if (a.errorOrigin)
      lines.push(
        `Error origin: ${a.errorOrigin.service} "${truncate(a.errorOrigin.name, 100)}"${a.errorOrigin.message ? `: ${truncate(a.errorOrigin.message, 200)}` : ''} (span ${a.errorOrigin.spanId}; ${a.errorOrigin.errorSpanCount} error spans, ${a.errorOrigin.chain.length - 1} ancestors affected).`,
      );
    else lines.push('No span has error status.');
    for (const p of a.patterns.slice(0, 5))
      lines.push(
        `${p.kind === 'n_plus_one' ? 'N+1' : 'Fan-out'}: ${p.parentService} "${truncate(p.parentName, 60)}" calls ${p.service} "${truncate(p.name, 60)}" ${p.count}× (${fmtMs(p.totalNs / 1e6)} summed, ${fmtMs(p.wallNs / 1e6)} wall, up to ${p.maxConcurrency} at once).`,
      );
    if (a.orphans.length > 0) lines.push(`${a.orphans.length} spans have a missing parent.`);
    if (a.clockSkewAdjustments.length > 0)
      lines.push(`${a.clockSkewAdjustments.length} spans were corrected for clock skew.`);
    if (args.waterfall)
      lines.push('', renderWaterfall(spans, a, { width: args.width, maxLines: args.maxLines, ascii: true }));
    return {
      text: lines.join('\n'),
      data: {
        traceId,
        durationMs: a.durationNs / 1e6,
        spanCount: a.spanCount,
        serviceCount: a.serviceCount,
        criticalPathMs: a.criticalPathNs / 1e6,
        bottleneck: a.bottleneck && {
          spanId: a.bottleneck.spanId,
          service: a.bottleneck.service,
          name: a.bottleneck.name,
          share: a.bottleneck.share,
          selfOnPathMs: a.bottleneck.selfOnPathNs / 1e6,
          durationMs: a.bottleneck.durationNs / 1e6,
        },
        errorOrigin: a.errorOrigin,
        selfTimeByService: a.selfTimeByService.slice(0, 10).map((s) => ({
          service: s.service,
          selfMs: s.selfNs / 1e6,
          share: s.share,
          spanCount: s.spanCount,
        })),
        criticalPath: a.criticalPath.slice(0, 20).map((c) => ({
          spanId: c.spanId,
          service: c.service,
          name: c.name,
          selfOnPathMs: c.selfOnPathNs / 1e6,
          share: c.share,
        })),
        patterns: a.patterns.slice(0, 10).map((p) => ({
          kind: p.kind,
          parentService: p.parentService,
          parentName: p.parentName,
          service: p.service,
          name: p.name,
          count: p.count,
          totalMs: p.totalNs / 1e6,
          wallMs: p.wallNs / 1e6,
        })),
        orphanCount: a.orphans.length,
        hasMore: a.criticalPath.length > 20 || a.patterns.length > 10,
      },
      link: apiLink(ctx, `/api/traces/${traceId}`),
    };
  },
});
