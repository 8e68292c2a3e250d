/**
 * @module Critical path: the chain of spans that determines end-to-end latency.
 *
 * Walks backwards from the end: inside a span, among the children that started
 * before the cursor, the one that ends last is on the path (up to the cursor);
 * the time between its end and the cursor is the span's own time on the path;
 * the cursor then jumps to that child's start and the search repeats. Parallel
 * children that start after the cursor are thereby skipped, while a child still
 * running at the cursor (overlapping sequential work) is taken. Each span's
 * children sit in a max-heap by end, so the walk is O(n log n) overall; it is
 * iterative so a 10k-deep chain cannot overflow the stack.
 *
 * Scope `trace` (default) covers the whole trace: a span's effective end
 * includes async descendants that outlive it, and several roots sit under a
 * virtual root whose gaps are reported as unattributed. Scope `root` covers the
 * primary root's own duration (the request latency a caller saw): children are
 * clipped to their parent and work after the parent ended is ignored.
 */
import { IndexHeap } from './index-heap.js';
import type { SpanTree } from './span-tree.js';

export type CriticalPathScope = 'trace' | 'root';

export interface CriticalPathWalk {
  /** Span indexes on the path, ordered by effective start, then depth. */
  path: number[];
  /** Per span index: ns of its own time on the critical path. */
  selfOnPath: Float64Array;
  /** Length of the interval the path covers (trace duration, or primary root duration). */
  totalNs: number;
  /** Path time no span was running in: gaps between roots, or waits before async work began. */
  unattributedNs: number;
  /** Index of the primary root, -1 for an empty trace. */
  primaryRoot: number;
}

/** The root a request starts at: the longest true root, else the longest orphan root. */
export function primaryRootOf(tree: SpanTree): number {
  let best = -1;
  let bestTrue = false;
  for (const r of tree.roots) {
    const isTrue = tree.spans[r]!.parentSpanId === '';
    if (best < 0 || (isTrue && !bestTrue)) {
      best = r;
      bestTrue = isTrue;
      continue;
    }
    if (isTrue !== bestTrue) continue;
    const d = tree.end[r]! - tree.start[r]!;
    const bestD = tree.end[best]! - tree.start[best]!;
    if (d > bestD) best = r;
  }
  return best;
}

export function walkCriticalPath(tree: SpanTree, scope: CriticalPathScope = 'trace'): CriticalPathWalk {
  const n = tree.spans.length;
  const selfOnPath = new Float64Array(n);
  const primaryRoot = primaryRootOf(tree);
  if (n === 0) return { path: [], selfOnPath, totalNs: 0, unattributedNs: 0, primaryRoot };

  // Index n is a virtual root over all real roots (scope `trace`, several roots).
  const virtual = n;
  const es = new Float64Array(n + 1);
  const ee = new Float64Array(n + 1);
  const included = new Uint8Array(n + 1);
  let startNode: number;
  if (scope === 'root') {
    startNode = primaryRoot;
    clipToPrimaryRoot(tree, primaryRoot, es, ee, included);
  } else {
    extendByDescendants(tree, es, ee, included);
    if (tree.roots.length === 1) {
      startNode = tree.roots[0]!;
    } else {
      startNode = virtual;
      included[virtual] = 1;
      let last = 0;
      for (const r of tree.roots) last = Math.max(last, ee[r]!);
      ee[virtual] = last;
    }
  }
  const kidsOf = (i: number): readonly number[] => (i === virtual ? tree.roots : tree.children[i]!);
  const endsLater = (a: number, b: number): boolean =>
    ee[a]! !== ee[b]!
      ? ee[a]! > ee[b]!
      : es[a]! !== es[b]!
        ? es[a]! < es[b]!
        : tree.spans[a]!.spanId < tree.spans[b]!.spanId;
  const heapOf = (i: number): IndexHeap => {
    const heap = new IndexHeap(endsLater);
    for (const c of kidsOf(i)) if (included[c] && ee[c]! > es[c]!) heap.push(c);
    return heap;
  };

  let unattributedNs = 0;
  // Time on the path inside a span's own interval is its own; outside it (waiting between a span's
  // end and async work it started) no span was running, so it is unattributed.
  const credit = (i: number, from: number, to: number): void => {
    if (to <= from) return;
    let own = 0;
    if (i !== virtual) own = Math.max(0, Math.min(to, tree.end[i]!) - Math.max(from, tree.start[i]!));
    if (own > 0) selfOnPath[i] = selfOnPath[i]! + own;
    unattributedNs += to - from - own;
  };

  const visited: number[] = [];
  const nodeStack: number[] = [startNode];
  const cursorStack: number[] = [ee[startNode]!];
  const heapStack: IndexHeap[] = [heapOf(startNode)];
  if (startNode !== virtual) visited.push(startNode);
  while (nodeStack.length > 0) {
    const top = nodeStack.length - 1;
    const node = nodeStack[top]!;
    const cursor = cursorStack[top]!;
    const heap = heapStack[top]!;
    // Children starting at or after the cursor ran in parallel with the path already found; drop them.
    let next = heap.pop();
    while (next !== undefined && (es[next]! >= cursor || ee[next]! <= es[node]!)) next = heap.pop();
    if (next !== undefined) {
      const until = Math.min(ee[next]!, cursor);
      credit(node, until, cursor);
      visited.push(next);
      nodeStack.push(next);
      cursorStack.push(until);
      heapStack.push(heapOf(next));
      continue;
    }
    credit(node, es[node]!, cursor);
    nodeStack.pop();
    cursorStack.pop();
    heapStack.pop();
    if (nodeStack.length > 0) {
      const parentTop = nodeStack.length - 1;
      cursorStack[parentTop] = Math.max(es[node]!, es[nodeStack[parentTop]!]!);
    }
  }

  visited.sort((a, b) => es[a]! - es[b]! || tree.depth[a]! - tree.depth[b]!);
  return {
    path: visited,
    selfOnPath,
    totalNs: ee[startNode]! - es[startNode]!,
    unattributedNs,
    primaryRoot,
  };
}

/** Scope `trace`: effective end = own end or the latest effective end of any child. */
function extendByDescendants(tree: SpanTree, es: Float64Array, ee: Float64Array, included: Uint8Array): void {
  for (let k = tree.preorder.length - 1; k >= 0; k--) {
    const i = tree.preorder[k]!;
    included[i] = 1;
    es[i] = tree.start[i]!;
    let last = tree.end[i]!;
    for (const c of tree.children[i]!) last = Math.max(last, ee[c]!);
    ee[i] = last;
  }
}

/** Scope `root`: each span clipped to its parent's clipped interval; spans starting after it ended are out. */
function clipToPrimaryRoot(
  tree: SpanTree,
  root: number,
  es: Float64Array,
  ee: Float64Array,
  included: Uint8Array,
): void {
  es[root] = tree.start[root]!;
  ee[root] = tree.end[root]!;
  included[root] = 1;
  const stack = [root];
  while (stack.length > 0) {
    const p = stack.pop()!;
    for (const c of tree.children[p]!) {
      const s = Math.max(tree.start[c]!, es[p]!);
      const e = Math.min(tree.end[c]!, ee[p]!);
      if (s > e || (s === e && tree.start[c]! >= ee[p]! && tree.end[c]! > tree.start[c]!)) continue;
      es[c] = s;
      ee[c] = e;
      included[c] = 1;
      stack.push(c);
    }
  }
}
