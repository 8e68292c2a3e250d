/**
 * @module Shared log helpers for the log tools: body as text, severity label, the reader query.
 */
import { type AttrValue, attrValueToPlainJson, serviceNameOf } from '@switchyard/core';
import type { LogQuery, StoredLog } from '@switchyard/store';

export function bodyText(body: AttrValue): string {
  if (typeof body === 'string') return body;
  if (body === null) return '';
  return JSON.stringify(attrValueToPlainJson(body));
}

const LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];

/** The record's severity text, else the level its number falls in. */
export function severityLabel(log: StoredLog): string {
  if (log.severityText !== '') return log.severityText.toUpperCase();
  if (log.severityNumber <= 0) return 'UNSET';
  return LEVELS[Math.min(5, Math.floor((log.severityNumber - 1) / 4))] ?? 'UNSET';
}

export function logService(log: StoredLog): string {
  return serviceNameOf(log.resource);
}

export function buildLogQuery(
  args: { service?: string | undefined; text?: string | undefined; traceId?: string | undefined },
  minSeverity: number | undefined,
  range: { startNs: bigint; endNs: bigint },
  limit: number,
): LogQuery {
  return {
    ...(args.service !== undefined && { service: args.service }),
    ...(minSeverity !== undefined && { minSeverity }),
    ...(args.text !== undefined && { text: args.text }),
    ...(args.traceId !== undefined && { traceId: args.traceId.toLowerCase() }),
    startNs: range.startNs,
    endNs: range.endNs,
    limit,
  };
}

/** Counts by key, largest first, as "a 3, b 1". */
export function countText(counts: Map<string, number>): string {
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
}

export function tally<T>(items: readonly T[], key: (t: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const it of items) m.set(key(it), (m.get(key(it)) ?? 0) + 1);
  return m;
}
