/**
 * @module Bounded index of the variants (masked message forms) the miner tracks.
 *
 * It doubles as the exact-match fast path: most messages repeat a masked form seen before, and
 * the variant leads straight to the pattern that holds it. Bounded in two ways, so memory stays
 * proportional to the pattern bound: at most {@link MAX_VARIANTS_PER_PATTERN} forms are tracked
 * per pattern when they first appear, and at most `perPatternBudget × maxPatterns` in all. Forms
 * beyond either bound are counted as untracked in their pattern (which is then never split).
 */
import type { Cluster } from './cluster.js';
import { patternIdFor } from './pattern-id.js';
import { Variant } from './variant.js';

/** Forms tracked per pattern: an enumeration split needs few; a pattern with more is a variable mix. */
export const MAX_VARIANTS_PER_PATTERN = 32;
/** Average tracked forms per allowed pattern, for the registry-wide bound. */
const PER_PATTERN_BUDGET = 16;

export class VariantRegistry {
  private readonly byKey = new Map<string, Variant>();
  private readonly byId = new Map<string, Variant>();
  private readonly cap: number;

  constructor(maxPatterns: number) {
    this.cap = PER_PATTERN_BUDGET * maxPatterns;
  }

  get size(): number {
    return this.byKey.size;
  }

  /** The variant of a masked message (tokens joined by single spaces). */
  get(key: string): Variant | undefined {
    return this.byKey.get(key);
  }

  /** The variant with this id. */
  byVariantId(id: string): Variant | undefined {
    return this.byId.get(id);
  }

  /**
   * Starts tracking a masked form in pattern `c`; undefined when a bound is reached. `id` is the
   * pattern's id when this form just created the pattern, so both ids agree.
   */
  track(
    key: string,
    tokens: readonly string[],
    c: Cluster,
    seq: number,
    message: string,
    id: string | undefined,
  ): Variant | undefined {
    if (this.byKey.size >= this.cap || c.variants.length >= MAX_VARIANTS_PER_PATTERN) return undefined;
    const base = id ?? patternIdFor(tokens);
    let vid = base;
    for (let k = 1; this.byId.has(vid); k++) vid = `${base}-${k}`;
    const v = new Variant(vid, key, tokens, c, seq, message);
    c.variants.push(v);
    this.add(v);
    return v;
  }

  /** Registers a variant (tracking, or restoring from JSON). */
  add(v: Variant): void {
    this.byKey.set(v.key, v);
    this.byId.set(v.id, v);
  }

  /** Forgets the variants of an evicted pattern. */
  drop(c: Cluster): void {
    for (const v of c.variants) {
      this.byKey.delete(v.key);
      this.byId.delete(v.id);
    }
    c.variants = [];
  }
}
