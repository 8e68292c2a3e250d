/**
 * @module Online log template miner.
 *
 * Each message is tokenised on whitespace and masked (numbers, ids, paths… → `<*>`, see
 * mask.ts). It then joins the same-length template it differs least from, or creates one:
 * - positions where the template already holds `<*>` match anything;
 * - positions where both tokens carry masked values (`Thunderbird_A<*>` vs `Thunderbird_B<*>`)
 *   generalise at once (see token-match.ts);
 * - a position where plain words differ (user names, host names, states) only becomes a variable
 *   once the sibling templates that differ just there hold at least `minDistinctValues` distinct
 *   values which are also mostly unique (`minDistinctRatio`): many rare values make a variable,
 *   a few frequent ones (`Link error` / `Link ok`) stay separate templates. Messages must share
 *   at least one constant token for this (single-word messages never form a variable).
 * Templates that become equal, or equal up to runs of `<*>` (multi-token variables), are merged;
 * the absorbed id stays resolvable through {@link LogPatternMiner.resolve}.
 *
 * The online word rule decides on the first few values. Each pattern therefore also keeps its
 * variants (distinct masked forms, bounded; variant.ts), and {@link LogPatternMiner.compact}
 * (run by `patterns()`) splits a pattern again when a variable word position turned out to be a
 * short closed list of frequent words (`boot|wait|halt (command <*>)`; enum-split.ts). `add`
 * stays online: it returns a `variantId` that {@link LogPatternMiner.resolve} maps to the final
 * pattern after such a split.
 *
 * Pattern ids hash the masked tokens of the message that created the pattern and never change,
 * so the same input gives the same ids, and ids survive `toJSON`/`fromJSON`.
 */
import { Cluster, resolveCluster, summariseCluster } from './cluster.js';
import { ClusterIndex } from './cluster-index.js';
import { applyEnumSplit, planEnumSplit } from './enum-split.js';
import { maskTokens, WILDCARD } from './mask.js';
import type {
  AddMeta,
  AddResult,
  LogPatternMinerOptions,
  MinerCounters,
  PatternSummary,
  ResolvedMinerOptions,
} from './miner-options.js';
import { clusterFromJson, clusterToJson, type MinerStateJson, parseMinerState } from './miner-state.js';
import { patternIdFor } from './pattern-id.js';
import { resolveOptions } from './resolve-options.js';
import { paramsFromParts } from './template-params.js';
import { collapsedTemplate, softMatch } from './token-match.js';
import { tokenize } from './tokenize.js';
import type { Variant } from './variant.js';
import { VariantRegistry } from './variant-registry.js';

/** Sibling templates that differ only at some word positions, with the values seen there. */
interface Family {
  members: Cluster[];
  values: Set<string>;
}

/** Most masked messages remembered for the exact-match fast path before it is reset. */
const EXACT_CACHE_LIMIT = 65_536;
/** Distinct values after which a position is a variable whatever their frequency. */
const SURE_VARIABLE_VALUES = 64;
const FAMILY_KEY_GAP = '\u0000';
/** Constant tokens templates must share besides a differing word for it to become a variable. */
const MIN_SHARED_WORDS = 1;

/** Template tokens other than position `p` that are not `<*>`. */
function sharedWords(tokens: readonly string[], p: number): number {
  let n = 0;
  for (let i = 0; i < tokens.length; i++) if (i !== p && tokens[i] !== WILDCARD) n++;
  return n;
}

export class LogPatternMiner {
  private readonly opts: ResolvedMinerOptions;
  private readonly index: ClusterIndex;
  /** Masked message → its variant: most messages repeat a masked form seen before. */
  private readonly variants: VariantRegistry;
  /** Masked message → cluster, for forms beyond the variant bound. */
  private exact = new Map<string, Cluster>();
  private families = new Map<string, Family>();
  private seq = 0;
  private mergedCount = 0;
  private evictedCount = 0;

  constructor(options: LogPatternMinerOptions = {}) {
    this.opts = resolveOptions(options);
    this.variants = new VariantRegistry(this.opts.maxPatterns);
    this.index = new ClusterIndex(4 * this.opts.maxPatterns);
  }

