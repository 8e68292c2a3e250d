/**
 * @module Validation of miner options (bad values are user errors, reported with the option name).
 */
import { ParameterError } from '@switchyard/core';
import {
  DEFAULT_MINER_OPTIONS,
  type LogPatternMinerOptions,
  type ResolvedMinerOptions,
} from './miner-options.js';

function positiveInt(name: string, v: number | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  if (!Number.isInteger(v) || v < 1) throw new ParameterError(name, `must be a positive integer, got ${v}`);
  return v;
}

export function resolveOptions(o: LogPatternMinerOptions): ResolvedMinerOptions {
  const d = DEFAULT_MINER_OPTIONS;
  const ratio = o.minDistinctRatio ?? d.minDistinctRatio;
  if (!(ratio >= 0 && ratio <= 1))
    throw new ParameterError('minDistinctRatio', `must be within 0..1, got ${ratio}`);
  const minDistinct = positiveInt('minDistinctValues', o.minDistinctValues, d.minDistinctValues);
  if (minDistinct < 2) throw new ParameterError('minDistinctValues', 'must be at least 2');
  return {
    maxPatterns: positiveInt('maxPatterns', o.maxPatterns, d.maxPatterns),
    minDistinctValues: minDistinct,
    minDistinctRatio: ratio,
    bucketMs: positiveInt('bucketMs', o.bucketMs, d.bucketMs),
    maxBuckets: positiveInt('maxBuckets', o.maxBuckets, d.maxBuckets),
    maxExamples: positiveInt('maxExamples', o.maxExamples, d.maxExamples),
    extractParams: o.extractParams ?? d.extractParams,
  };
}
