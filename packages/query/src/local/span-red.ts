/**
 * @module Rate/errors/duration series from spans: the server spans of a service, bucketed by
 * step. Pure, so the local adapter's arithmetic is testable without a store.
 */
import { type AnalysisSpan, isErrorSpan } from '@switchyard/analysis';
import type { MetricSeriesOut } from '../model/results.js';
import { percentileOf } from '../model/summarize.js';
import type { MetricIntent } from '../model/unified-query.js';

const SERVER = 2;
const CONSUMER = 5;

/**
 * Entry spans of `service` (all services when undefined): SERVER/CONSUMER spans, or for a
 * service that has none, spans whose parent is absent or in another service.
 */
export function entrySpans(spans: readonly AnalysisSpan[], service: string | undefined): AnalysisSpan[] {
  const mine = service === undefined ? spans : spans.filter((s) => s.service === service);
  const servers = mine.filter((s) => s.kind === SERVER || s.kind === CONSUMER);
  if (servers.length > 0) return servers;
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  return mine.filter((s) => {
    const parent = byId.get(s.parentSpanId);
    return parent === undefined || parent.service !== s.service;
  });
}

/** One series per group (service, or one overall), with a point per step holding any span. */
export function redSeries(
  spans: readonly AnalysisSpan[],
  intent: Exclude<MetricIntent, { kind: 'saturation' }>,
  startMs: number,
  stepMs: number,
  groupByService: boolean,
): MetricSeriesOut[] {
  const groups = new Map<string, Map<number, AnalysisSpan[]>>();
  for (const s of spans) {
    const t = Number(s.startTimeUnixNano / 1_000_000n);
    const bucket = startMs + Math.floor((t - startMs) / stepMs) * stepMs;
    const key = groupByService ? s.service : '';
    let g = groups.get(key);
    if (!g) {
      g = new Map();
      groups.set(key, g);
    }
    const list = g.get(bucket);
    if (list) list.push(s);
    else g.set(bucket, [s]);
  }
  const out: MetricSeriesOut[] = [];
  for (const [key, buckets] of [...groups.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const points: [number, number][] = [...buckets.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([t, list]) => [t, value(list, intent, stepMs)]);
    out.push({ labels: groupByService ? { service: key } : {}, points });
  }
  return out;
}

function value(
  list: readonly AnalysisSpan[],
  intent: Exclude<MetricIntent, { kind: 'saturation' }>,
  stepMs: number,
): number {
  switch (intent.kind) {
    case 'error_rate':
      return list.filter((s) => isErrorSpan(s)).length / list.length;
    case 'throughput':
      return list.length / (stepMs / 1000);
    case 'latency': {
      const d = list.map((s) => Number(s.endTimeUnixNano - s.startTimeUnixNano) / 1e6).sort((a, b) => a - b);
      if (intent.stat === 'avg') return d.reduce((a, b) => a + b, 0) / d.length;
      return percentileOf(d, intent.stat)!;
    }
  }
}
