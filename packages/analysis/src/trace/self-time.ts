/**
 * @module Self time: a span's duration minus the union of its children's
 * intervals (clipped to the span), so overlapping parallel children are not
 * double-subtracted; aggregated per service and per operation.
 */
import type { SpanTree } from './span-tree.js';

export interface ServiceSelfTime {
  service: string;
  selfNs: number;
  /** selfNs as a fraction of the summed self time of all spans. */
  share: number;
  spanCount: number;
}

export interface OperationSelfTime {
  service: string;
  name: string;
  selfNs: number;
  share: number;
  count: number;
  /** Summed durations of the operation's spans. */
  totalNs: number;
}

/** Self time per span index. Children are sorted by start, so one sweep per span suffices. */
export function computeSelfTimes(tree: SpanTree): Float64Array {
  const n = tree.spans.length;
  const self = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = tree.start[i]!;
    const e = tree.end[i]!;
    let covered = 0;
    let runStart = -1;
    let runEnd = -1;
    for (const c of tree.children[i]!) {
      const cs = Math.max(s, tree.start[c]!);
      const ce = Math.min(e, tree.end[c]!);
      if (ce <= cs) continue;
      if (cs > runEnd) {
        covered += runEnd - runStart;
        runStart = cs;
        runEnd = ce;
      } else if (ce > runEnd) {
        runEnd = ce;
      }
    }
    covered += runEnd - runStart;
    self[i] = e - s - covered;
  }
  return self;
}

export function selfTimeByService(tree: SpanTree, self: Float64Array): ServiceSelfTime[] {
  const byService = new Map<string, ServiceSelfTime>();
  let total = 0;
  for (let i = 0; i < tree.spans.length; i++) {
    const service = tree.spans[i]!.service;
    let entry = byService.get(service);
    if (!entry) {
      entry = { service, selfNs: 0, share: 0, spanCount: 0 };
      byService.set(service, entry);
    }
    entry.selfNs += self[i]!;
    entry.spanCount++;
    total += self[i]!;
  }
  const out = [...byService.values()];
  for (const e of out) e.share = total > 0 ? e.selfNs / total : 0;
  return out.sort((a, b) => b.selfNs - a.selfNs || cmp(a.service, b.service));
}

export function selfTimeByOperation(tree: SpanTree, self: Float64Array): OperationSelfTime[] {
  const byOp = new Map<string, OperationSelfTime>();
  let total = 0;
  for (let i = 0; i < tree.spans.length; i++) {
    const span = tree.spans[i]!;
    const key = `${span.service}\u0000${span.name}`;
    let entry = byOp.get(key);
    if (!entry) {
      entry = { service: span.service, name: span.name, selfNs: 0, share: 0, count: 0, totalNs: 0 };
      byOp.set(key, entry);
    }
    entry.selfNs += self[i]!;
    entry.count++;
    entry.totalNs += tree.end[i]! - tree.start[i]!;
    total += self[i]!;
  }
  const out = [...byOp.values()];
  for (const e of out) e.share = total > 0 ? e.selfNs / total : 0;
  return out.sort((a, b) => b.selfNs - a.selfNs || cmp(a.service, b.service) || cmp(a.name, b.name));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
