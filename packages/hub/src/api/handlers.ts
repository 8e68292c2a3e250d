/**
 * @module HTTP API handlers: parse parameters, call the store, shape JSON. No business logic here.
 */
import { ParameterError } from '@switchyard/core';
import type { TelemetryStore } from '@switchyard/store';
import {
  attributeParams,
  enumParam,
  intParam,
  METRIC_AGGREGATIONS,
  numberParam,
  optionalString,
  type Params,
  rejectUnknown,
  severityParam,
  stepParam,
  timeParam,
  traceIdParam,
} from './params.js';
import { logToJson, spanToJson, traceSummaryToJson } from './serialize.js';

export interface ApiContext {
  store: TelemetryStore;
  now(): bigint;
}

export class NotFoundError extends Error {}

const MS = 1_000_000n;

function range(p: Params, now: bigint): { startNs?: bigint; endNs?: bigint } {
  const startNs = timeParam(p, 'start', now);
  const endNs = timeParam(p, 'end', now);
  if (startNs !== undefined && endNs !== undefined && startNs > endNs)
    throw new ParameterError('start', 'is after end');
  return { ...(startNs !== undefined && { startNs }), ...(endNs !== undefined && { endNs }) };
}

export async function listServices(ctx: ApiContext, p: Params): Promise<unknown> {
  rejectUnknown(p, []);
  const services = await ctx.store.services();
  return {
    services: services.map((s) => ({
      name: s.name,
      spanCount: s.spanCount,
      errorCount: s.errorCount,
      logCount: s.logCount,
      lastSeenUnixNano: s.lastSeenUnixNano.toString(),
    })),
  };
}

export async function getTrace(ctx: ApiContext, p: Params, traceId: string): Promise<unknown> {
  rejectUnknown(p, []);
  const id = traceIdParam(traceId, 'traceId');
  const spans = await ctx.store.getTrace(id);
  if (spans.length === 0) throw new NotFoundError(`trace ${id} not found`);
  return { traceId: id, spans: spans.map(spanToJson) };
}

export async function findTraces(ctx: ApiContext, p: Params): Promise<unknown> {
  rejectUnknown(p, [
    'service',
    'operation',
    'status',
    'minDurationMs',
    'maxDurationMs',
    'start',
    'end',
    'limit',
  ]);
  const min = numberParam(p, 'minDurationMs');
  const max = numberParam(p, 'maxDurationMs');
  const service = optionalString(p, 'service');
  const operation = optionalString(p, 'operation');
  const status = enumParam(p, 'status', ['ok', 'error'] as const);
  const attributes = attributeParams(p);
  const traces = await ctx.store.findTraces({
    ...range(p, ctx.now()),
    ...(service !== undefined && { service }),
    ...(operation !== undefined && { operation }),
    ...(status !== undefined && { status }),
    ...(min !== undefined && { minDurationNs: BigInt(Math.round(min * 1e6)) }),
    ...(max !== undefined && { maxDurationNs: BigInt(Math.round(max * 1e6)) }),
    ...(attributes !== undefined && { attributes }),
    limit: intParam(p, 'limit', 20, 1, 1000),
  });
  return { traces: traces.map(traceSummaryToJson) };
}

export async function findLogs(ctx: ApiContext, p: Params): Promise<unknown> {
  rejectUnknown(p, ['service', 'severity', 'q', 'traceId', 'start', 'end', 'limit']);
  const service = optionalString(p, 'service');
  const minSeverity = severityParam(p, 'severity');
  const text = optionalString(p, 'q');
  const rawTrace = optionalString(p, 'traceId');
  const logs = await ctx.store.findLogs({
    ...range(p, ctx.now()),
    ...(service !== undefined && { service }),
    ...(minSeverity !== undefined && { minSeverity }),
    ...(text !== undefined && { text }),
    ...(rawTrace !== undefined && { traceId: traceIdParam(rawTrace, 'traceId') }),
    limit: intParam(p, 'limit', 100, 1, 5000),
  });
  return { logs: logs.map(logToJson) };
}

export async function queryMetrics(ctx: ApiContext, p: Params): Promise<unknown> {
  rejectUnknown(p, ['name', 'service', 'start', 'end', 'step', 'agg']);
  const name = optionalString(p, 'name');
  if (name === undefined)
    throw new ParameterError('name', 'is required', 'list names with GET /api/metrics/names');
  const service = optionalString(p, 'service');
  const stepMs = stepParam(p, 'step');
  const agg = enumParam(p, 'agg', METRIC_AGGREGATIONS);
  const attributes = attributeParams(p);
  const { startNs, endNs } = range(p, ctx.now());
  const effectiveStart = startNs ?? ctx.now() - 3_600_000n * MS;
  if (stepMs !== undefined) {
    const end = endNs ?? ctx.now();
    const buckets = Number((end - effectiveStart) / MS) / stepMs;
    if (buckets > 11_000)
      throw new ParameterError(
        'step',
        `would produce ${Math.ceil(buckets)} points per series (max 11000)`,
        'use a larger step',
      );
  }
  const series = await ctx.store.queryMetrics({
    name,
    startNs: effectiveStart,
    ...(endNs !== undefined && { endNs }),
    ...(service !== undefined && { service }),
    ...(stepMs !== undefined && { stepMs }),
    ...(agg !== undefined && { agg }),
    ...(attributes !== undefined && { attributes }),
  });
  return { series };
}

export async function metricNames(ctx: ApiContext, p: Params): Promise<unknown> {
  rejectUnknown(p, ['service']);
  const service = optionalString(p, 'service');
  return { metrics: await ctx.store.metricNames(service) };
}

export async function listChangeEvents(ctx: ApiContext, p: Params): Promise<unknown> {
  rejectUnknown(p, ['service', 'kind', 'start', 'end', 'limit']);
  const service = optionalString(p, 'service');
  const kind = optionalString(p, 'kind');
  const events = await ctx.store.changeEvents({
    ...range(p, ctx.now()),
    ...(service !== undefined && { service }),
    ...(kind !== undefined && { kind }),
    limit: intParam(p, 'limit', 100, 1, 1000),
  });
  return { events: events.map((e) => ({ ...e, timeUnixNano: e.timeUnixNano.toString() })) };
}

export async function recordChangeEvent(ctx: ApiContext, body: unknown): Promise<unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ParameterError('body', 'must be a JSON object');
  const b = body as Record<string, unknown>;
  const str = (k: string, required: boolean): string | undefined => {
    const v = b[k];
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string' || v === '' || v.length > 2048)
      throw new ParameterError(k, 'must be a non-empty string');
    return v;
  };
  const attrs = b.attributes ?? {};
  if (typeof attrs !== 'object' || attrs === null || Array.isArray(attrs))
    throw new ParameterError('attributes', 'must be an object of strings');
  const attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) attributes[k] = String(v);
  const time =
    b.time === undefined
      ? ctx.now()
      : timeParam(new URLSearchParams({ time: String(b.time) }), 'time', ctx.now())!;
  const event = await ctx.store.recordChangeEvent({
    timeUnixNano: time,
    kind: str('kind', true)!,
    service: str('service', true)!,
    description: str('description', false) ?? '',
    attributes,
  });
  return { ...event, timeUnixNano: event.timeUnixNano.toString() };
}
