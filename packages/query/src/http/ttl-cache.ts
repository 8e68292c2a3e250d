/** @module A small TTL cache for source responses: identical queries within the TTL hit the cache. */

export interface TtlCacheOptions {
  ttlMs: number;
  /** Most entries; the oldest is evicted first. */
  maxEntries: number;
  /** Clock, for tests. */
  now?: () => number;
}

export class TtlCache<V> {
  private readonly entries = new Map<string, { expires: number; value: V }>();
  private readonly now: () => number;
  hits = 0;
  misses = 0;

  constructor(private readonly opts: TtlCacheOptions) {
    this.now = opts.now ?? Date.now;
  }

  get(key: string): V | undefined {
    const e = this.entries.get(key);
    if (e === undefined || e.expires <= this.now()) {
      if (e !== undefined) this.entries.delete(key);
      this.misses++;
      return undefined;
    }
    this.hits++;
    return e.value;
  }

  set(key: string, value: V): void {
    if (this.opts.ttlMs <= 0 || this.opts.maxEntries <= 0) return;
    this.entries.delete(key);
    while (this.entries.size >= this.opts.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    this.entries.set(key, { expires: this.now() + this.opts.ttlMs, value });
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}
