/**
 * @module Group commit for the durable queue: writers register a waiter after their write; one fsync
 * (of every file written since the last one) settles every waiter registered before it started. Runs on a
 * timer (`interval`) or as soon as possible after each write (`always`), never two fsyncs at once.
 */
import { closeSync, fsync } from 'node:fs';
import { promisify } from 'node:util';

const fsyncAsync = promisify(fsync);

export interface SyncTarget {
  /** File descriptors to fsync now, and to close afterwards (retired segments). */
  takeDirty(): { sync: number[]; close: number[] };
  /** Runs after the fsyncs, before waiters are released (directory fsync, cursor persistence). */
  afterSync(): void;
}

export class GroupCommit {
  private waiters: ((err: Error | undefined) => void)[] = [];
  private running: Promise<void> | undefined;
  private again = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly target: SyncTarget,
    private readonly policy: 'interval' | 'always',
    intervalMs: number,
  ) {
    // The timer also runs under `always`: it persists the ack cursor when no writes trigger rounds.
    this.timer = setInterval(() => void this.sync(), intervalMs);
    this.timer.unref();
  }

  /** Resolves once everything written before the call is on disk; rejects when fsync fails. */
  durable(): Promise<void> {
    const p = new Promise<void>((resolve, reject) =>
      this.waiters.push((err) => (err ? reject(err) : resolve())),
    );
    // Keep the process alive while someone waits for durability; idle, the timer must not.
    this.timer.ref();
    if (this.policy === 'always') void this.sync();
    return p;
  }

  /** Runs one fsync round now (or right after the one in progress). */
  sync(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.round().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.sync();
      }
    });
    return this.running;
  }

  private async round(): Promise<void> {
    const waiters = this.waiters;
    this.waiters = [];
    const { sync, close } = this.target.takeDirty();
    let error: Error | undefined;
    try {
      await Promise.all(sync.map((fd) => fsyncAsync(fd)));
      this.target.afterSync();
    } catch (err) {
      error = err instanceof Error ? err : new Error(String(err));
    }
    for (const fd of close) closeSync(fd);
    if (this.waiters.length === 0) this.timer.unref();
    for (const w of waiters) w(error);
  }

  /** Final round: settles every waiter. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    await this.sync();
  }
}
