/**
 * @module Tail sampling: holds the spans of each trace for `decisionWaitMs` after the trace's first span
 * arrived, then keeps the whole trace when any policy matches (tail-sampling-policies.ts) and drops it
 * otherwise. Only traces are sampled; metrics and logs pass through untouched.
 *
 * Acknowledgement: a traces request is accepted as soon as its spans are held in memory, so with tail
 * sampling on, a sender's 200 no longer means "committed to the store / disk queue" — spans held when the
 * process dies are lost, and kept traces that downstream refuses later are counted, not retried by the
 * sender. That is the trade for deciding on whole traces. `shutdown()` decides every held trace and
 * forwards the kept ones, so a clean stop loses nothing.
 *
 * Memory is bounded by `maxTraces` and by `maxBytes` (estimated heap bytes, tail-sampling-size.ts). When
 * a new span would pass either bound, the oldest pending trace is decided at once on the spans it has so
 * far (counted in switchyard_tail_sampling_evictions_total) — so an eviction can drop a trace whose error
 * span had not arrived yet, which is why the bounds should fit the expected traffic × decision wait.
 *
 * Spans arriving after their trace was decided follow the decision while it is remembered: the last
 * `decisionCacheSize` decisions are kept, approximately least-recently-used (roughly 150 bytes each,
 * outside `maxBytes`); older late spans start a new pending trace.
 */
import type { InstrumentationScope, Resource, Span, TelemetryBatch } from '@switchyard/core';
import { z } from 'zod';
import { ACCEPTED, type ConsumeResult, type Consumer, type Lifecycle } from '../component/consumer.js';
import type { SelfMetrics } from '../self/self-metrics.js';
import { KeptSpans } from './tail-sampling-output.js';
import {
  type CompiledPolicy,
  compilePolicy,
  type PolicyType,
  type TraceView,
  tailSamplingPolicySchema,
} from './tail-sampling-policies.js';
import { attributesBytes, spanBytes } from './tail-sampling-size.js';

export const tailSamplingConfigSchema = z
  .strictObject({
    enabled: z.boolean().default(false),
    /** How long after a trace's first span the decision is made. */
    decisionWaitMs: z.number().int().positive().default(10_000),
    /** Most traces held at once; past it the oldest is decided early. */
    maxTraces: z.number().int().positive().default(50_000),
    /** Most estimated bytes held at once; past it the oldest trace is decided early. */
    maxBytes: z
      .number()
      .int()
      .positive()
      .default(256 * 1024 * 1024),
    /** Recent decisions remembered so late spans follow their trace's decision. */
    decisionCacheSize: z.number().int().nonnegative().default(100_000),
    /** Tried in order; the first that matches keeps the trace. */
    policies: z.array(tailSamplingPolicySchema).default([]),
  })
  .superRefine((c, ctx) => {
    if (c.enabled && c.policies.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['policies'],
        message: 'tail sampling needs at least one policy (otherwise every trace would be dropped)',
      });
  });
export type TailSamplingConfig = z.infer<typeof tailSamplingConfigSchema>;

export interface TailSamplingOptions {
  metrics?: SelfMetrics;
  /** Milliseconds clock (tests may pass their own). */
  now?: () => number;
  log?: (line: string) => void;
}

interface Group {
  resource: Resource;
  resourceSchemaUrl: string;
  scope: InstrumentationScope;
  scopeSchemaUrl: string;
  spans: Span[];
}

interface PendingTrace {
  traceId: string;
  firstSeenMs: number;
  groups: Group[];
  spanCount: number;
  bytes: number;
  hasError: boolean;
  minStartNs: bigint;
  maxEndNs: bigint;
}

/** Estimated bytes of a pending trace's own bookkeeping (measured with V8, rounded up). */
const TRACE_OVERHEAD_BYTES = 320;

/** Spans per downstream request when kept traces are forwarded. */
const FORWARD_CHUNK_SPANS = 4096;

export class TailSamplingProcessor implements Consumer, Lifecycle {
  private readonly pending = new Map<string, PendingTrace>();
  /**
   * Pending traces in first-seen order, from `head` on. Traces are only ever decided from the front (the
   * sweep decides the expired prefix, evictions the oldest), so this is the Map's order without asking
   * the Map for its first entry — which V8 makes O(deleted entries) after many deletes at the front.
   */
  private order: PendingTrace[] = [];
  private head = 0;
  private readonly decisions: DecisionCache;
  private readonly policies: CompiledPolicy[];
  private readonly now: () => number;
  private heldBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;
  private readonly counters: {
    kept: Map<PolicyType, (by?: number) => void>;
    dropped: (by?: number) => void;
    keptSpans: (by?: number) => void;
    droppedSpans: (by?: number) => void;
    lateKept: (by?: number) => void;
    lateDropped: (by?: number) => void;
    evictTraces: (by?: number) => void;
    evictBytes: (by?: number) => void;
    forwardFailed: (by?: number) => void;
  };

