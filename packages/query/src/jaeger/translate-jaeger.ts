/** @module Unified traces query → Jaeger HTTP API search parameters (`/api/traces`). Pure. */
import { ParameterError } from '@switchyard/core';
import type { ResolvedRange } from '../model/time-range.js';
import type { UnifiedQuery } from '../model/unified-query.js';
import { traceqlDuration } from '../tempo/translate-traceql.js';

export type JaegerSearch = Record<string, string>;

export function translateJaeger(q: UnifiedQuery, range: ResolvedRange, limit: number): JaegerSearch {
  if (q.native)
    throw new ParameterError('native', 'Jaeger has no query language; use service, operation and filters');
  if (q.signal !== 'traces') throw new ParameterError('signal', `Jaeger holds traces, not ${q.signal}`);
  if (q.service === undefined) {
    throw new ParameterError(
      'service',
      'Jaeger searches need a service',
      'name one; list them with list_services',
    );
  }
  const tags: Record<string, string> = {};
  for (const f of q.filters) {
    if (f.op !== '=')
      throw new ParameterError(`filters.${f.key}`, `Jaeger tags only match exactly (=), not ${f.op}`);
    tags[f.key] = f.value;
  }
  if (q.status === 'error') tags.error = 'true';
  if (q.status === 'ok') throw new ParameterError('status', 'Jaeger cannot search for traces without errors');
  const out: JaegerSearch = {
    service: q.service,
    start: `${Math.floor(range.startMs * 1000)}`,
    end: `${Math.ceil(range.endMs * 1000)}`,
    limit: String(limit),
  };
  if (q.operation !== undefined) out.operation = q.operation;
  if (Object.keys(tags).length > 0) out.tags = JSON.stringify(tags);
  if (q.minDurationMs !== undefined) out.minDuration = traceqlDuration(q.minDurationMs);
  if (q.maxDurationMs !== undefined) out.maxDuration = traceqlDuration(q.maxDurationMs);
  return out;
}

/** The search as a URL path, shown to users as the native query. */
export function jaegerSearchPath(s: JaegerSearch): string {
  return `/api/traces?${new URLSearchParams(s).toString()}`;
}