  /**
   * Adds one message; returns the id of the pattern it joined, the id of its masked form (resolve
   * it for the message's final pattern, see {@link resolve}) and its parameter values.
   */
  add(message: string, meta: AddMeta = {}): AddResult {
    const seq = this.seq++;
    const masked = maskTokens(tokenize(message));
    const key = masked.join(' ');
    let v: Variant | undefined = this.variants.get(key);
    let c: Cluster | undefined;
    if (v !== undefined) c = v.owner;
    else {
      c = this.exact.get(key);
      if (c !== undefined) {
        c = resolveCluster(c);
        if (c.evicted) c = undefined;
      }
      if (c === undefined) {
        c = this.place(masked, seq);
        const created = c.count === 0 && c.firstSeq === seq;
        v = this.variants.track(key, masked, c, seq, message, created ? c.id : undefined);
        if (v === undefined) {
          if (this.exact.size >= EXACT_CACHE_LIMIT) this.exact = new Map();
          this.exact.set(key, c);
        }
      }
    }
    c.record(seq, message, meta.timeMs, meta.severity, this.opts);
    if (v !== undefined) v.record(seq, meta.timeMs, meta.severity);
    else c.untracked++;
    const result: AddResult = {
      patternId: c.id,
      variantId: v === undefined ? c.id : v.id,
      params: this.opts.extractParams ? paramsFromParts(c.templateParts(), message) : [],
    };
    if (this.index.live.size > this.opts.maxPatterns) this.enforceBound();
    return result;
  }

  /**
   * Current id of a pattern id or variant id returned earlier by {@link add} (patterns merge as
   * they generalise, and split when a variable word position turns out to be an enumeration: a
   * `variantId` follows its lines into the split pattern, a `patternId` follows the form that
   * created the pattern). Undefined when unknown or evicted.
   */
  resolve(id: string): string | undefined {
    const v = this.variants.byVariantId(id);
    if (v !== undefined) return v.owner.id;
    const c = this.index.live.get(id) ?? this.index.retired.get(id);
    if (c === undefined) return undefined;
    const r = resolveCluster(c);
    return r.evicted ? undefined : r.id;
  }

  /** Current template of a pattern (by any id it has had), or undefined when unknown or evicted. */
  template(id: string): string | undefined {
    const r = this.resolve(id);
    return r === undefined ? undefined : this.index.live.get(r)?.template();
  }

  /** Summary of one pattern (by any id it has had). */
  pattern(id: string): PatternSummary | undefined {
    const r = this.resolve(id);
    const c = r === undefined ? undefined : this.index.live.get(r);
    return c === undefined ? undefined : summariseCluster(c, this.seq);
  }

  /** All live patterns, most frequent first (ties: oldest first). Merges what has become mergeable. */
  patterns(): PatternSummary[] {
    this.compact();
    const list = [...this.index.live.values()].sort((a, b) => b.count - a.count || a.firstSeq - b.firstSeq);
    return list.map((c) => summariseCluster(c, this.seq));
  }

  /** Patterns first seen at or after `timeMs` (needs `timeMs` in `add`'s meta). */
  newSince(timeMs: number): PatternSummary[] {
    return this.patterns().filter((p) => p.firstSeenMs !== null && p.firstSeenMs >= timeMs);
  }

  counters(): MinerCounters {
    return {
      messages: this.seq,
      patterns: this.index.live.size,
      merged: this.mergedCount,
      evicted: this.evictedCount,
    };
  }

  /**
   * Merges templates that are equal up to runs of `<*>` (multi-token variables), and sibling
   * templates whose differing word position has enough distinct, mostly unique values; then splits
   * patterns whose variable word positions turned out to hold a few frequent values (enum-split.ts).
   */
  compact(): void {
    this.mergeAll();
    this.splitEnumerations();
  }

