/**
 * @module Where an error originated: the deepest span with error status
 * (ties: the one that started first), with its ancestor chain up to the root.
 */
import { errorMessageOf, isErrorSpan } from './analysis-span.js';
import type { SpanTree } from './span-tree.js';

export interface ErrorOrigin {
  spanId: string;
  service: string;
  name: string;
  message: string;
  /** Span ids from the origin up to its root, origin first. */
  chain: string[];
  /** How many spans of the trace have error status. */
  errorSpanCount: number;
}

export function findErrorOrigin(tree: SpanTree): ErrorOrigin | null {
  let origin = -1;
  let errorSpanCount = 0;
  // Preorder visits earlier-starting siblings first, so `>` keeps the earliest at equal depth.
  for (const i of tree.preorder) {
    if (!isErrorSpan(tree.spans[i]!)) continue;
    errorSpanCount++;
    if (origin < 0 || tree.depth[i]! > tree.depth[origin]!) origin = i;
  }
  if (origin < 0) return null;
  const chain: string[] = [];
  for (let i = origin; i >= 0; i = tree.parent[i]!) chain.push(tree.spans[i]!.spanId);
  const span = tree.spans[origin]!;
  return {
    spanId: span.spanId,
    service: span.service,
    name: span.name,
    message: errorMessageOf(span),
    chain,
    errorSpanCount,
  };
}
