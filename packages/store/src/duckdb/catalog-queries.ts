/** @module Service and metric catalogues, change events and store statistics. */
import type { MetricType } from '@switchyard/core';
import type {
  ChangeEvent,
  ChangeEventQuery,
  MetricDescriptor,
  ServiceSummary,
  StoreStats,
} from '../telemetry-store.js';
import { Params, type SqlReader, toBigInt, toNumber, toStr } from './sql.js';

export async function services(db: SqlReader): Promise<ServiceSummary[]> {
  const byName = new Map<string, ServiceSummary>();
  const entry = (name: string): ServiceSummary => {
    let s = byName.get(name);
    if (!s) {
      s = { name, spanCount: 0, errorCount: 0, logCount: 0, lastSeenUnixNano: 0n };
      byName.set(name, s);
    }
    return s;
  };
  const seen = (s: ServiceSummary, t: unknown) => {
    const ns = toBigInt(t ?? 0n);
    if (ns > s.lastSeenUnixNano) s.lastSeenUnixNano = ns;
  };
  for (const r of await db.all(
    'SELECT service, count(*) AS n, count_if(status_code = 2) AS errors, max(end_ns) AS last FROM spans GROUP BY service',
  )) {
    const s = entry(toStr(r.service));
    s.spanCount = toNumber(r.n);
    s.errorCount = toNumber(r.errors);
    seen(s, r.last);
  }
  for (const r of await db.all(
    'SELECT service, count(*) AS n, max(ts_ns) AS last FROM logs GROUP BY service',
  )) {
    const s = entry(toStr(r.service));
    s.logCount = toNumber(r.n);
    seen(s, r.last);
  }
  for (const r of await db.all('SELECT service, max(time_ns) AS last FROM metric_points GROUP BY service')) {
    seen(entry(toStr(r.service)), r.last);
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export async function metricNames(db: SqlReader, service?: string): Promise<MetricDescriptor[]> {
  const p = new Params();
  const where = service === undefined ? '' : ` WHERE service = ${p.add(service)}`;
  const rows = await db.all(
    `SELECT name, arg_max(type, time_ns) AS type, arg_max(unit, time_ns) AS unit,
        arg_max(description, time_ns) AS description, list_sort(list(DISTINCT service)) AS services
      FROM metric_points${where} GROUP BY name ORDER BY name`,
    p.values,
  );
  return rows.map((r) => ({
    name: toStr(r.name),
    type: toStr(r.type) as MetricType,
    unit: toStr(r.unit),
    description: toStr(r.description),
    services: (r.services as unknown[]).map(toStr),
  }));
}

export async function changeEvents(db: SqlReader, q: ChangeEventQuery): Promise<ChangeEvent[]> {
  const p = new Params();
  const where: string[] = [];
  if (q.service !== undefined) where.push(`service = ${p.add(q.service)}`);
  if (q.kind !== undefined) where.push(`kind = ${p.add(q.kind)}`);
  if (q.startNs !== undefined) where.push(`time_ns >= ${p.add(q.startNs)}`);
  if (q.endNs !== undefined) where.push(`time_ns <= ${p.add(q.endNs)}`);
  const rows = await db.all(
    `SELECT * FROM change_events${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
      ORDER BY time_ns DESC, id LIMIT ${p.add(Math.max(0, Math.floor(q.limit)))}`,
    p.values,
  );
  return rows.map((r) => ({
    id: toStr(r.id),
    timeUnixNano: toBigInt(r.time_ns),
    kind: toStr(r.kind),
    service: toStr(r.service),
    description: toStr(r.description),
    attributes: JSON.parse(toStr(r.attributes)) as Record<string, string>,
  }));
}

/** Bytes the database uses (used blocks × block size, plus the WAL). */
export async function usedBytes(db: SqlReader): Promise<number> {
  const [r] = await db.all('PRAGMA database_size');
  if (!r) return 0;
  const wal = /^([\d.]+) (bytes|KiB|MiB|GiB)$/.exec(toStr(r.wal_size));
  const unit = { bytes: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 } as const;
  const walBytes = wal ? Number(wal[1]) * unit[wal[2] as keyof typeof unit] : 0;
  return toNumber(r.used_blocks) * toNumber(r.block_size) + walBytes;
}

export async function stats(db: SqlReader): Promise<StoreStats> {
  const [r] = await db.all(
    'SELECT (SELECT count(*) FROM spans) AS spans, (SELECT count(*) FROM logs) AS logs, (SELECT count(*) FROM metric_points) AS points',
  );
  return {
    bytes: await usedBytes(db),
    spans: toNumber(r?.spans),
    logs: toNumber(r?.logs),
    points: toNumber(r?.points),
  };
}
