/**
 * @module compare_traces: what sets slow or failed traces apart from the rest — the attribute values
 * (service, operation, route, host, version …) most over-represented in the selection.
 */
import {
  type AnalysisSpan,
  compareSpans,
  compareTraces,
  isErrorSpan,
  splitTraces,
} from '@switchyard/analysis';
import type { StoredSpan } from '@switchyard/store';
import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { fmtMs, nsToMsNumber, pct, truncate } from '../format.js';
import { apiLink } from '../tool-context.js';
import { endField, limitField, parseRange, serviceField, startField } from '../tool-schema.js';

/** Trace fetches in flight at once (each is one store read or one hub API request). */
const CONCURRENCY = 8;

export const compareTracesTool = defineTool({
  name: 'compare_traces',
  group: 'analysis',
  title: 'Compare slow or failed traces with the rest',
  description:
    "Samples recent traces, splits them into a selection (failed traces, or slow ones: at or above a duration threshold, default the sample's p90) and a baseline (the rest), and lists the attribute values most over-represented in the selection — e.g. which service, route, host or version the failures share. unit 'span' compares individual spans instead of whole traces.",
  input: {
    by: z
      .enum(['errors', 'slow'])
      .default('errors')
      .describe("'errors' (default): failed vs. successful; 'slow': slow vs. fast"),
    service: serviceField,
    operation: z.string().min(1).max(500).optional().describe('Only traces with a span of this name'),
    slowThresholdMs: z
      .number()
      .positive()
      .optional()
      .describe(
        "For by='slow': duration from which a trace (or span) counts as slow (default: p90 of the sample)",
      ),
    unit: z
      .enum(['trace', 'span'])
      .default('trace')
      .describe('Compare whole traces (default) or individual spans'),
    start: startField('now-1h'),
    end: endField,
    sampleSize: z
      .number()
      .int()
      .min(10)
      .max(500)
      .default(150)
      .describe('Traces to sample, newest first (default 150, max 500)'),
    limit: limitField(10, 50, 'differences'),
  },
  async run(args, ctx) {
    const { startNs, endNs } = parseRange(args.start, args.end, ctx.now());
    const summaries = await ctx.reader.findTraces({
      ...(args.service !== undefined && { service: args.service }),
      ...(args.operation !== undefined && { operation: args.operation }),
      startNs,
      endNs,
      limit: args.sampleSize,
    });
    const traces = (await mapLimit(summaries, CONCURRENCY, (t) => ctx.reader.getTrace(t.traceId))).filter(
      (t) => t.length > 0,
    );
    const durationMs = (t: readonly StoredSpan[]): number => {
      let lo = t[0]!.startTimeUnixNano;
      let hi = t[0]!.endTimeUnixNano;
      for (const s of t) {
        if (s.startTimeUnixNano < lo) lo = s.startTimeUnixNano;
        if (s.endTimeUnixNano > hi) hi = s.endTimeUnixNano;
      }
      return nsToMsNumber(hi - lo);
    };
    const spanMs = (s: AnalysisSpan): number => nsToMsNumber(s.endTimeUnixNano - s.startTimeUnixNano);
    let threshold: number | undefined;
    if (args.by === 'slow') {
      const ds = (
        args.unit === 'trace'
          ? traces.map(durationMs)
          : traces.flat().map((s) => nsToMsNumber(s.endTimeUnixNano - s.startTimeUnixNano))
      ).sort((a, b) => a - b);
      threshold = args.slowThresholdMs ?? ds[Math.floor(ds.length * 0.9)] ?? 0;
    }
    const cut = threshold ?? 0;
    const opts = { limit: args.limit };
    let selectionCount: number;
    let baselineCount: number;
    let diffs: ReturnType<typeof compareTraces>;
    if (args.unit === 'trace') {
      const { selection, baseline } = splitTraces(traces, (t) =>
        args.by === 'errors' ? t.some((s) => s.status.code === 2) : durationMs(t) >= cut,
      );
      selectionCount = selection.length;
      baselineCount = baseline.length;
      diffs = compareTraces(selection, baseline, opts);
    } else {
      const spans = traces.flat();
      const isSelected = args.by === 'errors' ? isErrorSpan : (s: AnalysisSpan) => spanMs(s) >= cut;
      diffs = compareSpans(spans, isSelected, opts);
      selectionCount = 0;
      baselineCount = 0;
      // Count the split the same way compareSpans makes it, for the summary line.
      for (const s of spans) {
        const selected =
          args.by === 'errors'
            ? s.status.code === 2
            : nsToMsNumber(s.endTimeUnixNano - s.startTimeUnixNano) >= cut;
        if (selected) selectionCount++;
        else baselineCount++;
      }
    }
    const what = args.by === 'errors' ? 'failed' : `slow (≥ ${fmtMs(cut)})`;
    const units = `${args.unit}s`;
    const head =
      traces.length === 0
        ? 'No traces in this range to compare.'
        : selectionCount === 0
          ? `Sampled ${traces.length} traces: none ${args.unit === 'trace' ? '' : 'of their spans '}${args.by === 'errors' ? 'failed' : 'were slow'}; nothing to compare.`
          : `Sampled ${traces.length} traces: ${selectionCount} ${what} ${units} vs ${baselineCount} others. Most over-represented in the ${what} ${units}:`;
    const lines = diffs.map(
      (d) =>
        `- ${d.key}=${truncate(d.value, 120)}: ${pct(d.selectionShare, 0)} of ${what} vs ${pct(d.baselineShare, 0)} of others (lift ${d.lift.toFixed(1)}×)`,
    );
    if (selectionCount > 0 && diffs.length === 0) lines.push('No attribute value stands out.');
    return {
      text: [head, ...lines].join('\n'),
      data: {
        by: args.by,
        unit: args.unit,
        sampledTraces: traces.length,
        selectionCount,
        baselineCount,
        ...(threshold !== undefined && { slowThresholdMs: threshold }),
        differences: diffs,
        hasMore: summaries.length >= args.sampleSize || diffs.length >= args.limit,
      },
      link: apiLink(ctx, '/api/traces', {
        service: args.service,
        operation: args.operation,
        status: args.by === 'errors' ? 'error' : undefined,
        minDurationMs: args.by === 'slow' && args.unit === 'trace' ? cut : undefined,
        start: args.start,
        end: args.end,
      }),
    };
  },
});

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
