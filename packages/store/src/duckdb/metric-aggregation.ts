/**
 * @module Metric series arithmetic, pure and synchronous: counter rates with reset handling,
 * step bucketing, and histogram quantiles interpolated inside buckets like Prometheus'
 * `histogram_quantile` over the per-step increase of cumulative buckets.
 */
import type { MetricType } from '@switchyard/core';
import type { MetricAggregation } from '../telemetry-store.js';
import type { DecodedPoint } from './point-codec.js';

export interface SeriesPoint {
  timeNs: bigint;
  startNs: bigint;
  type: MetricType;
  /** 1 delta, 2 cumulative, 0 otherwise. */
  temporality: number;
  data: DecodedPoint;
}

interface Bucket {
  lower: number;
  upper: number;
  count: number;
}

/** Observations of a distribution over some interval (an increment of a cumulative histogram). */
interface Increment {
  timeNs: bigint;
  count: number;
  sum: number;
  min: number;
  max: number;
  buckets: Bucket[];
}

const NS_PER_MS = 1_000_000n;

function msOf(ns: bigint): number {
  return Number(ns / NS_PER_MS);
}

function bucketStart(timeMs: number, stepMs: number): number {
  return Math.floor(timeMs / stepMs) * stepMs;
}

/** Groups items by step bucket (or one group per item without a step), keeping time order. */
function groupByStep<T>(items: T[], timeMs: (t: T) => number, stepMs: number | undefined): [number, T[]][] {
  const out: [number, T[]][] = [];
  for (const item of items) {
    const t = stepMs ? bucketStart(timeMs(item), stepMs) : timeMs(item);
    const last = out[out.length - 1];
    if (last && last[0] === t) last[1].push(item);
    else out.push([t, [item]]);
  }
  return out;
}

function reduce(values: number[], agg: MetricAggregation): number {
  switch (agg) {
    case 'sum':
      return values.reduce((a, b) => a + b, 0);
    case 'avg':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'min':
      return Math.min(...values);
    case 'max':
      return Math.max(...values);
    case 'count':
      return values.length;
    default:
      return values[values.length - 1] as number;
  }
}

/** Per-point (delta, seconds) pairs of a counter; a value drop or a new start time is a reset. */
function counterDeltas(points: SeriesPoint[]): { timeNs: bigint; delta: number; seconds: number }[] {
  const out: { timeNs: bigint; delta: number; seconds: number }[] = [];
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    const v = p.data.v ?? 0;
    const prev = points[i - 1];
    if (p.temporality === 1) {
      const from = p.startNs > 0n && p.startNs < p.timeNs ? p.startNs : prev?.timeNs;
      if (from === undefined || from >= p.timeNs) continue;
      out.push({ timeNs: p.timeNs, delta: v, seconds: Number(p.timeNs - from) / 1e9 });
      continue;
    }
    if (!prev || p.timeNs <= prev.timeNs) continue;
    const pv = prev.data.v ?? 0;
    const reset = v < pv || (p.startNs > 0n && p.startNs > prev.startNs && p.startNs >= prev.timeNs);
    out.push({ timeNs: p.timeNs, delta: reset ? v : v - pv, seconds: Number(p.timeNs - prev.timeNs) / 1e9 });
  }
  return out;
}

function numberSeries(points: SeriesPoint[], agg: MetricAggregation, stepMs?: number): [number, number][] {
  if (agg === 'rate') {
    return groupByStep(counterDeltas(points), (d) => msOf(d.timeNs), stepMs).map(([t, ds]) => {
      const delta = ds.reduce((a, d) => a + d.delta, 0);
      const seconds = ds.reduce((a, d) => a + d.seconds, 0);
      return [t, seconds > 0 ? delta / seconds : 0];
    });
  }
  return groupByStep(points, (p) => msOf(p.timeNs), stepMs).map(([t, ps]) => [
    t,
    reduce(
      ps.map((p) => p.data.v ?? Number.NaN),
      agg,
    ),
  ]);
}

/** Buckets of a histogram point, explicit or exponential, in ascending order. */
function bucketsOf(d: DecodedPoint): Bucket[] {
  if (d.bc) {
    const bounds = d.eb ?? [];
    return d.bc.map((count, i) => {
      const upper = bounds[i] ?? Number.POSITIVE_INFINITY;
      const lower = i === 0 ? Math.min(0, upper) : (bounds[i - 1] as number);
      return { lower, upper, count };
    });
  }
  const base = 2 ** (2 ** -(d.sc ?? 0));
  const out: Bucket[] = [];
  const neg = d.nb ?? [];
  for (let i = neg.length - 1; i >= 0; i--) {
    const k = (d.no ?? 0) + i;
    out.push({ lower: -(base ** (k + 1)), upper: -(base ** k), count: neg[i] as number });
  }
  const zt = d.zt ?? 0;
  out.push({ lower: -zt, upper: zt, count: d.z ?? 0 });
  (d.pb ?? []).forEach((count, i) => {
    const k = (d.po ?? 0) + i;
    out.push({ lower: base ** k, upper: base ** (k + 1), count });
  });
  return out;
}

function sameLayout(a: Bucket[], b: Bucket[]): boolean {
  return a.length === b.length && a.every((x, i) => x.lower === b[i]?.lower && x.upper === b[i]?.upper);
}

