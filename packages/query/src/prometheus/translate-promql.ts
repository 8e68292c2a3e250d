/**
 * @module Unified query → PromQL. Pure: the metric catalog (what the server has) is an input, so
 * every translation is a golden-testable function of (query, step, catalog).
 */
import { ParameterError } from '@switchyard/core';
import { formatDurationMs } from '../model/time-range.js';
import type { MetricIntent, UnifiedQuery } from '../model/unified-query.js';
import {
  CPU_CANDIDATES,
  ERROR_RATE_CANDIDATES,
  LATENCY_CANDIDATES,
  MEMORY_CANDIDATES,
  type ResourceCandidate,
  THROUGHPUT_CANDIDATES,
} from './metric-candidates.js';
import { aggregate, type Matcher, promLabelName, promNumber, selector } from './promql-syntax.js';
import { validatePromQL } from './validate-promql.js';

/** What the server is known to hold. Without `metrics`, the first candidate of each intent is used. */
export interface PromCatalog {
  metrics?: ReadonlySet<string>;
  /** Label names per metric, where known (disambiguates e.g. `status` vs `code`). */
  labels?: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface PromTranslateOptions {
  stepMs: number;
  /** Label naming the service (default `job`, which Prometheus's OTLP receiver sets from service.name). */
  serviceLabel?: string;
  catalog?: PromCatalog;
}

export interface PromTranslation {
  promql: string;
  unit: string;
  /** The metric the intent was mapped to. */
  metric: string | null;
}

/** Shortest rate window: rate() needs at least two samples, so never under one minute. */
const MIN_RATE_WINDOW_MS = 60_000;

function rateWindow(stepMs: number): string {
  return `[${formatDurationMs(Math.max(stepMs, MIN_RATE_WINDOW_MS))}]`;
}

function has(catalog: PromCatalog | undefined, metric: string): boolean {
  return catalog?.metrics === undefined || catalog.metrics.has(metric);
}

function hasLabel(catalog: PromCatalog | undefined, metric: string, label: string): boolean {
  const labels = catalog?.labels?.get(metric);
  return labels === undefined || labels.has(label);
}

function intentName(intent: MetricIntent): string {
  if (intent.kind === 'latency') return 'latency';
  if (intent.kind === 'saturation') return `${intent.resource} usage`;
  return intent.kind.replace('_', ' ');
}

function noMetric(intent: MetricIntent, looked: readonly string[]): ParameterError {
  return new ParameterError(
    'intent',
    `no metric for ${intentName(intent)} exists on this Prometheus`,
    `looked for ${looked.join(', ')}; name a metric explicitly instead`,
  );
}

function unitFromName(metric: string): string {
  if (/_seconds(_total|_count|_sum)?$/.test(metric)) return 's';
  if (/_bytes(_total)?$/.test(metric)) return 'bytes';
  if (/_ratio$/.test(metric)) return 'ratio';
  if (/_milliseconds(_total|_count|_sum)?$/.test(metric)) return 'ms';
  return '';
}

export function translatePromQL(q: UnifiedQuery, opts: PromTranslateOptions): PromTranslation {
  if (q.native) {
    if (q.native.language !== 'promql') {
      throw new ParameterError(
        'native.language',
        `a Prometheus source runs promql, not ${q.native.language}`,
      );
    }
    validatePromQL(q.native.query);
    return { promql: q.native.query, unit: '', metric: null };
  }
  if (q.signal !== 'metrics') {
    throw new ParameterError(
      'signal',
      `Prometheus holds metrics, not ${q.signal}`,
      'query logs from Loki and traces from Tempo or Jaeger',
    );
  }
  const defaultServiceLabel = opts.serviceLabel ?? 'job';
  const w = rateWindow(opts.stepMs);
  const filters: Matcher[] = q.filters.map((f) => ({
    label: promLabelName(f.key),
    op: f.op,
    value: f.value,
  }));
  const matchers = (serviceLabel: string, extra: Matcher[] = []): Matcher[] => [
    ...(q.service !== undefined ? [{ label: serviceLabel, op: '=' as const, value: q.service }] : []),
    ...filters,
    ...extra,
  ];
  const by = (serviceLabel: string): string[] =>
    q.groupBy.map((g) => (g === 'service' || g === 'service.name' ? serviceLabel : promLabelName(g)));

  let out: PromTranslation;
  if (q.metric !== undefined) {
    out = explicitMetric(q, q.metric, matchers(defaultServiceLabel), by(defaultServiceLabel), w);
  } else if (q.intent !== undefined) {
    out = intentQuery(q.intent, opts.catalog, defaultServiceLabel, matchers, by, w);
  } else {
    throw new ParameterError(
      'metric',
      'a metrics query needs a metric name or an intent',
      'e.g. intent error_rate, or metric http_requests_total',
    );
  }
  validatePromQL(out.promql, 'generated promql');
  return out;
}

function explicitMetric(
  q: UnifiedQuery,
  metric: string,
  m: Matcher[],
  by: string[],
  w: string,
): PromTranslation {
  if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(metric)) {
    throw new ParameterError(
      'metric',
      `'${metric}' is not a valid Prometheus metric name`,
      'use letters, digits, _ and :',
    );
  }
  const unit = unitFromName(metric);
  const agg = q.aggregation;
  if (agg === undefined) {
    return {
      promql: by.length > 0 ? aggregate('sum', by, selector(metric, m)) : selector(metric, m),
      unit,
      metric,
    };
  }
  if (agg === 'rate') {
    const r = `rate(${selector(metric, m)}${w})`;
    return {
      promql: by.length > 0 ? aggregate('sum', by, r) : r,
      unit: unit === 's' ? 'ratio' : '1/s',
      metric,
    };
  }
  if (agg.startsWith('p')) {
    const p = Number(agg.slice(1)) / 100;
    const bucket = metric.endsWith('_bucket') ? metric : `${metric}_bucket`;
    const inner = aggregate('sum', ['le', ...by], `rate(${selector(bucket, m)}${w})`);
    return {
      promql: `histogram_quantile(${promNumber(p)}, ${inner})`,
      unit: unitFromName(metric.replace(/_bucket$/, '')),
      metric: bucket,
    };
  }
  return { promql: aggregate(agg, by, selector(metric, m)), unit: agg === 'count' ? '' : unit, metric };
}

