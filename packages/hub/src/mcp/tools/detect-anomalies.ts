/**
 * @module detect_anomalies: runs the streaming anomaly detector over a metric's series and reports the
 * anomalous stretches (spikes, dips, level shifts …) with their peak and the expected range.
 */
import { detectAnomalies, SENSITIVITIES } from '@switchyard/analysis';
import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { isoMs, num } from '../format.js';
import { apiLink } from '../tool-context.js';
import { attributesField, endField, serviceField, startField } from '../tool-schema.js';
import { aggField, fetchMetricSeries, labelText, stepField } from './metric-series.js';

export const detectAnomaliesTool = defineTool({
  name: 'detect_anomalies',
  group: 'analysis',
  title: 'Detect metric anomalies',
  description:
    'Runs an anomaly detector (robust baseline, seasonality-aware) over each series of a metric and reports anomalous stretches: kind (spike, dip, level_shift, trend_change, variance_change, seasonal_break), severity, when, the peak value and the range that was expected. Use on latency (p95/p99), error or request rates.',
  input: {
    name: z
      .string()
      .min(1)
      .max(300)
      .describe('Metric name, e.g. http.server.request.duration (list them with query_metrics)'),
    service: serviceField,
    attributes: attributesField,
    agg: aggField,
    step: stepField,
    start: startField('now-1h'),
    end: endField,
    sensitivity: z
      .enum(SENSITIVITIES as unknown as ['low', 'medium', 'high'])
      .default('medium')
      .describe('low reports only the clearest anomalies, high reports more (default medium)'),
    maxSeries: z
      .number()
      .int()
      .min(1)
      .max(50)
      .default(10)
      .describe('Most series to scan (default 10, max 50)'),
    limit: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(10)
      .describe('Most anomaly events to list (default 10, max 100), most severe first'),
  },
  async run(args, ctx) {
    // The detector needs a baseline: aim for ~120 points over the range.
    const name = args.name;
    const { stepMs, chosen } = await fetchMetricSeries(ctx, { ...args, name }, 120);
    const scanned = chosen.series.slice(0, args.maxSeries);
    const severityRank = { critical: 3, high: 2, medium: 1, low: 0 } as const;
    const events = scanned
      .flatMap((s) =>
        detectAnomalies(
          s.points.map(([t, v]) => ({ t, v })),
          { sensitivity: args.sensitivity },
        ).events.map((e) => ({ labels: s.labels, points: s.points.length, e })),
      )
      .sort(
        (a, b) => severityRank[b.e.severity] - severityRank[a.e.severity] || b.e.peak.score - a.e.peak.score,
      );
    const shown = events.slice(0, args.limit);
    const hasMore = events.length > shown.length || chosen.series.length > scanned.length;
    const few = scanned.filter((s) => s.points.length < 20).length;
    const head = `${name} agg ${chosen.agg} (${chosen.why}), step ${stepMs / 1000}s, ${scanned.length} series scanned, sensitivity ${args.sensitivity}: ${events.length === 0 ? 'no anomalies detected.' : `${events.length} anomalous stretches.`}${few > 0 ? ` (${few} series had under 20 points; the detector needs history for a baseline — widen the range or shorten the step.)` : ''}`;
    const lines = shown.map(
      ({ labels, e }) =>
        `- ${e.severity} ${e.kind} ${labelText(labels)} ${isoMs(e.start)} → ${e.open ? 'ongoing' : isoMs(e.end)}: peak ${num(e.peak.value)} at ${isoMs(e.peak.t)}, expected ${num(e.expected.low)}..${num(e.expected.high)}`,
    );
    return {
      text: [head, ...lines].join('\n'),
      data: {
        name,
        agg: chosen.agg,
        stepMs,
        seriesScanned: scanned.length,
        events: shown.map(({ labels, e }) => ({ labels, ...e })),
        hasMore,
      },
      link: apiLink(ctx, '/api/metrics', {
        name,
        service: args.service,
        agg: chosen.agg,
        step: `${stepMs}`,
        start: args.start,
        end: args.end,
      }),
    };
  },
});
