/** @module The contract every source adapter fulfils. */
import type { AnalysisSpan } from '@switchyard/analysis';
import type { QueryResult, SourceRef } from './model/results.js';
import type { UnifiedQuery } from './model/unified-query.js';

export interface QueryContext {
  /** "Now" for relative times, epoch ms (default Date.now()). */
  nowMs?: number;
}

export interface QueryAdapter {
  readonly source: SourceRef;
  /** Signals this source can answer. */
  readonly signals: readonly UnifiedQuery['signal'][];
  /** Service names the source knows (for did-you-mean and `list_services`). */
  services(): Promise<string[]>;
  /** Runs a validated unified query. */
  query(q: UnifiedQuery, ctx?: QueryContext): Promise<QueryResult>;
  /** All spans of one trace, for analysis; null when the trace is unknown or the source holds no traces. */
  getTrace(traceId: string): Promise<AnalysisSpan[] | null>;
}
