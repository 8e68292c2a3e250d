import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Fsync, type FsyncPolicy, GroupCommit, nodeFsync } from './group-commit.js';

let dir: string;
let fd: number;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sygc-'));
  fd = openSync(join(dir, 'f'), 'w');
});
afterEach(() => {
  closeSync(fd);
  rmSync(dir, { recursive: true, force: true });
});

/** A real fsync that can be held open, recording each call, so tests can see what one round covers. */
class GatedFsync {
  calls = 0;
  private gates: (() => void)[] = [];
  held = true;
  readonly fsync: Fsync = async (target) => {
    this.calls++;
    if (this.held) await new Promise<void>((r) => this.gates.push(r));
    await nodeFsync(target);
  };
  /** Lets the fsyncs started so far finish. */
  release(): void {
    for (const g of this.gates.splice(0)) g();
  }
}

function commit(policy: FsyncPolicy, intervalMs: number, fsync: Fsync): { gc: GroupCommit; write(): void } {
  let dirty = false;
  const gc = new GroupCommit(
    {
      takeDirty: () => {
        const sync = dirty ? [fd] : [];
        dirty = false;
        return { sync, close: [] };
      },
      afterSync: () => {},
    },
    policy,
    intervalMs,
    fsync,
  );
  return {
    gc,
    write() {
      writeSync(fd, 'record');
      dirty = true;
    },
  };
}

const settled = async (p: Promise<unknown>): Promise<boolean> => {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((r) => setImmediate(r));
  return done;
};

describe('GroupCommit', () => {
  it('under adaptive, a waiting writer is released by an fsync long before the interval timer could fire', async () => {
    const fsync = new GatedFsync();
    fsync.held = false;
    const { gc, write } = commit('adaptive', 10_000, fsync.fsync);
    write();
    const timer = new Promise<string>((r) => setTimeout(() => r('timer'), 10_000).unref());
    const first = await Promise.race([gc.durable().then(() => 'fsynced'), timer]);
    expect(first).toBe('fsynced');
    expect(fsync.calls).toBe(1);
    await gc.stop();
  });

  it('does not release a waiter before its fsync has finished', async () => {
    const fsync = new GatedFsync();
    const { gc, write } = commit('adaptive', 10_000, fsync.fsync);
    write();
    const ack = gc.durable();
    expect(fsync.calls).toBe(1);
    expect(await settled(ack)).toBe(false);
    fsync.release();
    await ack;
    fsync.held = false;
    await gc.stop();
  });

  it('covers every write made during an fsync with one next fsync, started as soon as the first ends', async () => {
    const fsync = new GatedFsync();
    const { gc, write } = commit('adaptive', 10_000, fsync.fsync);
    write();
    const first = gc.durable();
    const later = Array.from({ length: 10 }, () => {
      write();
      return gc.durable();
    });
    expect(fsync.calls).toBe(1); // never two fsyncs at once
    fsync.release();
    await first;
    expect(await settled(Promise.all(later))).toBe(false); // their writes may postdate the first fsync
    for (let turn = 0; turn < 5 && fsync.calls < 2; turn++) await new Promise((r) => setImmediate(r));
    expect(fsync.calls).toBe(2); // the second round started without waiting for the timer
    fsync.release();
    await Promise.all(later);
    expect(fsync.calls).toBe(2);
    fsync.held = false;
    await gc.stop();
  });

  it('under interval, releases waiters only on the timer', async () => {
    const fsync = new GatedFsync();
    fsync.held = false;
    const { gc, write } = commit('interval', 50, fsync.fsync);
    write();
    const ack = gc.durable();
    expect(await settled(ack)).toBe(false);
    expect(fsync.calls).toBe(0);
    await ack;
    expect(fsync.calls).toBe(1);
    await gc.stop();
  });

  it('under always, fsyncs after a write even when nobody waits; under adaptive, leaves it to the timer', async () => {
    const always = new GatedFsync();
    always.held = false;
    const a = commit('always', 10_000, always.fsync);
    a.write();
    a.gc.written();
    expect(always.calls).toBe(1);
    await a.gc.stop();

    const adaptive = new GatedFsync();
    adaptive.held = false;
    const b = commit('adaptive', 10_000, adaptive.fsync);
    b.write();
    b.gc.written();
    expect(adaptive.calls).toBe(0);
    await b.gc.stop(); // shutdown fsyncs what is left
    expect(adaptive.calls).toBe(1);
  });
});
