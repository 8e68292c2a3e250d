/**
 * @module BubbleUp-style comparison: which attribute values are most
 * over-represented in a selection (slow or failed traces/spans) compared with
 * a baseline. Each trace (or span) is one unit; a unit "has" key=value when any
 * of its spans carries it. Besides span attributes, `service.name`,
 * `span.name`, `span.kind`, `status.code` and `resource.*` attributes count.
 * High-cardinality keys (ids, timestamps, free text) are dropped by their
 * distinct-values-to-occurrences ratio, not by a list of names.
 */
import { SpanKind, StatusCode } from '@switchyard/core';
import { type AnalysisSpan, type TraceSpanInput, toAnalysisSpans } from './analysis-span.js';

export interface AttributeComparison {
  key: string;
  value: string;
  /** Fraction of selection units carrying key=value. */
  selectionShare: number;
  /** Fraction of baseline units carrying key=value. */
  baselineShare: number;
  selectionCount: number;
  baselineCount: number;
  /** selectionShare / baselineShare, the baseline share floored at 1/(baseline units + 1). */
  lift: number;
  /** selectionShare − baselineShare: how many more of the selection carry it; ranks the list. */
  score: number;
}

export interface CompareOptions {
  /** Most results (default 20). */
  limit?: number;
  /** Least selection share to report (default 0.05). */
  minSelectionShare?: number;
  /** A key with more distinct values than this is ignored (default 100). */
  maxDistinctValues?: number;
  /** A key with more than 5 distinct values and distinct/occurrences above this is ignored (default 0.5). */
  maxCardinalityRatio?: number;
  /** Keys never compared, in addition to the detected high-cardinality ones. */
  ignoreKeys?: readonly string[];
}

/** Compares two sets of traces (each trace an array of its spans). */
export function compareTraces(
  selection: readonly (readonly TraceSpanInput[])[],
  baseline: readonly (readonly TraceSpanInput[])[],
  opts: CompareOptions = {},
): AttributeComparison[] {
  return compareUnits(
    selection.map((trace) => unitOf(toAnalysisSpans(trace))),
    baseline.map((trace) => unitOf(toAnalysisSpans(trace))),
    opts,
  );
}

/** Compares spans picked by `isSelected` with all the other spans. */
export function compareSpans(
  spans: readonly TraceSpanInput[],
  isSelected: (span: AnalysisSpan) => boolean,
  opts: CompareOptions = {},
): AttributeComparison[] {
  const selection: Set<string>[] = [];
  const baseline: Set<string>[] = [];
  for (const span of toAnalysisSpans(spans)) (isSelected(span) ? selection : baseline).push(unitOf([span]));
  return compareUnits(selection, baseline, opts);
}

/** Splits traces into a selection and a baseline (the rest) by a predicate over the whole trace. */
export function splitTraces<T extends readonly TraceSpanInput[]>(
  traces: readonly T[],
  isSelected: (trace: T) => boolean,
): { selection: T[]; baseline: T[] } {
  const selection: T[] = [];
  const baseline: T[] = [];
  for (const trace of traces) (isSelected(trace) ? selection : baseline).push(trace);
  return { selection, baseline };
}

const SEP = '\u0000';
const KIND_NAMES = new Map<number, string>(
  Object.entries(SpanKind).map(([name, code]) => [code as number, name.toLowerCase()]),
);
const STATUS_NAMES = new Map<number, string>(
  Object.entries(StatusCode).map(([name, code]) => [code as number, name.toLowerCase()]),
);

/** The set of `key\0value` pairs a unit carries. */
function unitOf(spans: readonly AnalysisSpan[]): Set<string> {
  const pairs = new Set<string>();
  for (const span of spans) {
    pairs.add(`service.name${SEP}${span.service}`);
    pairs.add(`span.name${SEP}${span.name}`);
    pairs.add(`span.kind${SEP}${KIND_NAMES.get(span.kind) ?? String(span.kind)}`);
    pairs.add(`status.code${SEP}${STATUS_NAMES.get(span.status.code) ?? String(span.status.code)}`);
    for (const key in span.attributes) addPair(pairs, key, span.attributes[key]);
    const resource = span.resourceAttributes;
    if (resource) for (const key in resource) addPair(pairs, `resource.${key}`, resource[key]);
  }
  return pairs;
}

function addPair(pairs: Set<string>, key: string, value: unknown): void {
  const text = valueText(value);
  if (text !== undefined) pairs.add(`${key}${SEP}${text}`);
}

function valueText(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'bigint':
    case 'boolean':
      return String(value);
    default:
      if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) {
        return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
      }
      return undefined;
  }
}

function compareUnits(
  selection: readonly Set<string>[],
  baseline: readonly Set<string>[],
  opts: CompareOptions,
): AttributeComparison[] {
  const limit = opts.limit ?? 20;
  const minShare = opts.minSelectionShare ?? 0.05;
  const maxDistinct = opts.maxDistinctValues ?? 100;
  const maxRatio = opts.maxCardinalityRatio ?? 0.5;
  const ignored = new Set(opts.ignoreKeys ?? []);
  if (selection.length === 0) return [];

  const counts = new Map<string, [number, number]>();
  const tally = (units: readonly Set<string>[], side: 0 | 1): void => {
    for (const unit of units) {
      for (const pair of unit) {
        let c = counts.get(pair);
        if (!c) {
          c = [0, 0];
          counts.set(pair, c);
        }
        c[side]++;
      }
    }
  };
  tally(selection, 0);
  tally(baseline, 1);

  // Cardinality per key: distinct values vs. unit-level occurrences.
  const perKey = new Map<string, { distinct: number; occurrences: number }>();
  for (const [pair, [s, b]] of counts) {
    const key = pair.slice(0, pair.indexOf(SEP));
    const stats = perKey.get(key) ?? { distinct: 0, occurrences: 0 };
    stats.distinct++;
    stats.occurrences += s + b;
    perKey.set(key, stats);
  }
  const highCardinality = (key: string): boolean => {
    const stats = perKey.get(key)!;
    return (
      stats.distinct > maxDistinct || (stats.distinct > 5 && stats.distinct > maxRatio * stats.occurrences)
    );
  };

  const baselineFloor = 1 / (baseline.length + 1);
  const out: AttributeComparison[] = [];
  for (const [pair, [s, b]] of counts) {
    const cut = pair.indexOf(SEP);
    const key = pair.slice(0, cut);
    if (ignored.has(key) || highCardinality(key)) continue;
    const selectionShare = s / selection.length;
    const baselineShare = baseline.length > 0 ? b / baseline.length : 0;
    const score = selectionShare - baselineShare;
    if (score <= 0 || selectionShare < minShare) continue;
    out.push({
      key,
      value: pair.slice(cut + 1),
      selectionShare,
      baselineShare,
      selectionCount: s,
      baselineCount: b,
      lift: selectionShare / Math.max(baselineShare, baselineFloor),
      score,
    });
  }
  out.sort(
    (x, y) =>
      y.score - x.score ||
      y.lift - x.lift ||
      (x.key < y.key ? -1 : x.key > y.key ? 1 : 0) ||
      (x.value < y.value ? -1 : x.value > y.value ? 1 : 0),
  );
  return out.slice(0, Math.max(0, limit));
}