  constructor(
    private readonly config: TailSamplingConfig,
    private readonly next: Consumer,
    private readonly options: TailSamplingOptions = {},
  ) {
    this.policies = config.policies.map(compilePolicy);
    this.decisions = new DecisionCache(config.decisionCacheSize);
    this.now = options.now ?? (() => Date.now());
    const m = options.metrics;
    const c = (name: string, help: string, labels: Record<string, string> = {}) =>
      m?.counter(name, help, labels) ?? noop;
    const traces = 'Traces decided by the tail sampler';
    const spans = 'Spans kept or dropped by the tail sampler';
    const late = 'Spans that arrived after their trace was decided and followed the decision';
    const evict = 'Pending traces decided early because a memory bound was reached';
    this.counters = {
      kept: new Map(
        config.policies.map((p) => [
          p.type,
          c('switchyard_tail_sampling_traces_total', traces, { decision: 'kept', policy: p.type }),
        ]),
      ),
      dropped: c('switchyard_tail_sampling_traces_total', traces, { decision: 'dropped', policy: '' }),
      keptSpans: c('switchyard_tail_sampling_spans_total', spans, { decision: 'kept' }),
      droppedSpans: c('switchyard_tail_sampling_spans_total', spans, { decision: 'dropped' }),
      lateKept: c('switchyard_tail_sampling_late_spans_total', late, { decision: 'kept' }),
      lateDropped: c('switchyard_tail_sampling_late_spans_total', late, { decision: 'dropped' }),
      evictTraces: c('switchyard_tail_sampling_evictions_total', evict, { reason: 'max_traces' }),
      evictBytes: c('switchyard_tail_sampling_evictions_total', evict, { reason: 'max_bytes' }),
      forwardFailed: c(
        'switchyard_tail_sampling_forward_failed_spans_total',
        'Kept spans that the next pipeline stage refused or failed',
      ),
    };
    m?.gauge('switchyard_tail_sampling_pending_traces', 'Traces held awaiting a decision', () => [
      { labels: {}, value: this.pending.size },
    ]);
    m?.gauge('switchyard_tail_sampling_pending_bytes', 'Estimated bytes of spans held', () => [
      { labels: {}, value: this.heldBytes },
    ]);
  }

  get pendingTraces(): number {
    return this.pending.size;
  }

  get pendingBytes(): number {
    return this.heldBytes;
  }

  async consume(batch: TelemetryBatch, sizeBytes: number): Promise<ConsumeResult> {
    if (batch.signal !== 'traces' || this.stopped) return this.next.consume(batch, sizeBytes);
    const now = this.now();
    const out = new KeptSpans(FORWARD_CHUNK_SPANS);
    // Resource and scope sizes are computed once per request and charged to every trace that holds them.
    const groupBytes = new Map<object, number>();
    for (const rs of batch.data.resourceSpans) {
      let resourceBytes = groupBytes.get(rs.resource);
      if (resourceBytes === undefined) {
        resourceBytes = attributesBytes(rs.resource.attributes);
        groupBytes.set(rs.resource, resourceBytes);
      }
      for (const ss of rs.scopeSpans) {
        const scopeBytes = 96 + 2 * ss.scope.name.length + attributesBytes(ss.scope.attributes);
        for (const span of ss.spans) {
          const decided = this.decisions.get(span.traceId);
          if (decided !== undefined) {
            if (decided) {
              out.add(rs.resource, rs.schemaUrl, ss.scope, ss.schemaUrl, [span]);
              this.counters.lateKept();
              this.counters.keptSpans();
            } else {
              this.counters.lateDropped();
              this.counters.droppedSpans();
            }
            continue;
          }
          let t = this.pending.get(span.traceId);
          if (!t) {
            while (this.pending.size >= this.config.maxTraces) this.evictOldest('traces', out, now);
            t = {
              traceId: span.traceId,
              firstSeenMs: now,
              groups: [],
              spanCount: 0,
              bytes: 0,
              hasError: false,
              minStartNs: span.startTimeUnixNano,
              maxEndNs: span.endTimeUnixNano,
            };
            this.pending.set(span.traceId, t);
            this.order.push(t);
          }
          // A new trace also costs its record, its Map entry, its slot in `order` and its groups array.
          let bytes = spanBytes(span) + (t.spanCount === 0 ? TRACE_OVERHEAD_BYTES : 0);
          let g = t.groups.at(-1);
          if (!g || g.resource !== rs.resource || g.scope !== ss.scope) {
            g = {
              resource: rs.resource,
              resourceSchemaUrl: rs.schemaUrl,
              scope: ss.scope,
              scopeSchemaUrl: ss.schemaUrl,
              spans: [],
            };
            t.groups.push(g);
            bytes += 80 + resourceBytes + scopeBytes;
          }
          g.spans.push(span);
          t.spanCount++;
          t.bytes += bytes;
          this.heldBytes += bytes;
          if (span.status.code === 2) t.hasError = true;
          if (span.startTimeUnixNano < t.minStartNs) t.minStartNs = span.startTimeUnixNano;
          if (span.endTimeUnixNano > t.maxEndNs) t.maxEndNs = span.endTimeUnixNano;
          while (this.heldBytes > this.config.maxBytes && this.pending.size > 0)
            this.evictOldest('bytes', out, now);
        }
      }
    }
    this.schedule();
    // Awaited so a slow downstream slows senders instead of piling up forwarded data here.
    await this.forward(out);
    return ACCEPTED;
  }

