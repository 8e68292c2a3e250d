/**
 * @module Shared metric helpers for query_metrics and detect_anomalies: the aggregation to use when none
 * is given (by metric type and shape), a step that keeps a series small, and series statistics.
 */
import { ParameterError, SwitchyardError } from '@switchyard/core';
import type { MetricAggregation, MetricDescriptor, MetricSeries } from '@switchyard/store';
import { z } from 'zod';
import type { ToolContext } from '../tool-context.js';
import { parseRange } from '../tool-schema.js';

export const AGGREGATIONS = [
  'value',
  'rate',
  'sum',
  'avg',
  'min',
  'max',
  'count',
  'p50',
  'p90',
  'p95',
  'p99',
] as const;

export const aggField = z
  .enum(AGGREGATIONS)
  .optional()
  .describe(
    'value (as recorded), rate (per-second rate of a counter), sum/avg/min/max/count per step, p50/p90/p95/p99 (histogram quantiles). Default: p95 for histograms, rate for counters, avg for gauges',
  );

export const stepField = z
  .string()
  .regex(/^\d+(ms|s|m|h)?$/, 'a step is milliseconds or a duration such as 30s, 5m, 1h')
  .optional()
  .describe('Bucket width, e.g. 30s, 1m, 5m (default: about 60 buckets over the range)');

export function parseStepMs(step: string | undefined, rangeMs: number, targetBuckets: number): number {
  if (step !== undefined) {
    const m = /^(\d+)(ms|s|m|h)?$/.exec(step)!;
    const n = Number(m[1]);
    const unit = m[2] ?? 'ms';
    const ms = n * ({ ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as Record<string, number>)[unit]!;
    if (ms <= 0) throw new ParameterError('step', 'must be positive');
    return ms;
  }
  const raw = Math.max(1000, rangeMs / targetBuckets);
  // Round up to a "nice" step so buckets align with clock boundaries.
  const nice = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400].map(
    (s) => s * 1000,
  );
  return nice.find((s) => s >= raw) ?? Math.ceil(raw / 86_400_000) * 86_400_000;
}

export async function describeMetric(
  ctx: ToolContext,
  name: string,
  service: string | undefined,
): Promise<MetricDescriptor> {
  const all = await ctx.reader.metricNames(service);
  const found = all.find((m) => m.name === name);
  if (found) return found;
  const names = all.map((m) => m.name);
  const near = names.filter((n) => n.includes(name) || name.includes(n)).slice(0, 5);
  throw new SwitchyardError(
    'NOT_FOUND',
    `no metric named '${name}'${service ? ` for service ${service}` : ''}`,
    {
      hint:
        near.length > 0
          ? `did you mean ${near.join(', ')}?`
          : 'call query_metrics without a name to list metric names',
    },
  );
}

/** The aggregation used when the caller gives none; `rate` only for sums that never go down. */
export async function chooseAggregation(
  type: MetricDescriptor['type'],
  query: (agg: MetricAggregation) => Promise<MetricSeries[]>,
): Promise<{ agg: MetricAggregation; series: MetricSeries[]; why: string }> {
  if (type === 'histogram' || type === 'exponentialHistogram')
    return { agg: 'p95', series: await query('p95'), why: 'histogram → p95' };
  if (type === 'summary') return { agg: 'p95', series: await query('p95'), why: 'summary → p95' };
  if (type === 'sum') {
    const raw = await query('max');
    // An UpDownCounter (memory, connections) must not be rated; a counter's running total never falls
    // except on a reset, so "mostly non-decreasing" identifies one.
    if (raw.every(isMostlyNonDecreasing))
      return { agg: 'rate', series: await query('rate'), why: 'monotonic counter → rate per second' };
    return { agg: 'avg', series: await query('avg'), why: 'up-down counter → avg' };
  }
  return { agg: 'avg', series: await query('avg'), why: 'gauge → avg' };
}

export interface MetricSeriesRequest {
  name: string;
  service?: string;
  attributes?: Record<string, string>;
  /** Already defaulted by the tool's schema. */
  start: string;
  end?: string;
  step?: string;
  agg?: MetricAggregation;
}

/**
 * Resolves the range and step (aiming at `targetBuckets` points), describes the metric, and fetches its series
 * with the requested aggregation or the one `chooseAggregation` picks for its type.
 */
export async function fetchMetricSeries(ctx: ToolContext, req: MetricSeriesRequest, targetBuckets: number) {
  const { startNs, endNs } = parseRange(req.start, req.end, ctx.now());
  const stepMs = parseStepMs(req.step, Number(endNs - startNs) / 1e6, targetBuckets);
  const descriptor = await describeMetric(ctx, req.name, req.service);
  const query = (agg: MetricAggregation) =>
    ctx.reader.queryMetrics({
      name: req.name,
      startNs,
      endNs,
      stepMs,
      agg,
      ...(req.service !== undefined && { service: req.service }),
      ...(req.attributes !== undefined && { attributes: req.attributes }),
    });
  const chosen =
    req.agg === undefined
      ? await chooseAggregation(descriptor.type, query)
      : { agg: req.agg, series: await query(req.agg), why: 'as requested' };
  return { startNs, endNs, stepMs, descriptor, chosen };
}

function isMostlyNonDecreasing(s: MetricSeries): boolean {
  let falls = 0;
  for (let i = 1; i < s.points.length; i++) if (s.points[i]![1] < s.points[i - 1]![1]) falls++;
  return s.points.length < 2 || falls <= Math.max(1, s.points.length * 0.05);
}

export interface SeriesStats {
  current: number;
  average: number;
  min: number;
  max: number;
  trend: 'increasing' | 'decreasing' | 'flat';
  points: number;
}

export function seriesStats(points: readonly [number, number][]): SeriesStats | undefined {
  const vs = points.filter((p) => Number.isFinite(p[1]));
  if (vs.length === 0) return undefined;
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const [, v] of vs) {
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const average = sum / vs.length;
  return {
    current: vs[vs.length - 1]![1],
    average,
    min,
    max,
    trend: trendOf(vs, average),
    points: vs.length,
  };
}

/** Least-squares slope over the window, judged against the mean: a >10 % change end to end is a trend. */
function trendOf(points: readonly [number, number][], mean: number): SeriesStats['trend'] {
  if (points.length < 3) return 'flat';
  const t0 = points[0]![0];
  let st = 0;
  for (const [t] of points) st += t - t0;
  const tMean = st / points.length;
  let num = 0;
  let den = 0;
  for (const [t, v] of points) {
    num += (t - t0 - tMean) * (v - mean);
    den += (t - t0 - tMean) ** 2;
  }
  if (den === 0) return 'flat';
  const change = (num / den) * (points[points.length - 1]![0] - t0);
  const scale = Math.max(Math.abs(mean), 1e-12);
  if (change / scale > 0.1) return 'increasing';
  if (change / scale < -0.1) return 'decreasing';
  return 'flat';
}

export function labelText(labels: Record<string, string>): string {
  const entries = Object.entries(labels);
  return entries.length === 0 ? '{}' : `{${entries.map(([k, v]) => `${k}=${v}`).join(', ')}}`;
}

/** Evenly thins a series to at most `max` points (keeps the last). */
export function thin(points: readonly [number, number][], max: number): [number, number][] {
  if (points.length <= max) return [...points];
  const out: [number, number][] = [];
  const stride = points.length / max;
  for (let i = 0; i < max; i++)
    out.push(points[Math.min(points.length - 1, Math.floor((i + 1) * stride) - 1)]!);
  return out;
}
