/** @module Prometheus HTTP API envelopes → normalised series. */
import { asArray, asRecord, badShape, num, str, stringRecord } from '../http/json-shape.js';
import type { MetricSeriesOut } from '../model/results.js';

/** Unwraps `{status:"success", data, warnings}`; `status:"error"` becomes a SourceError. */
export function promData(body: unknown, what: string): { data: unknown; warnings: string[] } {
  const r = asRecord(body, what);
  if (r.status !== 'success')
    throw badShape(what, `${str(r.errorType) || 'error'}: ${str(r.error) || 'status not success'}`);
  const warnings = Array.isArray(r.warnings) ? r.warnings.map(str) : [];
  return { data: r.data, warnings };
}

/** `matrix` / `vector` / `scalar` results → series with `[ms, value]` points. */
export function promSeries(data: unknown): MetricSeriesOut[] {
  const d = asRecord(data, 'prometheus query');
  const type = str(d.resultType);
  if (type === 'scalar') {
    const [t, v] = asArray(d.result, 'prometheus scalar');
    return [{ labels: {}, points: [[num(t) * 1000, num(v)]] }];
  }
  if (type !== 'matrix' && type !== 'vector') throw badShape('prometheus query', `resultType '${type}'`);
  return asArray(d.result, 'prometheus result').map((item) => {
    const s = asRecord(item, 'prometheus series');
    const labels = stringRecord(s.metric);
    const raw = type === 'matrix' ? asArray(s.values, 'prometheus values') : [s.value];
    const points = raw.map((p): [number, number] => {
      const pair = asArray(p, 'prometheus sample');
      return [Math.round(num(pair[0]) * 1000), num(pair[1])];
    });
    return { labels, points };
  });
}
