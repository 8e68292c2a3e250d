/** @module Metric reads: points are filtered in SQL and aggregated per series in JS. */
import type { AttrValue, MetricType } from '@switchyard/core';
import { attributesFromJson, attrValueToPlainJson } from '@switchyard/core';
import type { MetricQuery, MetricSeries } from '../telemetry-store.js';
import { aggregateSeries, type SeriesPoint } from './metric-aggregation.js';
import { decodePoint } from './point-codec.js';
import { attributeEquals, Params, type SqlReader, toBigInt, toNumber, toStr } from './sql.js';

/** Label rendering of an attribute value: strings as is, anything else as plain JSON. */
export function labelValue(v: AttrValue): string {
  return typeof v === 'string' ? v : JSON.stringify(attrValueToPlainJson(v));
}

export async function queryMetrics(db: SqlReader, q: MetricQuery): Promise<MetricSeries[]> {
  const p = new Params();
  const where = [`name = ${p.add(q.name)}`];
  if (q.service !== undefined) where.push(`service = ${p.add(q.service)}`);
  if (q.startNs !== undefined) where.push(`time_ns >= ${p.add(q.startNs)}`);
  if (q.endNs !== undefined) where.push(`time_ns <= ${p.add(q.endNs)}`);
  for (const [key, value] of Object.entries(q.attributes ?? {}))
    where.push(attributeEquals('attributes', key, value, p));
  const rows = await db.all(
    `SELECT time_ns, start_ns, service, type, temporality, attributes, point FROM metric_points
      WHERE ${where.join(' AND ')} ORDER BY time_ns`,
    p.values,
  );
  const series = new Map<string, { labels: Record<string, string>; points: SeriesPoint[] }>();
  for (const r of rows) {
    const labels: Record<string, string> = { service: toStr(r.service) };
    for (const [k, v] of Object.entries(attributesFromJson(toStr(r.attributes)))) {
      if (k !== 'service') labels[k] = labelValue(v);
    }
    const key = JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    let s = series.get(key);
    if (!s) {
      s = { labels, points: [] };
      series.set(key, s);
    }
    s.points.push({
      timeNs: toBigInt(r.time_ns),
      startNs: toBigInt(r.start_ns),
      type: toStr(r.type) as MetricType,
      temporality: toNumber(r.temporality),
      data: decodePoint(toStr(r.point)),
    });
  }
  const out: MetricSeries[] = [];
  for (const s of series.values()) {
    out.push({
      name: q.name,
      labels: s.labels,
      points: aggregateSeries(s.points, q.agg ?? 'value', q.stepMs, q.startNs),
    });
  }
  return out;
}
