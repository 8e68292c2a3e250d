/**
 * @module The miner's clusters: live ones by id and by token count, and retired ones (merged or
 * evicted) kept for a while so that ids handed out earlier still resolve.
 */
import { Cluster, resolveCluster } from './cluster.js';

export class ClusterIndex {
  /** Live clusters by id. */
  readonly live = new Map<string, Cluster>();
  /** Merged or evicted clusters by id (bounded, oldest dropped first). */
  readonly retired = new Map<string, Cluster>();
  /** Live clusters by template length: a message is only compared with same-length templates. */
  readonly byLength = new Map<number, Cluster[]>();
  private readonly retiredCap: number;

  constructor(retiredCap: number) {
    this.retiredCap = retiredCap;
  }

  insert(c: Cluster): void {
    this.live.set(c.id, c);
    let list = this.byLength.get(c.tokens.length);
    if (list === undefined) {
      list = [];
      this.byLength.set(c.tokens.length, list);
    }
    list.push(c);
  }

  /** Removes `c` from the live set (it was merged or evicted) and remembers its id. */
  retire(c: Cluster): void {
    this.live.delete(c.id);
    const list = this.byLength.get(c.tokens.length);
    if (list !== undefined) {
      const k = list.indexOf(c);
      if (k >= 0) list.splice(k, 1);
      if (list.length === 0) this.byLength.delete(c.tokens.length);
    }
    this.retired.set(c.id, c);
    if (this.retired.size > this.retiredCap) {
      for (const id of this.retired.keys()) {
        this.retired.delete(id);
        if (this.retired.size <= this.retiredCap) break;
      }
    }
  }

  /** `base`, or `base-1`, `base-2`… whichever is not used by a live or retired cluster. */
  freeId(base: string): string {
    let id = base;
    for (let k = 1; this.live.has(id) || this.retired.has(id); k++) id = `${base}-${k}`;
    return id;
  }

  /**
   * `id` made free again when it only names a retired cluster: a pattern that was merged away and
   * comes back (split off again) gets its old id, so ids stay reproducible. Else {@link freeId}.
   */
  reclaimId(id: string): string {
    if (!this.live.has(id)) this.retired.delete(id);
    return this.freeId(id);
  }

  /** [old id, live id] for every retired id that still resolves to a live cluster. */
  aliases(): [string, string][] {
    const out: [string, string][] = [];
    for (const c of this.retired.values()) {
      const r = resolveCluster(c);
      if (!r.evicted) out.push([c.id, r.id]);
    }
    return out;
  }

  /** Restores an alias from a saved state: `from` resolves to the live cluster `to`. */
  restoreAlias(from: string, to: string): void {
    const target = this.live.get(to);
    if (target === undefined || this.live.has(from)) return;
    const alias = new Cluster(from, target.tokens.slice(), target.firstSeq);
    alias.mergedInto = target;
    this.retired.set(from, alias);
  }
}
