/**
 * @module JSON form of a miner's state, and its validation on restore.
 *
 * Plain JSON only (no code-executing formats). The exact-match cache and the sibling evidence
 * being gathered for undecided word positions are not saved; they rebuild as messages arrive.
 */
import { SwitchyardError } from '@switchyard/core';
import { Cluster } from './cluster.js';
import type { ResolvedMinerOptions } from './miner-options.js';
import { Variant } from './variant.js';

/** A tracked masked form of a pattern's messages (see variant.ts). */
export interface VariantJson {
  id: string;
  /** The masked message, tokens joined by single spaces. */
  key: string;
  count: number;
  firstSeq: number;
  lastSeq: number;
  firstSeenMs: number | null;
  lastSeenMs: number | null;
  severities: Record<string, number>;
  example: string;
}

export interface ClusterJson {
  id: string;
  tokens: string[];
  count: number;
  firstSeq: number;
  lastSeq: number;
  firstSeenMs: number | null;
  lastSeenMs: number | null;
  severities: Record<string, number>;
  buckets: [number, number][];
  examples: string[];
  /** Tracked forms; absent in older states (their lines then count as untracked). */
  variants?: VariantJson[];
  /** Lines whose form is not tracked. */
  untracked?: number;
}

export interface MinerStateJson {
  format: 'switchyard.log-patterns';
  version: 1;
  options: ResolvedMinerOptions;
  seq: number;
  merged: number;
  evicted: number;
  clusters: ClusterJson[];
  /** [old id, live id] for patterns merged into another one. */
  aliases: [string, string][];
}

export function clusterToJson(c: Cluster): ClusterJson {
  return {
    id: c.id,
    tokens: c.tokens.slice(),
    count: c.count,
    firstSeq: c.firstSeq,
    lastSeq: c.lastSeq,
    firstSeenMs: c.firstSeenMs ?? null,
    lastSeenMs: c.lastSeenMs ?? null,
    severities: Object.fromEntries(c.severities),
    buckets: [...c.buckets.entries()],
    examples: c.examples.slice(),
    variants: c.variants.map(variantToJson),
    untracked: c.untracked,
  };
}

function variantToJson(v: Variant): VariantJson {
  return {
    id: v.id,
    key: v.key,
    count: v.count,
    firstSeq: v.firstSeq,
    lastSeq: v.lastSeq,
    firstSeenMs: v.firstSeenMs ?? null,
    lastSeenMs: v.lastSeenMs ?? null,
    severities: Object.fromEntries(v.severities ?? []),
    example: v.example,
  };
}

function variantFromJson(j: VariantJson, owner: Cluster): Variant {
  const v = new Variant(j.id, j.key, j.key.split(' '), owner, j.firstSeq, j.example);
  v.count = j.count;
  v.lastSeq = j.lastSeq;
  v.firstSeenMs = j.firstSeenMs ?? undefined;
  v.lastSeenMs = j.lastSeenMs ?? undefined;
  const sev = Object.entries(j.severities);
  if (sev.length > 0) v.severities = new Map(sev);
  return v;
}

/** Restores a cluster with its variants (register them with the miner's variant registry). */
export function clusterFromJson(j: ClusterJson): Cluster {
  const c = new Cluster(j.id, j.tokens.slice(), j.firstSeq);
  c.count = j.count;
  c.lastSeq = j.lastSeq;
  c.firstSeenMs = j.firstSeenMs ?? undefined;
  c.lastSeenMs = j.lastSeenMs ?? undefined;
  c.severities = new Map(Object.entries(j.severities));
  c.buckets = new Map(j.buckets);
  c.examples = j.examples.slice();
  c.variants = (j.variants ?? []).map((vj) => variantFromJson(vj, c));
  let tracked = 0;
  for (const v of c.variants) tracked += v.count;
  c.untracked = j.untracked ?? c.count - tracked;
  return c;
}