  private oldest(): PendingTrace | undefined {
    return this.order[this.head];
  }

  private evictOldest(reason: 'traces' | 'bytes', out: KeptSpans, now: number): void {
    const oldest = this.oldest();
    if (!oldest) return;
    if (reason === 'traces') this.counters.evictTraces();
    else this.counters.evictBytes();
    this.decide(oldest, out, now);
  }

  /** Decides the oldest pending trace `t`. */
  private decide(t: PendingTrace, out: KeptSpans, now: number): void {
    this.pending.delete(t.traceId);
    this.head++;
    if (this.head === this.order.length) {
      this.order = [];
      this.head = 0;
    } else if (this.head > 4096 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
    this.heldBytes -= t.bytes;
    const view: TraceView = {
      traceId: t.traceId,
      spanCount: t.spanCount,
      hasError: t.hasError,
      minStartNs: t.minStartNs,
      maxEndNs: t.maxEndNs,
      someSpan: (visit) => t.groups.some((g) => g.spans.some((s) => visit(s, g.resource.attributes))),
    };
    const policy = this.policies.find((p) => p.matches(view, now));
    this.decisions.set(t.traceId, policy !== undefined);
    if (!policy) {
      this.counters.dropped();
      this.counters.droppedSpans(t.spanCount);
      return;
    }
    this.counters.kept.get(policy.type)?.();
    this.counters.keptSpans(t.spanCount);
    for (const g of t.groups) out.add(g.resource, g.resourceSchemaUrl, g.scope, g.scopeSchemaUrl, g.spans);
  }

  /** Arms one timer for the oldest pending trace's deadline (one timer in all, not one per trace). */
  private schedule(): void {
    if (this.timer || this.sweeping || this.stopped) return;
    const oldest = this.oldest();
    if (!oldest) return;
    const delay = Math.max(0, oldest.firstSeenMs + this.config.decisionWaitMs - this.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.sweeping = this.sweep().finally(() => {
        this.sweeping = undefined;
        this.schedule();
      });
    }, delay);
    this.timer.unref();
  }

  /** Decides every trace whose wait is over, then forwards the kept ones before the next sweep. */
  private async sweep(): Promise<void> {
    const now = this.now();
    const out = new KeptSpans(FORWARD_CHUNK_SPANS);
    for (let t = this.oldest(); t && t.firstSeenMs + this.config.decisionWaitMs <= now; t = this.oldest())
      this.decide(t, out, now);
    await this.forward(out);
  }

  private forward(out: KeptSpans): Promise<void> {
    const batches = out.take();
    if (batches.length === 0) return Promise.resolve();
    const run = (async () => {
      for (const { batch, spans, bytes } of batches) {
        let r: ConsumeResult;
        try {
          r = await this.next.consume(batch, bytes);
        } catch (err) {
          r = { kind: 'failed', message: String(err) };
        }
        if (r.kind !== 'accepted') {
          this.counters.forwardFailed(spans);
          this.options.log?.(
            `tail sampling: ${spans} kept spans not delivered downstream: ${r.kind === 'failed' ? r.message : r.reason}`,
          );
        }
      }
    })();
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
    return run;
  }

  /** Decides every held trace now, forwards the kept ones and waits for them; later traces pass through. */
  async shutdown(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.stopped) {
      this.stopped = true;
      await this.sweeping;
      const now = this.now();
      const out = new KeptSpans(FORWARD_CHUNK_SPANS);
      for (let t = this.oldest(); t; t = this.oldest()) this.decide(t, out, now);
      void this.forward(out);
    }
    await Promise.all([...this.inFlight]);
  }
}

function noop(): void {}

/**
 * Recent decisions, approximately least-recently-used: two generations of at most `size / 2` entries; a hit
 * in the old generation moves to the new one, and a full new generation replaces the old. O(1) per call.
 */
class DecisionCache {
  private current = new Map<string, boolean>();
  private previous = new Map<string, boolean>();

  constructor(private readonly size: number) {}

  get(traceId: string): boolean | undefined {
    const d = this.current.get(traceId);
    if (d !== undefined) return d;
    const old = this.previous.get(traceId);
    if (old !== undefined) this.set(traceId, old);
    return old;
  }

  set(traceId: string, kept: boolean): void {
    if (this.size === 0) return;
    if (this.current.size >= Math.max(1, Math.floor(this.size / 2))) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(traceId, kept);
  }
}
