/**
 * @module get_trace: one trace's spans as an indented tree (service, operation, duration, status), with
 * attributes and events on request.
 */
import { analyzeTrace, errorMessageOf, toAnalysisSpan } from '@switchyard/analysis';
import { attributesToPlainJson, StatusCode, serviceNameOf } from '@switchyard/core';
import type { StoredSpan } from '@switchyard/store';
import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { fmtMs, isoNs, nsToMsNumber, truncate } from '../format.js';
import { apiLink } from '../tool-context.js';
import { detailField, traceIdField } from '../tool-schema.js';
import { TraceNotFoundError } from './trace-not-found.js';

export const getTraceTool = defineTool({
  name: 'get_trace',
  group: 'traces',
  title: 'Get a trace',
  description:
    "Returns one trace's spans as an indented tree in causal order: service, operation, duration and status (error messages included). detail 'full' adds span attributes and events. For where the time went, use analyze_trace.",
  input: {
    traceId: traceIdField,
    maxSpans: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(40)
      .describe('Most spans to list (default 40, max 1000); error spans are listed first when capped'),
    detail: detailField,
  },
  async run(args, ctx) {
    const traceId = args.traceId.toLowerCase();
    const spans = await ctx.reader.getTrace(traceId);
    if (spans.length === 0) throw new TraceNotFoundError(traceId);
    const analysis = analyzeTrace(spans);
    const byId = new Map(spans.map((s) => [s.spanId, s] as const));
    const ordered = analysis.spans
      .map((t) => ({ timing: t, span: byId.get(t.spanId)! }))
      .filter((x) => x.span !== undefined);
    // When capped, keep error spans and the earliest spans, then restore tree order.
    let shown = ordered;
    if (ordered.length > args.maxSpans) {
      const keep = new Set<string>();
      for (const x of ordered)
        if (x.span.status.code === StatusCode.ERROR && keep.size < args.maxSpans) keep.add(x.span.spanId);
      for (const x of ordered) if (keep.size < args.maxSpans) keep.add(x.span.spanId);
      shown = ordered.filter((x) => keep.has(x.span.spanId));
    }
    const hasMore = shown.length < ordered.length;
    const services = [...new Set(spans.map((s) => serviceNameOf(s.resource)))];
    const errors = spans.filter((s) => s.status.code === StatusCode.ERROR).length;
    const root = analysis.rootSpanId ? byId.get(analysis.rootSpanId) : undefined;
    const head = `Trace ${traceId}: ${root ? `${serviceNameOf(root.resource)} ${truncate(root.name, 80)}, ` : ''}${fmtMs(analysis.durationNs / 1e6)}, ${spans.length} spans across ${services.length} services (${services.join(', ')}), ${errors} error spans, started ${isoNs(analysis.startTimeUnixNano)}.`;
    const lines = shown.map(({ timing, span }) => {
      const err =
        span.status.code === StatusCode.ERROR
          ? ` ✗ ERROR${errorMessageOf(toAnalysisSpan(span)) ? `: ${truncate(errorMessageOf(toAnalysisSpan(span)), 160)}` : ''}`
          : '';
      return `${'  '.repeat(Math.min(timing.depth, 12))}- ${serviceNameOf(span.resource)} ${truncate(span.name, 100)} ${fmtMs(nsToMsNumber(span.endTimeUnixNano - span.startTimeUnixNano))} @+${fmtMs(timing.startOffsetNs / 1e6)} [${span.spanId}]${err}`;
    });
    if (hasMore)
      lines.push(`… ${ordered.length - shown.length} more spans (raise maxSpans or follow the link)`);
    return {
      text: [head, ...lines].join('\n'),
      data: {
        traceId,
        durationMs: analysis.durationNs / 1e6,
        spanCount: spans.length,
        services,
        errorSpanCount: errors,
        spans: shown.map(({ timing, span }) => spanData(span, timing.depth, args.detail === 'full')),
        hasMore,
      },
      link: apiLink(ctx, `/api/traces/${traceId}`),
    };
  },
});

function spanData(s: StoredSpan, depth: number, full: boolean): Record<string, unknown> {
  return {
    spanId: s.spanId,
    parentSpanId: s.parentSpanId,
    depth,
    service: serviceNameOf(s.resource),
    name: s.name,
    kind: s.kind,
    startTimeUnixNano: s.startTimeUnixNano,
    durationMs: nsToMsNumber(s.endTimeUnixNano - s.startTimeUnixNano),
    status: { code: s.status.code, message: s.status.message },
    ...(full && {
      attributes: attributesToPlainJson(s.attributes),
      resourceAttributes: attributesToPlainJson(s.resource.attributes),
      events: s.events.map((e) => ({
        name: e.name,
        timeUnixNano: e.timeUnixNano,
        attributes: attributesToPlainJson(e.attributes),
      })),
    }),
  };
}
