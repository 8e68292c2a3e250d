/** @module Unified traces query → TraceQL. Pure, golden-tested. */
import { ParameterError } from '@switchyard/core';
import type { UnifiedQuery } from '../model/unified-query.js';
import { promString } from '../prometheus/promql-syntax.js';

/** `duration` literal TraceQL accepts (`250ms`, `1.5s`). */
export function traceqlDuration(ms: number): string {
  if (ms >= 1000 && ms % 1000 === 0) return `${ms / 1000}s`;
  if (Number.isInteger(ms)) return `${ms}ms`;
  return `${Math.round(ms * 1000)}us`;
}

/** An attribute reference: scoped keys stay (`span.x`, `resource.x`), others match any scope (`.x`). */
export function traceqlAttribute(key: string): string {
  const scoped = /^(span|resource|event|link|instrumentation)\./.test(key);
  const name = scoped ? key : `.${key}`;
  // Keys with characters outside TraceQL identifiers are quoted (`span."my key"`).
  return /^[a-zA-Z0-9_.:/-]+$/.test(key)
    ? name
    : `${scoped ? key.slice(0, key.indexOf('.') + 1) : '.'}${promString(scoped ? key.slice(key.indexOf('.') + 1) : key)}`;
}

export function translateTraceQL(q: UnifiedQuery): string {
  if (q.native) {
    if (q.native.language !== 'traceql') {
      throw new ParameterError('native.language', `a Tempo source runs traceql, not ${q.native.language}`);
    }
    const s = q.native.query.trim();
    if (!s.startsWith('{'))
      throw new ParameterError(
        'traceql',
        'TraceQL starts with a spanset such as { resource.service.name = "api" }',
      );
    return s;
  }
  if (q.signal !== 'traces') throw new ParameterError('signal', `Tempo holds traces, not ${q.signal}`);
  const conds: string[] = [];
  if (q.service !== undefined) conds.push(`resource.service.name = ${promString(q.service)}`);
  if (q.operation !== undefined) conds.push(`name = ${promString(q.operation)}`);
  if (q.status === 'error') conds.push('status = error');
  if (q.status === 'ok') conds.push('status != error');
  for (const f of q.filters) conds.push(`${traceqlAttribute(f.key)} ${f.op} ${promString(f.value)}`);
  if (q.minDurationMs !== undefined) conds.push(`traceDuration >= ${traceqlDuration(q.minDurationMs)}`);
  if (q.maxDurationMs !== undefined) conds.push(`traceDuration <= ${traceqlDuration(q.maxDurationMs)}`);
  return conds.length === 0 ? '{}' : `{ ${conds.join(' && ')} }`;
}
