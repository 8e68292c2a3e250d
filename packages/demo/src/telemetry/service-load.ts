/**
 * Recent activity of one simulated service (kept across redeployments), from which the
 * runtime gauges derive plausible values: bucketed per second, read over a sliding window
 * so any number of metric readers can observe without consuming state.
 */
const WINDOW_S = 10;

interface Bucket {
  second: number;
  requests: number;
  serverMs: number;
  dbMs: number;
}

export interface LoadSnapshot {
  requestsPerSecond: number;
  /** Average number of concurrent database calls (Little's law: busy time / wall time). */
  dbConcurrency: number;
}

export class ServiceLoad {
  private readonly buckets: Bucket[] = [];

  constructor(private readonly nowMs: () => number = () => Date.now()) {}

  recordServer(durationMs: number): void {
    const b = this.bucket();
    b.requests++;
    b.serverMs += durationMs;
  }

  recordDb(durationMs: number): void {
    this.bucket().dbMs += durationMs;
  }

  snapshot(): LoadSnapshot {
    const now = Math.floor(this.nowMs() / 1000);
    let requests = 0;
    let dbMs = 0;
    for (const b of this.buckets) {
      if (b.second > now - WINDOW_S) {
        requests += b.requests;
        dbMs += b.dbMs;
      }
    }
    return { requestsPerSecond: requests / WINDOW_S, dbConcurrency: dbMs / (WINDOW_S * 1000) };
  }

  private bucket(): Bucket {
    const second = Math.floor(this.nowMs() / 1000);
    const last = this.buckets[this.buckets.length - 1];
    if (last !== undefined && last.second === second) return last;
    const b = { second, requests: 0, serverMs: 0, dbMs: 0 };
    this.buckets.push(b);
    while (this.buckets.length > WINDOW_S + 2) this.buckets.shift();
    return b;
  }
}
