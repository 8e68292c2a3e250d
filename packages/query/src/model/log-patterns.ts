/**
 * @module The seam for log pattern mining where a source has no pattern API of its own. The
 * analysis package's miner plugs in here; without one, results carry no patterns.
 */
import type { LogPatternOut, LogRecordOut } from './results.js';

export type PatternMiner = (records: readonly LogRecordOut[]) => LogPatternOut[];
