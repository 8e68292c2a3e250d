/**
 * @module Directory lock: a `switchyard.lock` file holding the owner's pid, so a second hub on the
 * same data directory fails with a clear StoreLockedError instead of DuckDB's terse lock message.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { StoreLockedError } from '../store-locked-error.js';

export const LOCK_FILE_NAME = 'switchyard.lock';

/** Directories locked by stores of this process (a pid check cannot tell those apart). */
const heldInProcess = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export class DirectoryLock {
  private readonly dir: string;
  private readonly file: string;
  private held = false;

  constructor(dataDir: string) {
    this.dir = resolve(dataDir);
    this.file = join(this.dir, LOCK_FILE_NAME);
  }

  /** Takes the lock; throws StoreLockedError naming the holder's pid when it is held. */
  acquire(): void {
    if (heldInProcess.has(this.dir)) throw new StoreLockedError(this.dir, process.pid);
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const fd = openSync(this.file, 'wx');
        try {
          writeSync(fd, `${process.pid}\n`);
        } finally {
          closeSync(fd);
        }
        heldInProcess.add(this.dir);
        this.held = true;
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const pid = readPid(this.file);
      // A live pid other than ours holds it; our own pid here is a stale file from a store never closed.
      if (pid !== undefined && pid !== process.pid && isAlive(pid)) throw new StoreLockedError(this.dir, pid);
      rmSync(this.file, { force: true });
    }
    throw new StoreLockedError(this.dir, readPid(this.file));
  }

  release(): void {
    if (!this.held) return;
    this.held = false;
    heldInProcess.delete(this.dir);
    if (readPid(this.file) === process.pid) rmSync(this.file, { force: true });
  }
}

/** Maps DuckDB's own "Could not set lock on file … (PID n)" error to a StoreLockedError. */
export function mapDuckDbLockError(err: unknown, dataDir: string): unknown {
  const message = err instanceof Error ? err.message : String(err);
  if (!message.includes('Could not set lock')) return err;
  const m = /PID (\d+)/.exec(message);
  return new StoreLockedError(resolve(dataDir), m ? Number(m[1]) : undefined, err);
}
