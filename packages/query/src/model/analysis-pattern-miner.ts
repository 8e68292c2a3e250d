/** @module The default pattern miner: the analysis package's LogPatternMiner over a result's records. */
import { LogPatternMiner } from '@switchyard/analysis';
import type { PatternMiner } from './log-patterns.js';
import type { LogPatternOut } from './results.js';

/** Most patterns returned with a logs result. */
const MAX_PATTERNS = 50;

export const minePatternsWithAnalysis: PatternMiner = (records) => {
  const miner = new LogPatternMiner({ extractParams: false });
  for (const r of records) miner.add(r.body, { timeMs: r.timeMs, severity: r.severity });
  return miner
    .patterns()
    .sort((a, b) => b.count - a.count)
    .slice(0, MAX_PATTERNS)
    .map(
      (p): LogPatternOut => ({
        pattern: p.template,
        count: p.count,
        ...(p.examples[0] ? { example: p.examples[0] } : {}),
      }),
    );
};
