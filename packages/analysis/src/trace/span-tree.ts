/**
 * @module The indexed form of one trace: spans as struct-of-arrays with
 * relative nanosecond offsets, resolved parents (orphans and cycles become
 * extra roots), clock-skew-adjusted times, depths and a preorder.
 */
import { ParameterError } from '@switchyard/core';
import type { AnalysisSpan } from './analysis-span.js';
import { adjustClockSkew, type ClockSkewAdjustment } from './clock-skew.js';

/** A span treated as a root although it names a parent. */
export interface OrphanSpan {
  spanId: string;
  service: string;
  name: string;
  /** The parent id the span names ('' never appears here). */
  missingParentSpanId: string;
  /** `missing_parent`: the parent is not in the trace; `cycle`: the parent chain loops. */
  reason: 'missing_parent' | 'cycle';
}

export interface SpanTree {
  traceId: string;
  /** Spans after de-duplication by span id (first occurrence wins), in input order. */
  spans: AnalysisSpan[];
  ignoredDuplicates: number;
  /** Earliest original start; offsets below are relative to it. */
  originUnixNano: bigint;
  /** Start/end offsets in ns after clock-skew adjustment (end ≥ start). */
  start: Float64Array;
  end: Float64Array;
  /** Parent index, -1 for roots (true roots, orphans and cycle breakers). */
  parent: Int32Array;
  /** Children per span, sorted by start, longer first, then span id. */
  children: number[][];
  /** Roots sorted like children. */
  roots: number[];
  depth: Int32Array;
  /** Depth-first preorder over all roots, children by start. */
  preorder: number[];
  orphans: OrphanSpan[];
  clockSkewAdjustments: ClockSkewAdjustment[];
}

export function buildSpanTree(input: readonly AnalysisSpan[]): SpanTree {
  const spans: AnalysisSpan[] = [];
  const indexById = new Map<string, number>();
  for (const span of input) {
    if (indexById.has(span.spanId)) continue;
    indexById.set(span.spanId, spans.length);
    spans.push(span);
  }
  const n = spans.length;
  const traceId = spans[0]?.traceId ?? '';
  for (const span of spans) {
    if (span.traceId !== traceId) {
      throw new ParameterError(
        'spans',
        `spans of more than one trace (${traceId} and ${span.traceId})`,
        'analyse one trace at a time; group spans by traceId first',
      );
    }
  }

  let origin = spans[0]?.startTimeUnixNano ?? 0n;
  for (const span of spans) if (span.startTimeUnixNano < origin) origin = span.startTimeUnixNano;
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const span = spans[i]!;
    start[i] = Number(span.startTimeUnixNano - origin);
    end[i] = Math.max(start[i]!, Number(span.endTimeUnixNano - origin));
  }

  const parent = new Int32Array(n).fill(-1);
  const children: number[][] = Array.from({ length: n }, () => []);
  const orphans: OrphanSpan[] = [];
  const rootSet: number[] = [];
  for (let i = 0; i < n; i++) {
    const span = spans[i]!;
    if (span.parentSpanId === '') {
      rootSet.push(i);
      continue;
    }
    const p = indexById.get(span.parentSpanId);
    if (p === undefined || p === i) {
      rootSet.push(i);
      orphans.push(orphanOf(span, p === undefined ? 'missing_parent' : 'cycle'));
      continue;
    }
    parent[i] = p;
    children[p]!.push(i);
  }

  // Breadth-first order from the roots; spans never reached sit on a parent cycle.
  const bfs = breadthFirst(rootSet, children, n);
  if (bfs.length < n) breakCycles(spans, start, parent, children, rootSet, orphans, bfs);

  const clockSkewAdjustments = adjustClockSkew(spans, start, end, parent, bfs);
  // A shifted child may have been the earliest span: re-anchor offsets at the earliest adjusted start.
  let earliest = n > 0 ? Number.POSITIVE_INFINITY : 0;
  for (let i = 0; i < n; i++) earliest = Math.min(earliest, start[i]!);
  if (earliest !== 0) {
    for (let i = 0; i < n; i++) {
      start[i] = start[i]! - earliest;
      end[i] = end[i]! - earliest;
    }
    origin += BigInt(earliest);
  }

  const byStart = (a: number, b: number): number =>
    start[a]! - start[b]! || end[b]! - end[a]! || compareIds(spans[a]!.spanId, spans[b]!.spanId);
  for (const list of children) if (list.length > 1) list.sort(byStart);
  const roots = rootSet.slice().sort(byStart);

  const depth = new Int32Array(n);
  const preorder: number[] = [];
  const stack: number[] = [];
  for (let r = roots.length - 1; r >= 0; r--) stack.push(roots[r]!);
  while (stack.length > 0) {
    const i = stack.pop()!;
    preorder.push(i);
    const kids = children[i]!;
    for (let k = kids.length - 1; k >= 0; k--) {
      const c = kids[k]!;
      depth[c] = depth[i]! + 1;
      stack.push(c);
    }
  }

  return {
    traceId,
    spans,
    ignoredDuplicates: input.length - n,
    originUnixNano: origin,
    start,
    end,
    parent,
    children,
    roots,
    depth,
    preorder,
    orphans,
    clockSkewAdjustments,
  };
}

function orphanOf(span: AnalysisSpan, reason: OrphanSpan['reason']): OrphanSpan {
  return {
    spanId: span.spanId,
    service: span.service,
    name: span.name,
    missingParentSpanId: span.parentSpanId,
    reason,
  };
}

function breadthFirst(roots: readonly number[], children: readonly number[][], n: number): number[] {
  const order: number[] = [];
  const seen = new Uint8Array(n);
  appendBreadthFirst(roots, children, seen, order);
  return order;
}

function appendBreadthFirst(
  from: readonly number[],
  children: readonly number[][],
  seen: Uint8Array,
  order: number[],
): void {
  let head = order.length;
  for (const r of from) {
    if (seen[r]) continue;
    seen[r] = 1;
    order.push(r);
  }
  while (head < order.length) {
    const i = order[head++]!;
    for (const c of children[i]!) {
      if (seen[c]) continue;
      seen[c] = 1;
      order.push(c);
    }
  }
}

/** Cuts each parent cycle at its earliest-starting span, which becomes a root. */
function breakCycles(
  spans: readonly AnalysisSpan[],
  start: Float64Array,
  parent: Int32Array,
  children: number[][],
  roots: number[],
  orphans: OrphanSpan[],
  order: number[],
): void {
  const seen = new Uint8Array(spans.length);
  for (const i of order) seen[i] = 1;
  const unreached: number[] = [];
  for (let i = 0; i < spans.length; i++) if (!seen[i]) unreached.push(i);
  unreached.sort((a, b) => start[a]! - start[b]! || compareIds(spans[a]!.spanId, spans[b]!.spanId));
  for (const i of unreached) {
    if (seen[i]) continue;
    const p = parent[i]!;
    const siblings = children[p]!;
    siblings.splice(siblings.indexOf(i), 1);
    parent[i] = -1;
    roots.push(i);
    orphans.push(orphanOf(spans[i]!, 'cycle'));
    appendBreadthFirst([i], children, seen, order);
  }
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
