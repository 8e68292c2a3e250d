/**
 * @module Visits every attribute map (resource, scope, item, span events and links, metric points) of a batch
 * in place — the shared traversal of the attribute-rewriting processors.
 */
import type { Attributes, TelemetryBatch } from '@switchyard/core';

export type AttributeOwner = 'resource' | 'scope' | 'item' | 'event' | 'link';

export function forEachAttributes(
  batch: TelemetryBatch,
  visit: (attrs: Attributes, owner: AttributeOwner) => void,
): void {
  switch (batch.signal) {
    case 'traces':
      for (const rs of batch.data.resourceSpans) {
        visit(rs.resource.attributes, 'resource');
        for (const ss of rs.scopeSpans) {
          visit(ss.scope.attributes, 'scope');
          for (const s of ss.spans) {
            visit(s.attributes, 'item');
            for (const e of s.events) visit(e.attributes, 'event');
            for (const l of s.links) visit(l.attributes, 'link');
          }
        }
      }
      return;
    case 'logs':
      for (const rl of batch.data.resourceLogs) {
        visit(rl.resource.attributes, 'resource');
        for (const sl of rl.scopeLogs) {
          visit(sl.scope.attributes, 'scope');
          for (const r of sl.logRecords) visit(r.attributes, 'item');
        }
      }
      return;
    case 'metrics':
      for (const rm of batch.data.resourceMetrics) {
        visit(rm.resource.attributes, 'resource');
        for (const sm of rm.scopeMetrics) {
          visit(sm.scope.attributes, 'scope');
          for (const m of sm.metrics) for (const p of m.data?.dataPoints ?? []) visit(p.attributes, 'item');
        }
      }
      return;
  }
}
