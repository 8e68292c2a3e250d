/** @module Log search. */

import { attributesFromJson, attrValueFromJson } from '@switchyard/core';
import type { LogQuery, StoredLog } from '../telemetry-store.js';
import type { ResourceRegistry } from './resource-registry.js';
import { Params, type SqlReader, toBigInt, toNumber, toStr } from './sql.js';

export async function findLogs(db: SqlReader, registry: ResourceRegistry, q: LogQuery): Promise<StoredLog[]> {
  const p = new Params();
  const where: string[] = [];
  if (q.service !== undefined) where.push(`service = ${p.add(q.service)}`);
  if (q.minSeverity !== undefined) where.push(`severity_number >= ${p.add(q.minSeverity)}`);
  // contains() rather than ILIKE: user text must not act as a LIKE pattern.
  if (q.text !== undefined && q.text !== '')
    where.push(`contains(lower(body_text), lower(${p.add(q.text)}))`);
  if (q.traceId !== undefined) where.push(`trace_id = ${p.add(q.traceId)}`);
  if (q.startNs !== undefined) where.push(`ts_ns >= ${p.add(q.startNs)}`);
  if (q.endNs !== undefined) where.push(`ts_ns <= ${p.add(q.endNs)}`);
  const sql =
    `SELECT * FROM logs` +
    (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
    ` ORDER BY ts_ns DESC LIMIT ${p.add(Math.max(0, Math.floor(q.limit)))}`;
  const rows = await db.all(sql, p.values);
  return rows.map((r) => ({
    timeUnixNano: toBigInt(r.time_ns),
    observedTimeUnixNano: toBigInt(r.observed_ns),
    severityNumber: toNumber(r.severity_number),
    severityText: toStr(r.severity_text),
    body: attrValueFromJson(toStr(r.body)),
    attributes: attributesFromJson(toStr(r.attributes)),
    droppedAttributesCount: toNumber(r.dropped_attributes),
    flags: toNumber(r.flags),
    traceId: toStr(r.trace_id),
    spanId: toStr(r.span_id),
    eventName: toStr(r.event_name),
    resource: registry.resource(toNumber(r.resource_id)),
    scope: registry.scope(toNumber(r.scope_id)),
  }));
}
