/**
 * @module Options and result types of the log pattern miner.
 */

export interface LogPatternMinerOptions {
  /** Most live patterns kept; beyond it patterns are merged, then the least recently seen evicted. Default 5000. */
  maxPatterns?: number;
  /** Distinct word values a position needs before it is treated as a variable. Default 3. */
  minDistinctValues?: number;
  /** ...and the share of distinct values among the lines seen there (variables are mostly unique). Default 0.5. */
  minDistinctRatio?: number;
  /** Width of the per-pattern time buckets, in ms. Default 60 000. */
  bucketMs?: number;
  /** Most time buckets kept per pattern (oldest dropped first). Default 1440. */
  maxBuckets?: number;
  /** Example messages kept per pattern. Default 3. */
  maxExamples?: number;
  /** Compute `params` in `add()`. Default true; turn off when only ids are needed. */
  extractParams?: boolean;
}

export interface ResolvedMinerOptions {
  maxPatterns: number;
  minDistinctValues: number;
  minDistinctRatio: number;
  bucketMs: number;
  maxBuckets: number;
  maxExamples: number;
  extractParams: boolean;
}

export const DEFAULT_MINER_OPTIONS: ResolvedMinerOptions = {
  maxPatterns: 5000,
  minDistinctValues: 3,
  minDistinctRatio: 0.5,
  bucketMs: 60_000,
  maxBuckets: 1440,
  maxExamples: 3,
  extractParams: true,
};

export interface AddMeta {
  /** Event time in ms since the epoch; drives buckets, first/last seen and `newSince`. */
  timeMs?: number;
  /** Severity text (`ERROR`, `info`…); counted per pattern as given. */
  severity?: string;
}

export interface AddResult {
  /** Id of the pattern the message joined (stable; see `LogPatternMiner.resolve` after merges). */
  patternId: string;
  /**
   * Id of the message's masked form (its variant). Resolve it with `LogPatternMiner.resolve` for
   * the message's final pattern: unlike `patternId` it also follows enumeration splits.
   */
  variantId: string;
  /** The message's values for the template's `<*>` slots, left to right. */
  params: string[];
}

export interface TimeBucket {
  startMs: number;
  count: number;
}

export interface PatternSummary {
  id: string;
  template: string;
  count: number;
  /** count / all messages the miner has seen. */
  share: number;
  firstSeenMs: number | null;
  lastSeenMs: number | null;
  /** Index (0-based) of the first and last message that joined the pattern. */
  firstSeq: number;
  lastSeq: number;
  severities: Record<string, number>;
  buckets: TimeBucket[];
  examples: string[];
}

export interface MinerCounters {
  messages: number;
  patterns: number;
  /** Patterns folded into another one (generalisation or the pattern bound). */
  merged: number;
  /** Patterns dropped by the pattern bound. */
  evicted: number;
}
