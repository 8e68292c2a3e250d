/**
 * @module Repetition patterns under one parent: N+1 (many similar child spans,
 * run one after another or with little concurrency — e.g. a query per item in
 * a loop) and fan-out (many children in flight at once).
 */
import { similarityKey } from './span-similarity.js';
import type { SpanTree } from './span-tree.js';

export interface SpanPattern {
  kind: 'n_plus_one' | 'fan_out';
  parentSpanId: string;
  parentService: string;
  parentName: string;
  service: string;
  /** Name of the first matching child; '*' for a fan-out over differently named children. */
  name: string;
  count: number;
  /** Summed durations of the matching children. */
  totalNs: number;
  /** Wall-clock time the children cover (union of their intervals). */
  wallNs: number;
  /** Most matching children in flight at one instant. */
  maxConcurrency: number;
  spanIds: string[];
}

export interface PatternOptions {
  /** Similar children needed for an N+1 (default 5). */
  nPlusOneMinCount?: number;
  /** Children in flight at once needed for a fan-out (default 10). */
  fanOutMinConcurrency?: number;
}

export function detectPatterns(tree: SpanTree, opts: PatternOptions = {}): SpanPattern[] {
  const nPlusOneMin = Math.max(2, opts.nPlusOneMinCount ?? 5);
  const fanOutMin = Math.max(2, opts.fanOutMinConcurrency ?? 10);
  const patterns: SpanPattern[] = [];
  for (let p = 0; p < tree.spans.length; p++) {
    const kids = tree.children[p]!;
    if (kids.length < Math.min(nPlusOneMin, fanOutMin)) continue;
    const groups = new Map<string, number[]>();
    for (const c of kids) {
      const span = tree.spans[c]!;
      const key = similarityKey(span.service, span.name);
      const group = groups.get(key);
      if (group) group.push(c);
      else groups.set(key, [c]);
    }
    let fanOutFound = false;
    for (const group of groups.values()) {
      if (group.length < Math.min(nPlusOneMin, fanOutMin)) continue;
      const concurrency = maxConcurrency(tree, group);
      if (concurrency >= fanOutMin) {
        patterns.push(patternOf(tree, 'fan_out', p, group, concurrency, false));
        fanOutFound = true;
      } else if (group.length >= nPlusOneMin) {
        patterns.push(patternOf(tree, 'n_plus_one', p, group, concurrency, false));
      }
    }
    if (!fanOutFound && groups.size > 1 && kids.length >= fanOutMin) {
      const concurrency = maxConcurrency(tree, kids);
      if (concurrency >= fanOutMin) patterns.push(patternOf(tree, 'fan_out', p, kids, concurrency, true));
    }
  }
  return patterns.sort(
    (a, b) =>
      b.totalNs - a.totalNs ||
      (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) ||
      (a.parentSpanId < b.parentSpanId ? -1 : a.parentSpanId > b.parentSpanId ? 1 : 0),
  );
}

function patternOf(
  tree: SpanTree,
  kind: SpanPattern['kind'],
  p: number,
  group: readonly number[],
  concurrency: number,
  mixed: boolean,
): SpanPattern {
  const parent = tree.spans[p]!;
  const first = tree.spans[group[0]!]!;
  let totalNs = 0;
  let wallNs = 0;
  let runStart = -1;
  let runEnd = -1;
  // `group` is sorted by start (children are), so the union is one sweep.
  for (const c of group) {
    const s = tree.start[c]!;
    const e = tree.end[c]!;
    totalNs += e - s;
    if (s > runEnd) {
      wallNs += runEnd - runStart;
      runStart = s;
      runEnd = e;
    } else if (e > runEnd) {
      runEnd = e;
    }
  }
  wallNs += runEnd - runStart;
  return {
    kind,
    parentSpanId: parent.spanId,
    parentService: parent.service,
    parentName: parent.name,
    service: mixed ? '*' : first.service,
    name: mixed ? '*' : first.name,
    count: group.length,
    totalNs,
    wallNs,
    maxConcurrency: concurrency,
    spanIds: group.map((c) => tree.spans[c]!.spanId),
  };
}

/** Peak overlap of intervals sorted by start; an interval ending exactly when another starts does not overlap it. */
function maxConcurrency(tree: SpanTree, sortedByStart: readonly number[]): number {
  const ends = sortedByStart.map((c) => tree.end[c]!).sort((a, b) => a - b);
  let current = 0;
  let peak = 1;
  let j = 0;
  for (const c of sortedByStart) {
    const s = tree.start[c]!;
    current++;
    while (j < ends.length && ends[j]! <= s) {
      j++;
      current--;
    }
    if (current > peak) peak = current;
  }
  return peak;
}