function intentQuery(
  intent: MetricIntent,
  catalog: PromCatalog | undefined,
  defaultServiceLabel: string,
  matchers: (serviceLabel: string, extra?: Matcher[]) => Matcher[],
  by: (serviceLabel: string) => string[],
  w: string,
): PromTranslation {
  switch (intent.kind) {
    case 'error_rate': {
      const c = ERROR_RATE_CANDIDATES.find(
        (x) => has(catalog, x.metric) && hasLabel(catalog, x.metric, x.error.label),
      );
      if (!c) throw noMetric(intent, [...new Set(ERROR_RATE_CANDIDATES.map((x) => x.metric))]);
      const sl = c.serviceLabel ?? defaultServiceLabel;
      const err = { label: c.error.label, op: c.error.op, value: c.error.value };
      const num = aggregate('sum', by(sl), `rate(${selector(c.metric, matchers(sl, [err]))}${w})`);
      const den = aggregate('sum', by(sl), `rate(${selector(c.metric, matchers(sl))}${w})`);
      return { promql: `${num} / ${den}`, unit: 'ratio', metric: c.metric };
    }
    case 'latency': {
      const c = LATENCY_CANDIDATES.find((x) => has(catalog, `${x.base}_bucket`));
      if (!c)
        throw noMetric(
          intent,
          LATENCY_CANDIDATES.map((x) => `${x.base}_bucket`),
        );
      const sl = c.serviceLabel ?? defaultServiceLabel;
      const scale = c.toMs === 1 ? '' : ` * ${c.toMs}`;
      if (intent.stat === 'avg') {
        const sum = aggregate('sum', by(sl), `rate(${selector(`${c.base}_sum`, matchers(sl))}${w})`);
        const count = aggregate('sum', by(sl), `rate(${selector(`${c.base}_count`, matchers(sl))}${w})`);
        return { promql: `${sum} / ${count}${scale}`, unit: 'ms', metric: `${c.base}_sum` };
      }
      const inner = aggregate(
        'sum',
        ['le', ...by(sl)],
        `rate(${selector(`${c.base}_bucket`, matchers(sl))}${w})`,
      );
      return {
        promql: `histogram_quantile(${promNumber(intent.stat / 100)}, ${inner})${scale}`,
        unit: 'ms',
        metric: `${c.base}_bucket`,
      };
    }
    case 'throughput': {
      const c = THROUGHPUT_CANDIDATES.find((x) => has(catalog, x.metric));
      if (!c)
        throw noMetric(
          intent,
          THROUGHPUT_CANDIDATES.map((x) => x.metric),
        );
      const sl = c.serviceLabel ?? defaultServiceLabel;
      return {
        promql: aggregate('sum', by(sl), `rate(${selector(c.metric, matchers(sl))}${w})`),
        unit: '1/s',
        metric: c.metric,
      };
    }
    case 'saturation': {
      const list: readonly ResourceCandidate[] =
        intent.resource === 'cpu' ? CPU_CANDIDATES : MEMORY_CANDIDATES;
      const c = list.find((x) => has(catalog, x.metric));
      if (!c)
        throw noMetric(
          intent,
          list.map((x) => x.metric),
        );
      const sl = defaultServiceLabel;
      const promql =
        c.kind === 'counter'
          ? aggregate('sum', by(sl), `rate(${selector(c.metric, matchers(sl))}${w})`)
          : aggregate(intent.resource === 'cpu' ? 'avg' : 'sum', by(sl), selector(c.metric, matchers(sl)));
      return { promql, unit: c.unit, metric: c.metric };
    }
  }
}