function invalid(path: string, what: string): SwitchyardError {
  return new SwitchyardError('PATTERN_STATE_INVALID', `log pattern state: ${what}`, {
    path,
    hint: 'pass the object produced by LogPatternMiner.toJSON()',
  });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function num(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw invalid(path, 'expected a finite number');
  return v;
}

function str(v: unknown, path: string): string {
  if (typeof v !== 'string') throw invalid(path, 'expected a string');
  return v;
}

function strArray(v: unknown, path: string): string[] {
  if (!Array.isArray(v)) throw invalid(path, 'expected an array of strings');
  return v.map((x, i) => str(x, `${path}[${i}]`));
}

function nullableNum(v: unknown, path: string): number | null {
  return v === null ? null : num(v, path);
}

function parseCluster(v: unknown, path: string): ClusterJson {
  if (!isRecord(v)) throw invalid(path, 'expected an object');
  const severities = counts(v.severities, `${path}.severities`);
  if (!Array.isArray(v.buckets)) throw invalid(`${path}.buckets`, 'expected an array');
  const buckets = v.buckets.map((b, i): [number, number] => {
    if (!Array.isArray(b) || b.length !== 2)
      throw invalid(`${path}.buckets[${i}]`, 'expected [startMs, count]');
    return [num(b[0], `${path}.buckets[${i}][0]`), num(b[1], `${path}.buckets[${i}][1]`)];
  });
  const tokens = strArray(v.tokens, `${path}.tokens`);
  const variants = v.variants === undefined ? undefined : parseVariants(v.variants, `${path}.variants`);
  return {
    id: str(v.id, `${path}.id`),
    tokens,
    count: num(v.count, `${path}.count`),
    firstSeq: num(v.firstSeq, `${path}.firstSeq`),
    lastSeq: num(v.lastSeq, `${path}.lastSeq`),
    firstSeenMs: nullableNum(v.firstSeenMs, `${path}.firstSeenMs`),
    lastSeenMs: nullableNum(v.lastSeenMs, `${path}.lastSeenMs`),
    severities,
    buckets,
    examples: strArray(v.examples, `${path}.examples`),
    ...(variants === undefined ? {} : { variants }),
    ...(v.untracked === undefined ? {} : { untracked: num(v.untracked, `${path}.untracked`) }),
  };
}

function counts(v: unknown, path: string): Record<string, number> {
  if (!isRecord(v)) throw invalid(path, 'expected an object');
  const out: Record<string, number> = {};
  for (const [k, x] of Object.entries(v)) out[k] = num(x, `${path}.${k}`);
  return out;
}

function parseVariants(v: unknown, path: string): VariantJson[] {
  if (!Array.isArray(v)) throw invalid(path, 'expected an array');
  return v.map((x, i) => parseVariant(x, `${path}[${i}]`));
}

function parseVariant(v: unknown, path: string): VariantJson {
  if (!isRecord(v)) throw invalid(path, 'expected an object');
  return {
    id: str(v.id, `${path}.id`),
    key: str(v.key, `${path}.key`),
    count: num(v.count, `${path}.count`),
    firstSeq: num(v.firstSeq, `${path}.firstSeq`),
    lastSeq: num(v.lastSeq, `${path}.lastSeq`),
    firstSeenMs: nullableNum(v.firstSeenMs, `${path}.firstSeenMs`),
    lastSeenMs: nullableNum(v.lastSeenMs, `${path}.lastSeenMs`),
    severities: counts(v.severities, `${path}.severities`),
    example: str(v.example, `${path}.example`),
  };
}

/** Validates untrusted JSON (already parsed) as a miner state. */
export function parseMinerState(json: unknown): MinerStateJson {
  if (!isRecord(json)) throw invalid('$', 'expected an object');
  if (json.format !== 'switchyard.log-patterns')
    throw invalid('format', "expected 'switchyard.log-patterns'");
  if (json.version !== 1) throw invalid('version', `unsupported version ${String(json.version)}`);
  const o = json.options;
  if (!isRecord(o)) throw invalid('options', 'expected an object');
  const options: ResolvedMinerOptions = {
    maxPatterns: num(o.maxPatterns, 'options.maxPatterns'),
    minDistinctValues: num(o.minDistinctValues, 'options.minDistinctValues'),
    minDistinctRatio: num(o.minDistinctRatio, 'options.minDistinctRatio'),
    bucketMs: num(o.bucketMs, 'options.bucketMs'),
    maxBuckets: num(o.maxBuckets, 'options.maxBuckets'),
    maxExamples: num(o.maxExamples, 'options.maxExamples'),
    extractParams: o.extractParams !== false,
  };
  if (!Array.isArray(json.clusters)) throw invalid('clusters', 'expected an array');
  const clusters = json.clusters.map((c, i) => parseCluster(c, `clusters[${i}]`));
  const ids = new Set<string>();
  for (const c of clusters) {
    if (ids.has(c.id)) throw invalid('clusters', `duplicate pattern id ${c.id}`);
    ids.add(c.id);
  }
  if (!Array.isArray(json.aliases)) throw invalid('aliases', 'expected an array');
  const aliases = json.aliases.map((a, i): [string, string] => {
    if (!Array.isArray(a) || a.length !== 2) throw invalid(`aliases[${i}]`, 'expected [oldId, liveId]');
    return [str(a[0], `aliases[${i}][0]`), str(a[1], `aliases[${i}][1]`)];
  });
  return {
    format: 'switchyard.log-patterns',
    version: 1,
    options,
    seq: num(json.seq, 'seq'),
    merged: num(json.merged, 'merged'),
    evicted: num(json.evicted, 'evicted'),
    clusters,
    aliases,
  };
}
