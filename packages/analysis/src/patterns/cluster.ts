/**
 * @module One log template cluster: its template tokens and the statistics the miner reports.
 */
import { WILDCARD } from './mask.js';
import type { PatternSummary } from './miner-options.js';
import type { Variant } from './variant.js';

/** Mutable per-pattern state held by the miner. */
export class Cluster {
  readonly id: string;
  /** Template tokens; variable positions hold `<*>`. */
  tokens: string[];
  count = 0;
  /** Set when this cluster was merged into another one; follow with {@link resolveCluster}. */
  mergedInto: Cluster | undefined = undefined;
  /** Set when the pattern bound dropped this cluster. */
  evicted = false;
  firstSeq: number;
  lastSeq: number;
  firstSeenMs: number | undefined = undefined;
  lastSeenMs: number | undefined = undefined;
  severities = new Map<string, number>();
  buckets = new Map<number, number>();
  examples: string[] = [];
  /** Masked forms of this pattern's messages (bounded; see variant.ts). */
  variants: Variant[] = [];
  /** Messages whose masked form is not tracked as a variant (the variant bound was reached). */
  untracked = 0;

  constructor(id: string, tokens: string[], seq: number) {
    this.id = id;
    this.tokens = tokens;
    this.firstSeq = seq;
    this.lastSeq = seq;
  }

  private text: string | undefined = undefined;

  /** Template text (cached; call {@link changed} after editing `tokens`). */
  template(): string {
    if (this.text === undefined) this.text = this.tokens.join(' ');
    return this.text;
  }

  private parts: string[] | undefined = undefined;

  /** Template text split at its wildcards (cached like {@link template}). */
  templateParts(): readonly string[] {
    if (this.parts === undefined) this.parts = this.template().split(WILDCARD);
    return this.parts;
  }

  /** Drops the cached template text after `tokens` were edited. */
  changed(): void {
    this.text = undefined;
    this.parts = undefined;
  }

  /** Records one message (statistics only; the template is updated by the miner). */
  record(
    seq: number,
    message: string,
    timeMs: number | undefined,
    severity: string | undefined,
    limits: StatLimits,
  ): void {
    this.count++;
    this.lastSeq = seq;
    if (timeMs !== undefined && Number.isFinite(timeMs)) {
      if (this.firstSeenMs === undefined || timeMs < this.firstSeenMs) this.firstSeenMs = timeMs;
      if (this.lastSeenMs === undefined || timeMs > this.lastSeenMs) this.lastSeenMs = timeMs;
      const b = Math.floor(timeMs / limits.bucketMs) * limits.bucketMs;
      this.buckets.set(b, (this.buckets.get(b) ?? 0) + 1);
      if (this.buckets.size > limits.maxBuckets) trimBuckets(this.buckets, limits.maxBuckets);
    }
    if (severity !== undefined) this.severities.set(severity, (this.severities.get(severity) ?? 0) + 1);
    if (this.examples.length < limits.maxExamples && !this.examples.includes(message))
      this.examples.push(message);
  }