  private mergeAll(): void {
    this.mergeSiblingFamilies();
    const byKey = new Map<string, Cluster>();
    const all = [...this.index.live.values()].sort((a, b) => a.firstSeq - b.firstSeq);
    for (const c of all) {
      if (c.mergedInto !== undefined) continue;
      const k = collapsedTemplate(c.tokens);
      const o = byKey.get(k);
      if (o === undefined) byKey.set(k, c);
      else this.merge(c, o);
    }
  }

  toJSON(): MinerStateJson {
    return {
      format: 'switchyard.log-patterns',
      version: 1,
      options: { ...this.opts },
      seq: this.seq,
      merged: this.mergedCount,
      evicted: this.evictedCount,
      clusters: [...this.index.live.values()].map(clusterToJson),
      aliases: this.index.aliases(),
    };
  }

  /** Restores a miner from {@link toJSON} output (plain data; validated, never executed). */
  static fromJSON(json: unknown): LogPatternMiner {
    const state = parseMinerState(json);
    const miner = new LogPatternMiner(state.options);
    miner.seq = state.seq;
    miner.mergedCount = state.merged;
    miner.evictedCount = state.evicted;
    for (const cj of state.clusters) {
      const c = clusterFromJson(cj);
      miner.index.insert(c);
      for (const v of c.variants) miner.variants.add(v);
    }
    for (const [from, to] of state.aliases) miner.index.restoreAlias(from, to);
    return miner;
  }

  private create(masked: string[], seq: number): Cluster {
    const c = new Cluster(this.index.freeId(patternIdFor(masked)), masked.slice(), seq);
    this.index.insert(c);
    return c;
  }

  /** Splits every pattern along its enumeration positions (enum-split.ts). */
  private splitEnumerations(): void {
    for (const c of [...this.index.live.values()]) {
      const plan = planEnumSplit(c);
      if (plan === undefined) continue;
      for (const child of applyEnumSplit(c, plan, this.index, this.opts))
        if (child.mergedInto === undefined) this.dedupe(child);
    }
  }

  private merge(src: Cluster, dst: Cluster): void {
    if (src === dst || src.mergedInto !== undefined) return;
    dst.absorb(src, this.opts);
    this.index.retire(src);
    this.mergedCount++;
  }

  /** After `c`'s template changed: merges live clusters whose template is now identical. */
  private dedupe(c: Cluster): Cluster {
    const list = this.index.byLength.get(c.tokens.length);
    if (list === undefined) return c;
    const key = c.template();
    for (const o of list.slice()) if (o !== c && o.template() === key) this.merge(o, c);
    return c;
  }

  /** Finds or creates the cluster for a masked message that is not in the exact cache. */
  private place(masked: string[], seq: number): Cluster {
    const n = masked.length;
    const list = this.index.byLength.get(n);
    if (list === undefined) return this.create(masked, seq);
    // Hot path: one pass per same-length template, counting equal constants, soft and hard differences.
    let best: Cluster | undefined;
    let bestHard = n + 1;
    let bestSame = -1;
    let bestSoft = 0;
    for (const c of list) {
      const t = c.tokens;
      let same = 0;
      let hard = 0;
      let soft = 0;
      let prevSoft = false;
      for (let i = 0; i < n && hard <= bestHard; i++) {
        const a = t[i] as string;
        const b = masked[i] as string;
        let isSoft = false;
        if (a === b) {
          if (a !== WILDCARD) same++;
        } else if (a !== WILDCARD) {
          if (softMatch(a, b)) {
            // A run of adjacent variable tokens is one (multi-token) variable.
            if (!prevSoft) soft++;
            isSoft = true;
          } else hard++;
        }
        prevSoft = isSoft;
      }
      if (hard < bestHard || (hard === bestHard && same > bestSame)) {
        best = c;
        bestHard = hard;
        bestSame = same;
        bestSoft = soft;
      }
    }
    // Joining needs some shared constant text, and more of it than variable runs.
    if (best === undefined || bestSame === 0 || bestSoft > bestSame) return this.create(masked, seq);
    const t = best.tokens;
    if (bestHard === 0) {
      if (bestSoft === 0) return best;
      for (let i = 0; i < n; i++) if (t[i] !== masked[i]) t[i] = WILDCARD;
      best.changed();
      return this.dedupe(best);
    }
    // One differing word: gather evidence on whether that position is a variable. A single shared
    // word (`X called`, `X true`) is too little to call the rest a variable: short messages that
    // differ in a word are different events.
    if (bestHard > 1 || bestSame < MIN_SHARED_WORDS) return this.create(masked, seq);
    return this.joinFamily(best, masked, seq);
  }

