/**
 * @module Unified query → calls on the local TelemetryStore. Pure: returns a plan that the local
 * adapter executes. RED intents (error rate, latency, throughput) are derived from server spans.
 */
import { ParameterError, SeverityLevel } from '@switchyard/core';
import type { LogQuery, MetricAggregation, MetricQuery, TraceQuery } from '@switchyard/store';
import type { ResolvedRange } from '../model/time-range.js';
import type { MetricIntent, UnifiedQuery } from '../model/unified-query.js';

export type LocalPlan =
  | { kind: 'logs'; query: LogQuery }
  | { kind: 'traces'; query: TraceQuery }
  | { kind: 'trace'; traceId: string }
  | { kind: 'metric'; query: MetricQuery; unit: string }
  /** Saturation: the first of these metric names the store holds. */
  | { kind: 'metric-candidates'; names: string[]; query: Omit<MetricQuery, 'name'>; unit: string }
  | {
      kind: 'spans';
      intent: Exclude<MetricIntent, { kind: 'saturation' }>;
      traces: TraceQuery;
      stepMs: number;
      groupByService: boolean;
      unit: string;
    };

const ns = (ms: number): bigint => BigInt(Math.round(ms)) * 1_000_000n;

function equalityAttributes(q: UnifiedQuery): Record<string, string> | undefined {
  if (q.filters.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const f of q.filters) {
    if (f.op !== '=')
      throw new ParameterError(
        `filters.${f.key}`,
        `the local store matches attributes exactly (=), not ${f.op}`,
      );
    out[f.key] = f.value;
  }
  return out;
}

const AGG: Record<string, MetricAggregation> = {
  avg: 'avg',
  sum: 'sum',
  min: 'min',
  max: 'max',
  count: 'count',
  rate: 'rate',
  p50: 'p50',
  p90: 'p90',
  p95: 'p95',
  p99: 'p99',
};

/** Metric names tried for CPU and memory, in OTel semantic-convention order. */
export const LOCAL_CPU_METRICS = [
  'process.cpu.utilization',
  'system.cpu.utilization',
  'process.cpu.time',
  'container.cpu.time',
];
export const LOCAL_MEMORY_METRICS = [
  'process.memory.usage',
  'process.runtime.nodejs.memory.heap.used',
  'v8js.memory.heap.used',
  'system.memory.usage',
  'container.memory.usage',
];

export function translateLocal(
  q: UnifiedQuery,
  range: ResolvedRange,
  stepMs: number,
  limit: number,
  maxTraces: number,
): LocalPlan {
  if (q.native)
    throw new ParameterError(
      'native',
      'the local store has no native query language; use the unified fields',
    );
  const attributes = equalityAttributes(q);
  const time = { startNs: ns(range.startMs), endNs: ns(range.endMs) };
  const service = q.service !== undefined ? { service: q.service } : {};
  if (q.signal === 'logs') {
    return {
      kind: 'logs',
      query: {
        ...service,
        ...time,
        limit,
        ...(q.severity !== undefined ? { minSeverity: SeverityLevel[q.severity] } : {}),
        ...(q.text !== undefined ? { text: q.text } : {}),
        ...(q.traceId !== undefined ? { traceId: q.traceId.toLowerCase() } : {}),
      },
    };
  }
  if (q.signal === 'traces') {
    if (q.traceId !== undefined) return { kind: 'trace', traceId: q.traceId.toLowerCase() };
    return {
      kind: 'traces',
      query: {
        ...service,
        ...time,
        limit,
        ...(q.operation !== undefined ? { operation: q.operation } : {}),
        ...(q.status !== undefined ? { status: q.status } : {}),
        ...(q.minDurationMs !== undefined ? { minDurationNs: ns(q.minDurationMs) } : {}),
        ...(q.maxDurationMs !== undefined ? { maxDurationNs: ns(q.maxDurationMs) } : {}),
        ...(attributes ? { attributes } : {}),
      },
    };
  }
  if (q.metric !== undefined) {
    return {
      kind: 'metric',
      query: {
        name: q.metric,
        ...service,
        ...time,
        stepMs,
        agg: q.aggregation ? AGG[q.aggregation]! : 'value',
        ...(attributes ? { attributes } : {}),
      },
      unit: '',
    };
  }
  if (q.intent === undefined)
    throw new ParameterError('metric', 'a metrics query needs a metric name or an intent');
  if (q.intent.kind === 'saturation') {
    const cpu = q.intent.resource === 'cpu';
    return {
      kind: 'metric-candidates',
      names: cpu ? LOCAL_CPU_METRICS : LOCAL_MEMORY_METRICS,
      query: { ...service, ...time, stepMs, agg: 'avg', ...(attributes ? { attributes } : {}) },
      unit: cpu ? 'ratio' : 'bytes',
    };
  }
  return {
    kind: 'spans',
    intent: q.intent,
    traces: { ...service, ...time, limit: maxTraces, ...(attributes ? { attributes } : {}) },
    stepMs,
    groupByService: q.groupBy.includes('service') || q.groupBy.includes('service.name'),
    unit: q.intent.kind === 'error_rate' ? 'ratio' : q.intent.kind === 'latency' ? 'ms' : '1/s',
  };
}

/** The plan as text (bigints as strings), shown as the "native query" of the local store. */
export function describeLocalPlan(plan: LocalPlan): string {
  const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
  switch (plan.kind) {
    case 'logs':
      return `store.findLogs(${json(plan.query)})`;
    case 'traces':
      return `store.findTraces(${json(plan.query)})`;
    case 'trace':
      return `store.getTrace(${json(plan.traceId)})`;
    case 'metric':
      return `store.queryMetrics(${json(plan.query)})`;
    case 'metric-candidates':
      return `store.queryMetrics(${json({ name: plan.names, ...plan.query })})`;
    case 'spans':
      return `${plan.intent.kind}${plan.intent.kind === 'latency' ? `(${plan.intent.stat})` : ''} from server spans of store.findTraces(${json(plan.traces)}), step ${plan.stepMs}ms`;
  }
}