  /** Folds `other`'s statistics and template into this cluster and marks `other` as merged. */
  absorb(other: Cluster, limits: StatLimits): void {
    const a = this.tokens;
    const b = other.tokens;
    if (a.length === b.length) {
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) a[i] = WILDCARD;
      this.changed();
    }
    this.count += other.count;
    this.untracked += other.untracked;
    for (const v of other.variants) {
      v.owner = this;
      this.variants.push(v);
    }
    other.variants = [];
    this.firstSeq = Math.min(this.firstSeq, other.firstSeq);
    this.lastSeq = Math.max(this.lastSeq, other.lastSeq);
    if (
      other.firstSeenMs !== undefined &&
      (this.firstSeenMs === undefined || other.firstSeenMs < this.firstSeenMs)
    ) {
      this.firstSeenMs = other.firstSeenMs;
    }
    if (
      other.lastSeenMs !== undefined &&
      (this.lastSeenMs === undefined || other.lastSeenMs > this.lastSeenMs)
    ) {
      this.lastSeenMs = other.lastSeenMs;
    }
    for (const [k, v] of other.severities) this.severities.set(k, (this.severities.get(k) ?? 0) + v);
    for (const [k, v] of other.buckets) this.buckets.set(k, (this.buckets.get(k) ?? 0) + v);
    if (this.buckets.size > limits.maxBuckets) trimBuckets(this.buckets, limits.maxBuckets);
    for (const e of other.examples) {
      if (this.examples.length >= limits.maxExamples) break;
      if (!this.examples.includes(e)) this.examples.push(e);
    }
    other.mergedInto = this;
  }

  /**
   * Resets the statistics to those of `group` (this pattern's share after an enumeration split).
   * Counts, sequence numbers, first/last seen, severities and examples come exactly from the
   * variants; time buckets are not kept per variant, so the parent's are shared out in proportion
   * to the line counts.
   */
  takeVariants(
    group: Variant[],
    parentBuckets: Map<number, number>,
    parentCount: number,
    limits: StatLimits,
  ): void {
    this.variants = group;
    this.count = 0;
    this.untracked = 0;
    this.firstSeq = Number.POSITIVE_INFINITY;
    this.lastSeq = -1;
    this.firstSeenMs = undefined;
    this.lastSeenMs = undefined;
    this.severities = new Map();
    this.examples = [];
    for (const v of group) {
      v.owner = this;
      this.count += v.count;
      this.firstSeq = Math.min(this.firstSeq, v.firstSeq);
      this.lastSeq = Math.max(this.lastSeq, v.lastSeq);
      if (v.firstSeenMs !== undefined && (this.firstSeenMs === undefined || v.firstSeenMs < this.firstSeenMs))
        this.firstSeenMs = v.firstSeenMs;
      if (v.lastSeenMs !== undefined && (this.lastSeenMs === undefined || v.lastSeenMs > this.lastSeenMs))
        this.lastSeenMs = v.lastSeenMs;
      if (v.severities !== undefined)
        for (const [k, n] of v.severities) this.severities.set(k, (this.severities.get(k) ?? 0) + n);
    }
    const share = parentCount === 0 ? 0 : this.count / parentCount;
    this.buckets = new Map();
    for (const [b, n] of parentBuckets) {
      const mine = Math.round(n * share);
      if (mine > 0) this.buckets.set(b, mine);
    }
    for (const v of group) {
      if (this.examples.length >= limits.maxExamples) break;
      if (!this.examples.includes(v.example)) this.examples.push(v.example);
    }
  }
}

export interface StatLimits {
  bucketMs: number;
  maxBuckets: number;
  maxExamples: number;
}

function trimBuckets(buckets: Map<number, number>, max: number): void {
  const keys = [...buckets.keys()].sort((x, y) => x - y);
  for (let i = 0; i < keys.length - max; i++) buckets.delete(keys[i] as number);
}

/** The live cluster a possibly merged cluster now belongs to. */
export function resolveCluster(c: Cluster): Cluster {
  let r = c;
  while (r.mergedInto !== undefined) r = r.mergedInto;
  return r;
}

/** The public summary of a live cluster; `messages` is how many messages the miner has seen. */
export function summariseCluster(c: Cluster, messages: number): PatternSummary {
  return {
    id: c.id,
    template: c.template(),
    count: c.count,
    share: messages === 0 ? 0 : c.count / messages,
    firstSeenMs: c.firstSeenMs ?? null,
    lastSeenMs: c.lastSeenMs ?? null,
    firstSeq: c.firstSeq,
    lastSeq: c.lastSeq,
    severities: Object.fromEntries(c.severities),
    buckets: [...c.buckets.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([startMs, count]) => ({ startMs, count })),
    examples: c.examples.slice(),
  };
}