  private joinFamily(best: Cluster, masked: string[], seq: number): Cluster {
    const t = best.tokens;
    const n = masked.length;
    const keyParts: string[] = [String(n)];
    let own = '';
    let mine = '';
    for (let i = 0; i < n; i++) {
      const a = t[i] as string;
      const b = masked[i] as string;
      if (a !== b && a !== WILDCARD && !softMatch(a, b)) {
        keyParts.push(FAMILY_KEY_GAP);
        own = a;
        mine = b;
      } else keyParts.push(a);
    }
    const fk = keyParts.join(' ');
    let fam = this.families.get(fk);
    if (fam === undefined) {
      if (this.families.size >= 4 * this.opts.maxPatterns) this.families = new Map();
      fam = { members: [best], values: new Set([own]) };
      this.families.set(fk, fam);
    }
    fam.values.add(mine);
    let total = 1;
    for (const m of fam.members) total += resolveCluster(m).count;
    if (this.isVariable(fam.values.size, total)) {
      for (let i = 0; i < n; i++) if (t[i] !== masked[i]) t[i] = WILDCARD;
      best.changed();
      for (const m of fam.members) {
        const r = resolveCluster(m);
        if (r !== best && !r.evicted && r.tokens.length === n) this.merge(r, best);
      }
      this.families.delete(fk);
      return this.dedupe(best);
    }
    const c = this.create(masked, seq);
    fam.members.push(c);
    return c;
  }

  private isVariable(distinct: number, lines: number): boolean {
    if (distinct >= SURE_VARIABLE_VALUES) return true;
    return distinct >= this.opts.minDistinctValues && distinct >= this.opts.minDistinctRatio * lines;
  }

  /** Batch form of the family rule over all live templates, for siblings the online pass missed. */
  private mergeSiblingFamilies(): void {
    for (const [n, list] of [...this.index.byLength.entries()]) {
      if (list.length < this.opts.minDistinctValues) continue;
      for (let p = 0; p < n; p++) {
        const groups = new Map<string, Cluster[]>();
        for (const c of list) {
          if (c.tokens[p] === WILDCARD || sharedWords(c.tokens, p) < MIN_SHARED_WORDS) continue;
          const parts = c.tokens.slice();
          parts[p] = FAMILY_KEY_GAP;
          const k = parts.join(' ');
          const g = groups.get(k);
          if (g === undefined) groups.set(k, [c]);
          else g.push(c);
        }
        for (const g of groups.values()) {
          if (g.length < this.opts.minDistinctValues) continue;
          let lines = 0;
          for (const c of g) lines += c.count;
          if (!this.isVariable(g.length, lines)) continue;
          g.sort((a, b) => a.firstSeq - b.firstSeq);
          const head = g[0] as Cluster;
          head.tokens[p] = WILDCARD;
          head.changed();
          for (const c of g) if (c !== head) this.merge(c, head);
          this.dedupe(head);
        }
      }
    }
  }

  /** Keeps at most `maxPatterns` live patterns: merge first, then evict the least recently seen. */
  private enforceBound(): void {
    this.mergeAll();
    if (this.index.live.size <= this.opts.maxPatterns) return;
    // Evict down to 90% so the sort is amortised over many additions.
    const target = Math.floor(this.opts.maxPatterns * 0.9);
    const order = [...this.index.live.values()].sort((a, b) => a.lastSeq - b.lastSeq || a.count - b.count);
    for (const c of order) {
      if (this.index.live.size <= target) break;
      c.evicted = true;
      this.variants.drop(c);
      this.index.retire(c);
      this.evictedCount++;
    }
    this.families = new Map();
  }
}
