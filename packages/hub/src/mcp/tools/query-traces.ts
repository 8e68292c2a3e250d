/**
 * @module query_traces: finds traces by service, operation, status, duration and attributes, newest first.
 */
import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { fmtMs, isoNs, nsToMsNumber, truncate } from '../format.js';
import { apiLink } from '../tool-context.js';
import {
  attributesField,
  detailField,
  endField,
  limitField,
  parseRange,
  serviceField,
  startField,
} from '../tool-schema.js';

export const queryTracesTool = defineTool({
  name: 'query_traces',
  group: 'traces',
  title: 'Find traces',
  description:
    'Finds traces (newest first) where some span is from a service, has an operation name, an error status, a duration in a range, or carries attributes. Returns trace ids for get_trace / analyze_trace.',
  input: {
    service: serviceField,
    operation: z
      .string()
      .min(1)
      .max(500)
      .optional()
      .describe('Span name some span of the trace has, e.g. "GET /cart"'),
    status: z.enum(['ok', 'error']).optional().describe("'error': some span failed; 'ok': none did"),
    minDurationMs: z.number().nonnegative().optional().describe('Least trace duration in milliseconds'),
    maxDurationMs: z.number().nonnegative().optional().describe('Greatest trace duration in milliseconds'),
    attributes: attributesField,
    start: startField('now-1h'),
    end: endField,
    limit: limitField(10, 100, 'traces'),
    detail: detailField,
  },
  async run(args, ctx) {
    const { startNs, endNs } = parseRange(args.start, args.end, ctx.now());
    const found = await ctx.reader.findTraces({
      ...(args.service !== undefined && { service: args.service }),
      ...(args.operation !== undefined && { operation: args.operation }),
      ...(args.status !== undefined && { status: args.status }),
      ...(args.minDurationMs !== undefined && {
        minDurationNs: BigInt(Math.round(args.minDurationMs * 1e6)),
      }),
      ...(args.maxDurationMs !== undefined && {
        maxDurationNs: BigInt(Math.round(args.maxDurationMs * 1e6)),
      }),
      ...(args.attributes !== undefined && { attributes: args.attributes }),
      startNs,
      endNs,
      // One more than asked tells whether there are more.
      limit: args.limit + 1,
    });
    const hasMore = found.length > args.limit;
    const traces = found.slice(0, args.limit);
    const durations = traces.map((t) => nsToMsNumber(t.durationNs)).sort((a, b) => a - b);
    const failed = traces.filter((t) => t.errorCount > 0).length;
    const head =
      traces.length === 0
        ? 'No traces match.'
        : `${traces.length}${hasMore ? '+' : ''} traces; ${failed} with errors; duration median ${fmtMs(durations[Math.floor(durations.length / 2)] ?? 0)}, max ${fmtMs(durations[durations.length - 1] ?? 0)}.`;
    const lines = traces.map(
      (t) =>
        `- ${t.traceId} ${fmtMs(nsToMsNumber(t.durationNs))} ${t.rootService}: ${truncate(t.rootName, 80)} · ${t.spanCount} spans${t.errorCount > 0 ? ` · ${t.errorCount} errors` : ''}${args.detail === 'full' ? ` · ${isoNs(t.startTimeUnixNano)} · services ${t.services.join(', ')}` : ''}`,
    );
    return {
      text: [head, ...lines].join('\n'),
      data: {
        traces: traces.map((t) => ({
          traceId: t.traceId,
          rootService: t.rootService,
          rootName: t.rootName,
          startTimeUnixNano: t.startTimeUnixNano,
          durationMs: nsToMsNumber(t.durationNs),
          spanCount: t.spanCount,
          errorCount: t.errorCount,
          services: t.services,
        })),
        hasMore,
      },
      link: apiLink(ctx, '/api/traces', {
        service: args.service,
        operation: args.operation,
        status: args.status,
        minDurationMs: args.minDurationMs,
        maxDurationMs: args.maxDurationMs,
        start: args.start,
        end: args.end,
        limit: args.limit,
        ...Object.fromEntries(Object.entries(args.attributes ?? {}).map(([k, v]) => [`attr.${k}`, v])),
      }),
    };
  },
});
