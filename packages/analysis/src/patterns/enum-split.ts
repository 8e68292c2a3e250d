/**
 * @module The enumeration test: is a variable word position really a short list of states?
 *
 * Online, a word position becomes a variable once it has shown enough distinct values (see the
 * family rule in log-pattern-miner.ts). That decision is made early, on few lines, and is wrong
 * when the rare values of a closed set come first (`clusterAddMember (command 1)`, `risBoot
 * (command 2)`, `halt (command 3)`… then thousands of `boot` / `wait`). With the whole pattern's
 * variants at hand, a position is re-read as an enumeration, and the pattern split per value, when
 * - every value is a plain word (see {@link isWordValue}): numbers, identifiers with a number in
 *   them (`cn<*>`, `Thunderbird_A<*>`) and dotted names (`chrome.exe`) are always variables,
 * - it has at most {@link MAX_ENUM_VALUES} distinct values, seen {@link MIN_LINES_PER_VALUE}
 *   times each on average (disjoint from the family rule, which needs half the lines distinct),
 * - and the value set looks closed: the bias-corrected Chao1 estimate of values not yet seen,
 *   f1(f1-1) / 2(f2+1) with f1/f2 the number of values seen once/twice, is below one. A list of
 *   user or host names keeps producing singletons and stays a variable; a state list does not.
 */
import { Cluster, type StatLimits } from './cluster.js';
import type { ClusterIndex } from './cluster-index.js';
import { WILDCARD } from './mask.js';
import type { Variant } from './variant.js';

/** Most distinct values a position may have and still be read as an enumeration. */
export const MAX_ENUM_VALUES = 16;
/** Average lines per distinct value an enumeration needs. */
export const MIN_LINES_PER_VALUE = 3;

/** True when value counts look like a small closed set of frequent values (see module doc). */
export function isEnumeration(counts: readonly number[]): boolean {
  const k = counts.length;
  if (k < 2 || k > MAX_ENUM_VALUES) return false;
  let lines = 0;
  let f1 = 0;
  let f2 = 0;
  for (const c of counts) {
    lines += c;
    if (c === 1) f1++;
    else if (c === 2) f2++;
  }
  if (lines < MIN_LINES_PER_VALUE * k) return false;
  return (f1 * (f1 - 1)) / (2 * (f2 + 1)) < 1;
}

/**
 * A plain word: letters, optionally joined by `_`, `-` or `=` (`wait`, `ACTION_DOWN`,
 * `mode=LOOKING`) inside leading/trailing punctuation (`"GET`, `z+`, `[LEADING]`). Values with a
 * masked part are identifiers (`cn<*>`, `Thunderbird_A<*>`), and dotted or slashed names are
 * file, host, class or package names (`chrome.exe`, `com.android.phone`): variables either way.
 */
export function isWordValue(t: string): boolean {
  if (t.includes(WILDCARD)) return false;
  let i = 0;
  let j = t.length;
  while (i < j && !isLetter(t.charCodeAt(i))) i++;
  while (j > i && !isLetter(t.charCodeAt(j - 1))) j--;
  if (i === j) return false;
  for (let k = i; k < j; k++) {
    const c = t.charCodeAt(k);
    if (!isLetter(c) && c !== 95 && c !== 45 && c !== 61) return false;
  }
  return true;
}

function isLetter(c: number): boolean {
  const l = c | 32;
  return (l >= 97 && l <= 122) || c > 127;
}

export interface EnumSplit {
  /** Template positions that are enumerations. */
  positions: number[];
  /** Variants grouped by their values at `positions`; groups and members oldest first. */
  groups: Variant[][];
}

/**
 * The split of a pattern along its enumeration positions, or undefined when it has none (or when
 * some of its lines are not tracked as variants, so they could not be assigned).
 */
export function planEnumSplit(c: Cluster): EnumSplit | undefined {
  if (c.untracked > 0 || c.variants.length < 2) return undefined;
  const n = c.tokens.length;
  for (const v of c.variants) if (v.tokens.length !== n) return undefined;
  const positions: number[] = [];
  for (let p = 0; p < n; p++) {
    if (!(c.tokens[p] as string).includes(WILDCARD)) continue;
    const counts = new Map<string, number>();
    let words = true;
    for (const v of c.variants) {
      const t = v.tokens[p] as string;
      if (!isWordValue(t)) {
        words = false;
        break;
      }
      counts.set(t, (counts.get(t) ?? 0) + v.count);
    }
    if (words && isEnumeration([...counts.values()])) positions.push(p);
  }
  if (positions.length === 0) return undefined;
  const byValues = new Map<string, Variant[]>();
  const ordered = c.variants.slice().sort((a, b) => a.firstSeq - b.firstSeq);
  for (const v of ordered) {
    const k = positions.map((p) => v.tokens[p]).join('\u0000');
    const g = byValues.get(k);
    if (g === undefined) byValues.set(k, [v]);
    else g.push(v);
  }
  return { positions, groups: [...byValues.values()] };
}

/**
 * Carries out a split: `c` becomes the group holding the form that created it (so it keeps its
 * id), every other group a new pattern whose id is its oldest variant's id (reclaimed if that
 * pattern existed before and was merged away), so ids are reproducible. Returns all the groups'
 * patterns, `c` included.
 */
export function applyEnumSplit(
  c: Cluster,
  plan: EnumSplit,
  index: ClusterIndex,
  limits: StatLimits,
): Cluster[] {
  let head = plan.groups.findIndex((g) => g.some((v) => v.id === c.id));
  if (head < 0) head = 0;
  const parentTokens = c.tokens.slice();
  const parentBuckets = c.buckets;
  const parentCount = c.count;
  return plan.groups.map((g, i) => {
    const first = g[0] as Variant;
    const tokens = parentTokens.slice();
    for (const p of plan.positions) tokens[p] = first.tokens[p] as string;
    let child = c;
    if (i === head) {
      c.tokens = tokens;
      c.changed();
    } else {
      child = new Cluster(index.reclaimId(first.id), tokens, first.firstSeq);
      index.insert(child);
    }
    child.takeVariants(g, parentBuckets, parentCount, limits);
    return child;
  });
}
