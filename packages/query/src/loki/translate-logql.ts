/** @module Unified logs query → LogQL. Pure, golden-tested. */
import { ParameterError } from '@switchyard/core';
import { severitiesAtLeast } from '../model/severity.js';
import type { UnifiedQuery } from '../model/unified-query.js';
import { promLabelName, promString } from '../prometheus/promql-syntax.js';

export interface LogQLOptions {
  /** Stream label naming the service (default `service_name`, what Loki sets from OTLP). */
  serviceLabel?: string;
  /** Label or structured-metadata key holding the level (default `detected_level`). */
  levelLabel?: string;
}

/** Escapes regex metacharacters so text matches literally inside `|~`. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A LogQL stream selector for the query's service and filters. */
export function lokiSelector(q: UnifiedQuery, opts: LogQLOptions = {}): string {
  const serviceLabel = opts.serviceLabel ?? 'service_name';
  const all = [
    ...(q.service !== undefined ? [{ key: serviceLabel, op: '=' as const, value: q.service }] : []),
    ...q.filters.map((f) => ({ key: promLabelName(f.key), op: f.op, value: f.value })),
  ];
  // Loki rejects selectors whose matchers all match the empty string; anchor on the service label then.
  const anchored = all.some(
    (m) => (m.op === '=' && m.value !== '') || (m.op === '=~' && !/^(\.\*)?$/.test(m.value)),
  );
  const matchers = all.map((m) => `${m.key}${m.op}${promString(m.value)}`);
  if (!anchored) matchers.unshift(`${serviceLabel}=~".+"`);
  return `{${matchers.join(', ')}}`;
}

/** Light structural check of user LogQL (there is no LogQL parser in JS): a `{…}` selector, balanced quotes. */
export function validateLogQL(query: string): void {
  const s = query.trim();
  const open = s.indexOf('{');
  if (open < 0 || s.indexOf('}', open) < 0) {
    throw new ParameterError('logql', 'LogQL needs a stream selector such as {service_name="checkout"}');
  }
  let quote: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === '\\' && quote !== '`') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === '`') quote = c;
  }
  if (quote) throw new ParameterError('logql', 'unterminated string in LogQL');
}

export function translateLogQL(q: UnifiedQuery, opts: LogQLOptions = {}): string {
  if (q.native) {
    if (q.native.language !== 'logql') {
      throw new ParameterError('native.language', `a Loki source runs logql, not ${q.native.language}`);
    }
    validateLogQL(q.native.query);
    return q.native.query;
  }
  if (q.signal !== 'logs') {
    throw new ParameterError('signal', `Loki holds logs, not ${q.signal}`);
  }
  const parts = [lokiSelector(q, opts)];
  if (q.text !== undefined) parts.push(`|~ ${promString(`(?i)${escapeRegex(q.text)}`)}`);
  if (q.traceId !== undefined) parts.push(`| trace_id=${promString(q.traceId.toLowerCase())}`);
  if (q.severity !== undefined) {
    const levelLabel = opts.levelLabel ?? 'detected_level';
    const names = severitiesAtLeast(q.severity).flatMap((s) =>
      s === 'warn' ? ['warn', 'warning'] : s === 'fatal' ? ['fatal', 'critical'] : [s],
    );
    parts.push(`| ${levelLabel}=~${promString(`(?i)${names.join('|')}`)}`);
  }
  return parts.join(' ');
}