/** Increments of a histogram series: cumulative points are differenced, resets start afresh. */
function histogramIncrements(points: SeriesPoint[], windowStartNs: bigint | undefined): Increment[] {
  const out: Increment[] = [];
  let prev: { p: SeriesPoint; buckets: Bucket[] } | undefined;
  for (const p of points) {
    const d = p.data;
    const buckets = bucketsOf(d);
    const cur: Increment = {
      timeNs: p.timeNs,
      count: d.c ?? 0,
      sum: d.s ?? Number.NaN,
      min: d.mn ?? Number.NaN,
      max: d.mx ?? Number.NaN,
      buckets,
    };
    if (p.temporality !== 2) {
      out.push(cur);
    } else if (!prev) {
      // First point: its totals are an increment only if the series started inside the window.
      if (windowStartNs === undefined || p.startNs >= windowStartNs) out.push(cur);
    } else {
      const pd = prev.p.data;
      const reset =
        (d.c ?? 0) < (pd.c ?? 0) || !sameLayout(buckets, prev.buckets) || p.startNs > prev.p.startNs;
      out.push(
        reset
          ? cur
          : {
              ...cur,
              count: cur.count - (pd.c ?? 0),
              sum: cur.sum - (pd.s ?? Number.NaN),
              buckets: buckets.map((b, i) => ({ ...b, count: b.count - (prev?.buckets[i]?.count ?? 0) })),
            },
      );
    }
    prev = { p, buckets };
  }
  return out;
}

function mergeBuckets(incs: Increment[]): Bucket[] {
  const byKey = new Map<string, Bucket>();
  for (const inc of incs) {
    for (const b of inc.buckets) {
      const key = `${b.lower}|${b.upper}`;
      const m = byKey.get(key);
      if (m) m.count += b.count;
      else byKey.set(key, { ...b });
    }
  }
  return [...byKey.values()].sort((a, b) => a.upper - b.upper || a.lower - b.lower);
}

/** Prometheus `histogram_quantile`: linear interpolation inside the bucket holding the rank. */
export function bucketQuantile(q: number, buckets: Bucket[]): number {
  const total = buckets.reduce((a, b) => a + b.count, 0);
  if (total <= 0) return Number.NaN;
  const rank = q * total;
  let before = 0;
  for (const b of buckets) {
    if (b.count > 0 && before + b.count >= rank) {
      if (b.upper === Number.POSITIVE_INFINITY) return b.lower;
      return b.lower + ((b.upper - b.lower) * (rank - before)) / b.count;
    }
    before += b.count;
  }
  return buckets[buckets.length - 1]?.upper ?? Number.NaN;
}

const QUANTILES: Partial<Record<MetricAggregation, number>> = { p50: 0.5, p90: 0.9, p95: 0.95, p99: 0.99 };

function histogramSeries(
  points: SeriesPoint[],
  agg: MetricAggregation,
  stepMs: number | undefined,
  windowStartNs: bigint | undefined,
): [number, number][] {
  const groups = groupByStep(histogramIncrements(points, windowStartNs), (i) => msOf(i.timeNs), stepMs);
  const out: [number, number][] = [];
  for (const [t, incs] of groups) {
    const count = incs.reduce((a, i) => a + i.count, 0);
    const sum = incs.reduce((a, i) => a + i.sum, 0);
    const q = QUANTILES[agg];
    let v: number;
    if (q !== undefined) v = bucketQuantile(q, mergeBuckets(incs));
    else if (agg === 'count') v = count;
    else if (agg === 'sum') v = sum;
    else if (agg === 'rate') v = count / ((stepMs ?? 1000) / 1000);
    else if (agg === 'min') v = Math.min(...incs.map((i) => i.min));
    else if (agg === 'max') v = Math.max(...incs.map((i) => i.max));
    else v = count > 0 ? sum / count : Number.NaN; // value, avg
    if (!Number.isNaN(v)) out.push([t, v]);
  }
  return out;
}

function summaryValue(d: DecodedPoint, agg: MetricAggregation): number {
  const q = QUANTILES[agg];
  if (q !== undefined) return d.q?.find(([quantile]) => Math.abs(quantile - q) < 1e-9)?.[1] ?? Number.NaN;
  if (agg === 'count') return d.c ?? Number.NaN;
  if (agg === 'sum') return d.s ?? Number.NaN;
  return d.c ? (d.s ?? 0) / d.c : Number.NaN;
}

/** Points `[timeMs, value]` of one series (points ascending by time). */
export function aggregateSeries(
  points: SeriesPoint[],
  agg: MetricAggregation,
  stepMs: number | undefined,
  windowStartNs: bigint | undefined,
): [number, number][] {
  const first = points[0];
  if (!first) return [];
  switch (first.type) {
    case 'gauge':
    case 'sum':
      return numberSeries(points, agg, stepMs);
    case 'histogram':
    case 'exponentialHistogram':
      return histogramSeries(points, agg, stepMs, windowStartNs);
    case 'summary':
      return groupByStep(points, (p) => msOf(p.timeNs), stepMs)
        .map(([t, ps]): [number, number] => [t, summaryValue(ps[ps.length - 1]!.data, agg)])
        .filter(([, v]) => !Number.isNaN(v));
  }
}
