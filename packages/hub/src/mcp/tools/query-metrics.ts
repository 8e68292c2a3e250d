/**
 * @module query_metrics: a metric's series over a time range, aggregated per step, summarised as
 * current / average / min / max / trend with an anomaly flag; without a name, the metric names.
 */
import { detectAnomalies } from '@switchyard/analysis';
import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { num } from '../format.js';
import { apiLink, type ToolContext } from '../tool-context.js';
import type { ToolOutput } from '../tool-result.js';
import { attributesField, detailField, endField, serviceField, startField } from '../tool-schema.js';
import { aggField, fetchMetricSeries, labelText, seriesStats, stepField, thin } from './metric-series.js';

export const queryMetricsTool = defineTool({
  name: 'query_metrics',
  group: 'metrics',
  title: 'Query metrics',
  description:
    'Returns a metric over a time range, aggregated per step, one series per label set (service and point attributes), each summarised as current, average, min, max, trend and whether an anomaly was detected. Without `name`, lists the metric names (with type, unit and services) to choose from.',
  input: {
    name: z
      .string()
      .min(1)
      .max(300)
      .optional()
      .describe('Metric name, e.g. http.server.request.duration; omit to list metric names'),
    service: serviceField,
    attributes: attributesField,
    agg: aggField,
    step: stepField,
    start: startField('now-1h'),
    end: endField,
    maxSeries: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(10)
      .describe('Most series to return (default 10, max 100), largest average first'),
    maxPoints: z
      .number()
      .int()
      .min(2)
      .max(1000)
      .default(60)
      .describe("Most points per series in 'full' detail (default 60, max 1000)"),
    detail: detailField,
  },
  async run(args, ctx) {
    if (args.name === undefined) return listNames(ctx, args.service, args.maxSeries * 10);
    const name = args.name;
    const { stepMs, descriptor, chosen } = await fetchMetricSeries(ctx, { ...args, name }, 60);
    const withStats = chosen.series
      .map((s) => ({ s, stats: seriesStats(s.points) }))
      .sort(
        (a, b) =>
          (b.stats?.average ?? Number.NEGATIVE_INFINITY) - (a.stats?.average ?? Number.NEGATIVE_INFINITY),
      );
    const shown = withStats.slice(0, args.maxSeries);
    const hasMore = withStats.length > shown.length;
    const unit = descriptor.unit ? ` ${descriptor.unit}` : '';
    const head =
      withStats.length === 0
        ? `No data for ${name} (${descriptor.type}) in this range.`
        : `${name} (${descriptor.type}${unit}), agg ${chosen.agg} (${chosen.why}), step ${stepMs / 1000}s: ${withStats.length} series${hasMore ? `, showing ${shown.length}` : ''}.`;
    const series = shown.map(({ s, stats }) => {
      const anomalies = detectAnomalies(s.points.map(([t, v]) => ({ t, v }))).events;
      return { s, stats, anomalies };
    });
    const lines = series.map(({ s, stats, anomalies }) =>
      stats
        ? `- ${labelText(s.labels)}: current ${num(stats.current)}, avg ${num(stats.average)}, min ${num(stats.min)}, max ${num(stats.max)}, ${stats.trend}${anomalies.length > 0 ? `, ANOMALY (${anomalies.map((e) => `${e.kind} ${e.severity}`).join('; ')})` : ''}`
        : `- ${labelText(s.labels)}: no finite values`,
    );
    return {
      text: [head, ...lines].join('\n'),
      data: {
        name,
        type: descriptor.type,
        unit: descriptor.unit,
        agg: chosen.agg,
        stepMs,
        series: series.map(({ s, stats, anomalies }) => ({
          labels: s.labels,
          summary: stats && { ...stats, anomalyDetected: anomalies.length > 0 },
          ...(args.detail === 'full' && {
            points: thin(s.points, args.maxPoints),
            pointsThinned: s.points.length > args.maxPoints,
          }),
        })),
        hasMore,
      },
      link: apiLink(ctx, '/api/metrics', {
        name,
        service: args.service,
        agg: chosen.agg,
        step: `${stepMs}`,
        start: args.start,
        end: args.end,
        ...Object.fromEntries(Object.entries(args.attributes ?? {}).map(([k, v]) => [`attr.${k}`, v])),
      }),
    };
  },
});

async function listNames(ctx: ToolContext, service: string | undefined, max: number): Promise<ToolOutput> {
  const all = (await ctx.reader.metricNames(service)).sort((a, b) => a.name.localeCompare(b.name));
  const shown = all.slice(0, max);
  const lines = shown.map(
    (m) =>
      `- ${m.name} (${m.type}${m.unit ? `, ${m.unit}` : ''}) ${m.services.slice(0, 6).join(', ')}${m.services.length > 6 ? ', …' : ''}`,
  );
  return {
    text: [`${all.length} metrics${service ? ` for ${service}` : ''}; pass one as name:`, ...lines].join(
      '\n',
    ),
    data: { metrics: shown, hasMore: all.length > shown.length },
    link: apiLink(ctx, '/api/metrics/names', { service }),
  };
}
