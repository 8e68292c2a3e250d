/**
 * @module `switchyard query …` through external sources: the flags become a unified query (or carry a
 * native PromQL/LogQL/TraceQL/NRQL query, validated before anything runs), each fitting source answers,
 * and every result names the source and the native query it ran.
 */
import { ParameterError, SwitchyardError } from '@switchyard/core';
import {
  type NativeLanguage,
  PrometheusAdapter,
  parseUnifiedQuery,
  type QueryResult,
  type QuerySignal,
  type UnifiedQuery,
  type UnifiedQueryInput,
  validateLogQL,
  validatePromQL,
} from '@switchyard/query';
import { type OutputFormat, type Row, render } from '../format.js';
import {
  adaptersFor,
  adaptersOf,
  resultHeader,
  rowsOf,
  type SourceFlags,
  sourcesFrom,
} from './source-query.js';

export interface NativeFlags {
  promql?: string;
  logql?: string;
  traceql?: string;
  nrql?: string;
}

/** Every flag of `query metrics|logs|traces` (each subcommand sets its own subset). */
export interface QueryFlags extends NativeFlags, SourceFlags {
  hub: string;
  format: OutputFormat;
  start?: string;
  end?: string;
  attr?: Record<string, string>;
  /** metrics */
  name?: string;
  step?: string;
  agg?: string;
  /** logs and traces */
  service?: string;
  limit?: number;
  severity?: string;
  text?: string;
  traceId?: string;
  operation?: string;
  status?: 'ok' | 'error';
  minDurationMs?: number;
  maxDurationMs?: number;
}

const NATIVE_FLAGS: Record<QuerySignal, readonly (keyof NativeFlags)[]> = {
  metrics: ['promql', 'nrql'],
  logs: ['logql', 'nrql'],
  traces: ['traceql', 'nrql'],
};

/** The native query among the flags, validated where a parser exists (PromQL with Prometheus's grammar). */
export function nativeOf(
  signal: QuerySignal,
  flags: NativeFlags,
): { language: NativeLanguage; query: string } | undefined {
  const given = NATIVE_FLAGS[signal].filter((k) => flags[k] !== undefined);
  if (given.length > 1)
    throw new ParameterError(
      given[1]!,
      `give one native query, not ${given.map((g) => `--${g}`).join(' and ')}`,
    );
  const language = given[0];
  if (language === undefined) return undefined;
  const query = flags[language]!;
  if (language === 'promql') validatePromQL(query);
  if (language === 'logql') validateLogQL(query);
  return { language, query };
}

/** The unified query the flags describe (defaults filled, every field validated). */
export function unifiedFromFlags(signal: QuerySignal, flags: QueryFlags): UnifiedQuery {
  const native = nativeOf(signal, flags);
  const input: UnifiedQueryInput = {
    signal,
    ...(flags.service !== undefined && { service: flags.service }),
    filters: Object.entries(flags.attr ?? {}).map(([key, value]) => ({ key, op: '=' as const, value })),
    time: { start: flags.start ?? 'now-1h', end: flags.end ?? 'now' },
    ...(flags.limit !== undefined && { limit: flags.limit }),
    ...(native && { native }),
  };
  if (signal === 'metrics') {
    if (flags.name !== undefined) input.metric = flags.name;
    if (flags.step !== undefined) input.step = flags.step;
    // `value` (the hub's "as stored") is a plain selector in the unified model: no aggregation.
    if (flags.agg !== undefined && flags.agg !== 'value')
      input.aggregation = flags.agg as UnifiedQueryInput['aggregation'];
  } else if (signal === 'logs') {
    if (flags.severity !== undefined) input.severity = flags.severity as UnifiedQueryInput['severity'];
    if (flags.text !== undefined) input.text = flags.text;
    if (flags.traceId !== undefined) input.traceId = flags.traceId;
  } else {
    if (flags.operation !== undefined) input.operation = flags.operation;
    if (flags.status !== undefined) input.status = flags.status;
    if (flags.minDurationMs !== undefined) input.minDurationMs = flags.minDurationMs;
    if (flags.maxDurationMs !== undefined) input.maxDurationMs = flags.maxDurationMs;
  }
  const q = parseUnifiedQuery(input);
  if (q.signal === 'metrics' && q.metric === undefined && q.native === undefined)
    throw new ParameterError('name', 'name a metric or give a native query', "e.g. --promql 'up'");
  return q;
}

function write(format: OutputFormat, results: QueryResult[]): void {
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    return;
  }
  for (const r of results) {
    // CSV stays machine-readable on stdout; its header goes to stderr.
    (format === 'csv' ? process.stderr : process.stdout).write(`${resultHeader(r).join('\n')}\n`);
    const { rows, columns } = rowsOf(r);
    process.stdout.write(render(format, rows, columns, r));
  }
}

/** Prometheus metric names, for `query metrics --source prometheus=URL` without a name. */
async function listMetricNames(flags: QueryFlags, adapters: readonly PrometheusAdapter[]): Promise<void> {
  const rows: Row[] = [];
  for (const a of adapters)
    for (const name of await a.metricNames()) rows.push({ source: a.source.name, name });
  process.stdout.write(render(flags.format, rows, ['source', 'name'], rows));
}

/**
 * Runs the query on the sources the flags name; false when there are none (the hub answers).
 * A native query without a source is a ParameterError: the hub API takes no native queries.
 */
export async function querySources(signal: QuerySignal, flags: QueryFlags): Promise<boolean> {
  const native = nativeOf(signal, flags);
  const sources = sourcesFrom(flags);
  if (Object.keys(sources).length === 0) {
    if (native)
      throw new ParameterError(
        native.language,
        `--${native.language} needs a source; the hub API takes no native queries`,
        `add --source TYPE=URL or --config FILE with sources:`,
      );
    return false;
  }
  const all = adaptersOf(sources);
  if (signal === 'metrics' && flags.name === undefined && !native) {
    const proms = all.filter((a): a is PrometheusAdapter => a instanceof PrometheusAdapter);
    if (proms.length > 0) {
      await listMetricNames(flags, proms);
      return true;
    }
  }
  const q = unifiedFromFlags(signal, flags);
  const nowMs = Date.now();
  const results: QueryResult[] = [];
  const asked = adaptersFor(all, signal, native?.language);
  let failed: unknown;
  for (const adapter of asked) {
    try {
      results.push(await adapter.query(q, { nowMs }));
    } catch (err) {
      // With several sources one that is down or refuses the query is reported, not fatal.
      if (asked.length === 1 || !(err instanceof SwitchyardError)) throw err;
      process.stderr.write(`warning: ${adapter.source.name} (${adapter.source.type}): ${err.message}\n`);
      failed ??= err;
    }
  }
  if (results.length === 0) throw failed;
  write(flags.format, results);
  return true;
}
