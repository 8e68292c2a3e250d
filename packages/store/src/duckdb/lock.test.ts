import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreLockedError } from '../store-locked-error.js';
import { DuckDbStore } from './duckdb-store.js';
import { LOCK_FILE_NAME } from './lock.js';

// The child runs the built package (npx tsc -b packages/store) to hold the store like a real second hub.
const distIndex = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

function holdStore(dataDir: string): Promise<ChildProcess> {
  const script = `
    import { DuckDbStore } from ${JSON.stringify(distIndex)};
    const store = new DuckDbStore({ dataDir: process.argv[1] });
    await store.open();
    process.stdout.write('open\\n');
    process.stdin.on('end', async () => { await store.close(); process.exit(0); });
    process.stdin.resume();
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, dataDir], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('open')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`child exited with ${code}`)));
  });
}

function release(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.on('exit', () => resolve());
    child.stdin?.end();
  });
}

describe('DuckDbStore directory lock', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'switchyard-lock-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('fails with StoreLockedError naming the directory and the pid of another process holding it', async () => {
    const child = await holdStore(dataDir);
    try {
      const err = await new DuckDbStore({ dataDir }).open().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreLockedError);
      expect((err as StoreLockedError).code).toBe('STORE_LOCKED');
      expect((err as StoreLockedError).pid).toBe(child.pid);
      expect((err as Error).message).toContain(dataDir);
      expect((err as Error).message).toContain(String(child.pid));
    } finally {
      await release(child);
    }
    const store = new DuckDbStore({ dataDir });
    await store.open();
    await store.close();
  });

  it("maps DuckDB's own file lock error when the lock file is missing", async () => {
    const child = await holdStore(dataDir);
    try {
      rmSync(join(dataDir, LOCK_FILE_NAME));
      const err = await new DuckDbStore({ dataDir }).open().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreLockedError);
      expect((err as StoreLockedError).pid).toBe(child.pid);
    } finally {
      await release(child);
    }
  });

  it('refuses a second store on the same directory in the same process, and takes over a stale lock', async () => {
    const first = new DuckDbStore({ dataDir });
    await first.open();
    await expect(new DuckDbStore({ dataDir }).open()).rejects.toBeInstanceOf(StoreLockedError);
    await first.close();
    const second = new DuckDbStore({ dataDir });
    await second.open();
    await second.close();
  });
});
