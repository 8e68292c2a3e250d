/** @module Unified query → NRQL (APM `Transaction` events, `Metric`, `Log` and `Span`). Pure, golden-tested. */
import { ParameterError } from '@switchyard/core';
import { severitiesAtLeast } from '../model/severity.js';
import type { ResolvedRange } from '../model/time-range.js';
import type { Filter, UnifiedQuery } from '../model/unified-query.js';

/** An NRQL string literal. */
export function nrqlString(v: string): string {
  return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** An attribute name, backquoted unless a plain dotted identifier. */
export function nrqlName(key: string): string {
  return /^[a-zA-Z_][\w.]*$/.test(key) ? key : `\`${key.replace(/`/g, '')}\``;
}

function cond(f: Filter): string {
  const k = nrqlName(f.key);
  switch (f.op) {
    case '=':
      return `${k} = ${nrqlString(f.value)}`;
    case '!=':
      return `${k} != ${nrqlString(f.value)}`;
    case '=~':
      return `${k} RLIKE r${nrqlString(f.value)}`;
    case '!~':
      return `${k} NOT RLIKE r${nrqlString(f.value)}`;
  }
}

function where(conds: string[]): string {
  return conds.length > 0 ? ` WHERE ${conds.join(' AND ')}` : '';
}

function window(range: ResolvedRange): string {
  return ` SINCE ${Math.floor(range.startMs)} UNTIL ${Math.ceil(range.endMs)}`;
}

function facet(q: UnifiedQuery, serviceAttr: string): string {
  return q.groupBy.length > 0
    ? ` FACET ${q.groupBy.map((g) => (g === 'service' || g === 'service.name' ? serviceAttr : nrqlName(g))).join(', ')}`
    : '';
}

/** NRQL TIMESERIES buckets are whole seconds and at most 366 per query. */
function timeseries(range: ResolvedRange, stepMs: number): string {
  const minStep = Math.ceil((range.endMs - range.startMs) / 366 / 1000);
  return ` TIMESERIES ${Math.max(1, Math.round(stepMs / 1000), minStep)} seconds`;
}

export interface NrqlTranslation {
  nrql: string;
  unit: string;
}

export function translateNrql(
  q: UnifiedQuery,
  range: ResolvedRange,
  stepMs: number,
  limit: number,
): NrqlTranslation {
  if (q.native) {
    if (q.native.language !== 'nrql')
      throw new ParameterError('native.language', `a New Relic source runs nrql, not ${q.native.language}`);
    if (!/^\s*(SELECT|FROM)\b/i.test(q.native.query))
      throw new ParameterError('nrql', 'NRQL starts with SELECT or FROM');
    return { nrql: q.native.query, unit: '' };
  }
  const filters = q.filters.map(cond);
  if (q.signal === 'logs') {
    const conds = [
      ...(q.service !== undefined ? [`service.name = ${nrqlString(q.service)}`] : []),
      ...filters,
    ];
    if (q.text !== undefined) conds.push(`message LIKE ${nrqlString(`%${q.text.replace(/%/g, '')}%`)}`);
    if (q.traceId !== undefined) conds.push(`trace.id = ${nrqlString(q.traceId.toLowerCase())}`);
    if (q.severity !== undefined) {
      const names = severitiesAtLeast(q.severity).flatMap((s) => [s, s.toUpperCase()]);
      conds.push(`level IN (${names.map(nrqlString).join(', ')})`);
    }
    return { nrql: `SELECT * FROM Log${where(conds)}${window(range)} LIMIT ${limit}`, unit: '' };
  }
  if (q.signal === 'traces') {
    const conds = [
      ...(q.service !== undefined ? [`service.name = ${nrqlString(q.service)}`] : []),
      ...filters,
    ];
    if (q.operation !== undefined) conds.push(`name = ${nrqlString(q.operation)}`);
    if (q.status === 'error') conds.push(`(error IS true OR otel.status_code = 'ERROR')`);
    if (q.status === 'ok') conds.push(`error IS NOT true`);
    if (q.traceId !== undefined) conds.push(`trace.id = ${nrqlString(q.traceId.toLowerCase())}`);
    if (q.minDurationMs !== undefined) conds.push(`duration.ms >= ${q.minDurationMs}`);
    if (q.maxDurationMs !== undefined) conds.push(`duration.ms <= ${q.maxDurationMs}`);
    return { nrql: `SELECT * FROM Span${where(conds)}${window(range)} LIMIT ${limit}`, unit: '' };
  }
  const ts = timeseries(range, stepMs);
  if (q.metric !== undefined) {
    const m = nrqlName(q.metric);
    const agg = q.aggregation ?? 'avg';
    const fn =
      agg === 'avg'
        ? `average(${m})`
        : agg === 'rate'
          ? `rate(sum(${m}), 1 second)`
          : agg === 'count'
            ? `count(${m})`
            : agg.startsWith('p')
              ? `percentile(${m}, ${agg.slice(1)})`
              : `${agg}(${m})`;
    const conds = [
      ...(q.service !== undefined ? [`service.name = ${nrqlString(q.service)}`] : []),
      ...filters,
    ];
    return {
      nrql: `SELECT ${fn} AS 'value' FROM Metric${where(conds)}${facet(q, 'service.name')}${window(range)}${ts}`,
      unit: agg === 'rate' ? '1/s' : '',
    };
  }
  const conds = [...(q.service !== undefined ? [`appName = ${nrqlString(q.service)}`] : []), ...filters];
  const tail = `${where(conds)}${facet(q, 'appName')}${window(range)}${ts}`;
  switch (q.intent?.kind) {
    case 'error_rate':
      return {
        nrql: `SELECT filter(count(*), WHERE error IS true) / count(*) AS 'value' FROM Transaction${tail}`,
        unit: 'ratio',
      };
    case 'latency': {
      const fn = q.intent.stat === 'avg' ? 'average(duration)' : `percentile(duration, ${q.intent.stat})`;
      return { nrql: `SELECT ${fn} * 1000 AS 'value' FROM Transaction${tail}`, unit: 'ms' };
    }
    case 'throughput':
      return { nrql: `SELECT rate(count(*), 1 second) AS 'value' FROM Transaction${tail}`, unit: '1/s' };
    case 'saturation':
      return q.intent.resource === 'cpu'
        ? {
            nrql: `SELECT average(apm.service.cpu.usertime.utilization) * 100 AS 'value' FROM Metric${tail}`,
            unit: 'percent',
          }
        : { nrql: `SELECT average(apm.service.memory.physical) AS 'value' FROM Metric${tail}`, unit: 'MB' };
    case undefined:
      throw new ParameterError('metric', 'a metrics query needs a metric name or an intent');
  }
}

/** The NerdGraph request that runs an NRQL query for an account. */
export function nerdGraphRequest(
  accountId: number,
  nrql: string,
  timeoutSec = 60,
): { query: string; variables: Record<string, unknown> } {
  return {
    query: `query($accountId: Int!, $nrql: Nrql!) { actor { account(id: $accountId) { nrql(query: $nrql, timeout: ${timeoutSec}) { results } } } }`,
    variables: { accountId, nrql },
  };
}
