/**
 * @module Variants: the distinct masked forms of the messages in a pattern.
 *
 * A pattern (cluster) is a template such as `<*> (command <*>)`; its variants are the masked
 * messages that joined it (`boot (command <*>)`, `wait (command <*>)`…), each with its own line
 * count and light statistics. They are what the final enumeration split works on (see
 * enum-split.ts): a word position whose values turn out to be a few frequent words is split back
 * into one pattern per word, and the variants say which lines go where. The id a variant is given
 * (see {@link LogPatternMiner.add}'s `variantId`) resolves to the pattern its lines end up in.
 */
import type { Cluster } from './cluster.js';

export class Variant {
  /** Stable id (hash of the masked form, or the id of the pattern this form created). */
  readonly id: string;
  /** Masked message, tokens joined by single spaces. */
  readonly key: string;
  readonly tokens: readonly string[];
  /** The live pattern holding this variant (updated on merge and split). */
  owner: Cluster;
  count = 0;
  firstSeq: number;
  lastSeq: number;
  firstSeenMs: number | undefined = undefined;
  lastSeenMs: number | undefined = undefined;
  /** Created on the first message that carries a severity. */
  severities: Map<string, number> | undefined = undefined;
  /** The first message of this form (examples of a split pattern come from its variants). */
  readonly example: string;

  constructor(
    id: string,
    key: string,
    tokens: readonly string[],
    owner: Cluster,
    seq: number,
    example: string,
  ) {
    this.id = id;
    this.key = key;
    this.tokens = tokens;
    this.owner = owner;
    this.firstSeq = seq;
    this.lastSeq = seq;
    this.example = example;
  }

  /** Counts one message of this form (hot path: a few field updates). */
  record(seq: number, timeMs: number | undefined, severity: string | undefined): void {
    this.count++;
    this.lastSeq = seq;
    if (timeMs !== undefined && Number.isFinite(timeMs)) {
      if (this.firstSeenMs === undefined || timeMs < this.firstSeenMs) this.firstSeenMs = timeMs;
      if (this.lastSeenMs === undefined || timeMs > this.lastSeenMs) this.lastSeenMs = timeMs;
    }
    if (severity !== undefined) {
      if (this.severities === undefined) this.severities = new Map();
      this.severities.set(severity, (this.severities.get(severity) ?? 0) + 1);
    }
  }
}
