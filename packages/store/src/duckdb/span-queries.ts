/** @module Trace reads: one trace by id, and trace search with summaries. */
import type { SpanEvent, SpanKind, SpanLink, StatusCode } from '@switchyard/core';
import { attributesFromJson, attributesFromParsed } from '@switchyard/core';
import type { StoredSpan, TraceQuery, TraceSummary } from '../telemetry-store.js';
import type { ResourceRegistry } from './resource-registry.js';
import { attributeEquals, Params, type Row, type SqlReader, toBigInt, toNumber, toStr } from './sql.js';

interface EventJson {
  t: string;
  n: string;
  a: unknown;
  d: number;
}

interface LinkJson {
  tr: string;
  sp: string;
  ts: string;
  a: unknown;
  d: number;
  f: number;
}

function decodeEvents(json: string): SpanEvent[] {
  if (json === '[]') return [];
  return (JSON.parse(json) as EventJson[]).map((e) => ({
    timeUnixNano: BigInt(e.t),
    name: e.n,
    attributes: attributesFromParsed(e.a),
    droppedAttributesCount: e.d,
  }));
}

function decodeLinks(json: string): SpanLink[] {
  if (json === '[]') return [];
  return (JSON.parse(json) as LinkJson[]).map((l) => ({
    traceId: l.tr,
    spanId: l.sp,
    traceState: l.ts,
    attributes: attributesFromParsed(l.a),
    droppedAttributesCount: l.d,
    flags: l.f,
  }));
}

function decodeSpan(r: Row, registry: ResourceRegistry): StoredSpan {
  return {
    traceId: toStr(r.trace_id),
    spanId: toStr(r.span_id),
    traceState: toStr(r.trace_state),
    parentSpanId: toStr(r.parent_span_id),
    flags: toNumber(r.flags),
    name: toStr(r.name),
    kind: toNumber(r.kind) as SpanKind,
    startTimeUnixNano: toBigInt(r.start_ns),
    endTimeUnixNano: toBigInt(r.end_ns),
    attributes: attributesFromJson(toStr(r.attributes)),
    droppedAttributesCount: toNumber(r.dropped_attributes),
    events: decodeEvents(toStr(r.events)),
    droppedEventsCount: toNumber(r.dropped_events),
    links: decodeLinks(toStr(r.links)),
    droppedLinksCount: toNumber(r.dropped_links),
    status: { code: toNumber(r.status_code) as StatusCode, message: toStr(r.status_message) },
    resource: registry.resource(toNumber(r.resource_id)),
    scope: registry.scope(toNumber(r.scope_id)),
  };
}

export async function getTrace(
  db: SqlReader,
  registry: ResourceRegistry,
  traceId: string,
): Promise<StoredSpan[]> {
  const rows = await db.all('SELECT * FROM spans WHERE trace_id = $1 ORDER BY start_ns, span_id', [traceId]);
  return rows.map((r) => decodeSpan(r, registry));
}

/** Root = the span without a parent (earliest if several), else the earliest span. */
const ROOT_ORDER = `{'child': parent_span_id <> '', 'start': start_ns}`;

/**
 * Two steps: pick the newest matching trace ids (conditions over the spans in the time range, any
 * span may satisfy each condition), then summarise those traces over all their spans.
 */
export async function findTraces(db: SqlReader, q: TraceQuery): Promise<TraceSummary[]> {
  const p = new Params();
  const where: string[] = [];
  if (q.startNs !== undefined) where.push(`start_ns >= ${p.add(q.startNs)}`);
  if (q.endNs !== undefined) where.push(`start_ns <= ${p.add(q.endNs)}`);
  const having: string[] = [];
  if (q.service !== undefined) having.push(`bool_or(service = ${p.add(q.service)})`);
  if (q.operation !== undefined) having.push(`bool_or(name = ${p.add(q.operation)})`);
  if (q.status === 'error') having.push('bool_or(status_code = 2)');
  if (q.status === 'ok') having.push('NOT bool_or(status_code = 2)');
  if (q.minDurationNs !== undefined) having.push(`max(end_ns) - min(start_ns) >= ${p.add(q.minDurationNs)}`);
  if (q.maxDurationNs !== undefined) having.push(`max(end_ns) - min(start_ns) <= ${p.add(q.maxDurationNs)}`);
  for (const [key, value] of Object.entries(q.attributes ?? {})) {
    const onSpan = attributeEquals('attributes', key, value, p);
    const onResource = attributeEquals('r.attributes', key, value, p);
    having.push(`bool_or(${onSpan} OR resource_id IN (SELECT r.id FROM resources r WHERE ${onResource}))`);
  }
  const limit = Math.max(0, Math.floor(q.limit));
  const pick =
    `SELECT trace_id, min(start_ns) AS trace_start FROM spans` +
    (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
    ` GROUP BY trace_id` +
    (having.length ? ` HAVING ${having.join(' AND ')}` : '') +
    ` ORDER BY trace_start DESC, trace_id LIMIT ${p.add(limit)}`;
  const picked = await db.all(pick, p.values);
  if (picked.length === 0) return [];
  const ids = picked.map((r) => toStr(r.trace_id));
  const p2 = new Params();
  const inList = ids.map((id) => p2.add(id)).join(', ');
  const rows = await db.all(
    `SELECT trace_id, min(start_ns) AS start_ns, max(end_ns) AS end_ns, count(*) AS span_count,
        count_if(status_code = 2) AS error_count,
        arg_min(service, ${ROOT_ORDER}) AS root_service, arg_min(name, ${ROOT_ORDER}) AS root_name,
        list_sort(list(DISTINCT service)) AS services
      FROM spans WHERE trace_id IN (${inList}) GROUP BY trace_id`,
    p2.values,
  );
  const byId = new Map(rows.map((r) => [toStr(r.trace_id), r]));
  const out: TraceSummary[] = [];
  for (const id of ids) {
    const r = byId.get(id);
    if (!r) continue;
    const start = toBigInt(r.start_ns);
    out.push({
      traceId: id,
      rootService: toStr(r.root_service),
      rootName: toStr(r.root_name),
      startTimeUnixNano: start,
      durationNs: toBigInt(r.end_ns) - start,
      spanCount: toNumber(r.span_count),
      errorCount: toNumber(r.error_count),
      services: (r.services as unknown[]).map(toStr),
    });
  }
  return out;
}
