/**
 * @module Unified query → Datadog: metric query strings (`p99:trace.http.request{service:x} by {env}`),
 * log search and span search bodies. Pure, golden-tested.
 */
import { ParameterError } from '@switchyard/core';
import type { ResolvedRange } from '../model/time-range.js';
import type { Filter, UnifiedQuery } from '../model/unified-query.js';

export interface DatadogOptions {
  /** APM operation whose trace metrics answer intents: `trace.<op>.hits/.errors` (default `http.request`). */
  traceOperation?: string;
}

export interface DatadogMetricQuery {
  query: string;
  unit: string;
}

/** A tag or search value, quoted when it holds characters Datadog treats as syntax. */
function ddValue(v: string): string {
  return /^[\w.\-/:@]+$/.test(v) ? v : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function scope(q: UnifiedQuery): string {
  const parts: string[] = [];
  if (q.service !== undefined) parts.push(`service:${q.service}`);
  for (const f of q.filters) parts.push(tagFilter(f));
  return `{${parts.length > 0 ? parts.join(',') : '*'}}`;
}

function tagFilter(f: Filter): string {
  if (f.op === '=') return `${f.key}:${f.value}`;
  if (f.op === '!=') return `!${f.key}:${f.value}`;
  throw new ParameterError(
    `filters.${f.key}`,
    `Datadog metric scopes do not take regular expressions (${f.op})`,
    'use = or != with * wildcards',
  );
}

function by(q: UnifiedQuery): string {
  return q.groupBy.length > 0
    ? ` by {${q.groupBy.map((g) => (g === 'service.name' ? 'service' : g)).join(',')}}`
    : '';
}

export function translateDatadogMetric(q: UnifiedQuery, opts: DatadogOptions = {}): DatadogMetricQuery {
  if (q.native) {
    if (q.native.language !== 'datadog')
      throw new ParameterError(
        'native.language',
        `a Datadog source runs datadog queries, not ${q.native.language}`,
      );
    return { query: q.native.query, unit: '' };
  }
  const s = scope(q);
  const g = by(q);
  if (q.metric !== undefined) {
    if (!/^[a-zA-Z][\w.]*$/.test(q.metric))
      throw new ParameterError('metric', `'${q.metric}' is not a Datadog metric name`);
    const agg = q.aggregation;
    if (agg === 'rate') return { query: `sum:${q.metric}${s}${g}.as_rate()`, unit: '1/s' };
    if (agg === 'count') return { query: `sum:${q.metric}${s}${g}.as_count()`, unit: '' };
    return { query: `${agg ?? 'avg'}:${q.metric}${s}${g}`, unit: '' };
  }
  const op = `trace.${opts.traceOperation ?? 'http.request'}`;
  switch (q.intent?.kind) {
    case 'error_rate':
      return {
        query: `sum:${op}.errors${s}${g}.as_count() / sum:${op}.hits${s}${g}.as_count()`,
        unit: 'ratio',
      };
    case 'latency': {
      const stat = q.intent.stat === 'avg' ? 'avg' : `p${q.intent.stat}`;
      return { query: `${stat}:${op}${s}${g} * 1000`, unit: 'ms' };
    }
    case 'throughput':
      return { query: `sum:${op}.hits${s}${g}.as_rate()`, unit: '1/s' };
    case 'saturation':
      return q.intent.resource === 'cpu'
        ? { query: `avg:system.cpu.user${s}${g}`, unit: 'percent' }
        : { query: `avg:system.mem.used${s}${g}`, unit: 'bytes' };
    case undefined:
      throw new ParameterError('metric', 'a metrics query needs a metric name or an intent');
  }
}

const DD_STATUSES: Record<string, string[]> = {
  trace: ['debug', 'info', 'notice', 'warn', 'error', 'critical', 'alert', 'emergency'],
  debug: ['debug', 'info', 'notice', 'warn', 'error', 'critical', 'alert', 'emergency'],
  info: ['info', 'notice', 'warn', 'error', 'critical', 'alert', 'emergency'],
  warn: ['warn', 'error', 'critical', 'alert', 'emergency'],
  error: ['error', 'critical', 'alert', 'emergency'],
  fatal: ['critical', 'alert', 'emergency'],
};

function searchFilters(q: UnifiedQuery): string[] {
  const parts: string[] = [];
  if (q.service !== undefined) parts.push(`service:${ddValue(q.service)}`);
  for (const f of q.filters) {
    if (f.op === '=~' || f.op === '!~')
      throw new ParameterError(
        `filters.${f.key}`,
        `Datadog search has no regular expressions (${f.op})`,
        'use * wildcards with = or !=',
      );
    parts.push(`${f.op === '!=' ? '-' : ''}@${f.key}:${ddValue(f.value)}`);
  }
  return parts;
}

/** Body of POST /api/v2/logs/events/search. */
export function translateDatadogLogs(
  q: UnifiedQuery,
  range: ResolvedRange,
  limit: number,
): { query: string; body: unknown } {
  const parts = q.native ? [q.native.query] : searchFilters(q);
  if (!q.native) {
    if (q.severity !== undefined) parts.push(`status:(${DD_STATUSES[q.severity]!.join(' OR ')})`);
    if (q.traceId !== undefined) parts.push(`trace_id:${q.traceId.toLowerCase()}`);
    if (q.text !== undefined) parts.push(ddValue(q.text).startsWith('"') ? ddValue(q.text) : `"${q.text}"`);
  }
  const query = parts.join(' ') || '*';
  return {
    query,
    body: {
      filter: { query, from: new Date(range.startMs).toISOString(), to: new Date(range.endMs).toISOString() },
      page: { limit: Math.min(limit, 1000) },
      sort: '-timestamp',
    },
  };
}

/** Body of POST /api/v2/spans/events/search. Durations are nanoseconds in span search. */
export function translateDatadogSpans(
  q: UnifiedQuery,
  range: ResolvedRange,
  limit: number,
): { query: string; body: unknown } {
  const parts = q.native ? [q.native.query] : searchFilters(q);
  if (!q.native) {
    if (q.operation !== undefined) parts.push(`resource_name:${ddValue(q.operation)}`);
    if (q.status === 'error') parts.push('status:error');
    if (q.status === 'ok') parts.push('-status:error');
    if (q.traceId !== undefined) parts.push(`trace_id:${q.traceId.toLowerCase()}`);
    if (q.minDurationMs !== undefined) parts.push(`@duration:>=${Math.round(q.minDurationMs * 1e6)}`);
    if (q.maxDurationMs !== undefined) parts.push(`@duration:<=${Math.round(q.maxDurationMs * 1e6)}`);
  }
  const query = parts.join(' ') || '*';
  return {
    query,
    body: {
      data: {
        type: 'search_request',
        attributes: {
          filter: {
            query,
            from: new Date(range.startMs).toISOString(),
            to: new Date(range.endMs).toISOString(),
          },
          page: { limit: Math.min(limit, 1000) },
          sort: '-timestamp',
        },
      },
    },
  };
}
