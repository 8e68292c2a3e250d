/**
 * @module Tail-sampling policies and their evaluation over the spans held for one trace. Policies are tried
 * in order and the first that matches keeps the trace (its type is the `policy` label on the kept counter):
 * - `errors`: any span has status ERROR;
 * - `latency`: the trace's duration (latest span end − earliest span start) is above `thresholdMs`;
 * - `attribute`: a span attribute or a resource attribute `key` equals `values` (or any of a list),
 *   compared as text;
 * - `probabilistic`: a hash of the trace id, scaled to [0, 1), is below `ratio` — consistent, so every hub
 *   with the same ratio keeps the same traces;
 * - `rate_limit`: keeps the traces that reach it while fewer than `spansPerSecond` spans were kept by this
 *   policy in the current second (put it last for "and a baseline of N spans/s").
 */
import type { AttrValue, Span } from '@switchyard/core';
import { z } from 'zod';
import { attrText } from '../exporters/attr-text.js';

export const tailSamplingPolicySchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('errors') }),
  z.strictObject({ type: z.literal('latency'), thresholdMs: z.number().nonnegative() }),
  z.strictObject({
    type: z.literal('attribute'),
    key: z.string().min(1),
    values: z.union([z.string(), z.array(z.string()).min(1)]),
  }),
  z.strictObject({ type: z.literal('probabilistic'), ratio: z.number().min(0).max(1) }),
  z.strictObject({ type: z.literal('rate_limit'), spansPerSecond: z.number().int().positive() }),
]);
export type TailSamplingPolicy = z.infer<typeof tailSamplingPolicySchema>;
export type PolicyType = TailSamplingPolicy['type'];

/** What a policy sees of a pending trace: its spans with their resource attributes, and running summaries. */
export interface TraceView {
  traceId: string;
  spanCount: number;
  hasError: boolean;
  minStartNs: bigint;
  maxEndNs: bigint;
  /** Calls `visit` with each held span and its resource attributes until it returns true. */
  someSpan(visit: (span: Span, resourceAttrs: Record<string, AttrValue>) => boolean): boolean;
}

export interface CompiledPolicy {
  readonly type: PolicyType;
  matches(trace: TraceView, nowMs: number): boolean;
}

/**
 * Maps a trace id to [0, 1). FNV-1a over the hex text, then the murmur3 finalizer: trace ids that are not
 * random (sequential test ids, zero-padded 64-bit ids) still spread evenly. Runs once per decided trace.
 */
export function traceIdHash(traceId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < traceId.length; i++) {
    h ^= traceId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 0x1_0000_0000;
}

export function compilePolicy(p: TailSamplingPolicy): CompiledPolicy {
  switch (p.type) {
    case 'errors':
      return { type: p.type, matches: (t) => t.hasError };
    case 'latency': {
      const thresholdNs = BigInt(Math.round(p.thresholdMs * 1e6));
      return { type: p.type, matches: (t) => t.maxEndNs - t.minStartNs > thresholdNs };
    }
    case 'attribute': {
      const allowed = new Set(Array.isArray(p.values) ? p.values : [p.values]);
      const hit = (v: AttrValue | undefined) => v !== undefined && v !== null && allowed.has(attrText(v));
      return {
        type: p.type,
        matches: (t) => t.someSpan((s, res) => hit(s.attributes[p.key]) || hit(res[p.key])),
      };
    }
    case 'probabilistic':
      return { type: p.type, matches: (t) => traceIdHash(t.traceId) < p.ratio };
    case 'rate_limit': {
      let second = -1;
      let used = 0;
      return {
        type: p.type,
        matches: (t, nowMs) => {
          const s = Math.floor(nowMs / 1000);
          if (s !== second) {
            second = s;
            used = 0;
          }
          if (used + t.spanCount > p.spansPerSecond) return false;
          used += t.spanCount;
          return true;
        },
      };
    }
  }
}
