/**
 * @module PromQL syntax check with Prometheus's own Lezer grammar: generated and user-written
 * queries are parsed before they are sent, and any error node rejects the query.
 */
import { parser } from '@prometheus-io/lezer-promql';
import { ParameterError } from '@switchyard/core';

/** Position of the first syntax error, or null when the query parses cleanly. */
export function promqlErrorPosition(query: string): number | null {
  if (query.trim() === '') return 0;
  const tree = parser.parse(query);
  let pos: number | null = null;
  tree.iterate({
    enter(node) {
      if (pos !== null) return false;
      if (node.type.isError) {
        pos = node.from;
        return false;
      }
      return undefined;
    },
  });
  return pos;
}

/** Throws ParameterError (`param`, default `promql`) pointing at the first syntax error. */
export function validatePromQL(query: string, param = 'promql'): void {
  const pos = promqlErrorPosition(query);
  if (pos === null) return;
  const near = query.slice(Math.max(0, pos - 15), pos + 15);
  throw new ParameterError(
    param,
    `invalid PromQL: syntax error at offset ${pos} near '${near}'`,
    'check brackets, quotes and operators; e.g. sum(rate(http_requests_total[5m]))',
  );
}
