import { SwitchyardError } from '@switchyard/core';

/** The store's data directory is held by another process (or another store in this process). */
export class StoreLockedError extends SwitchyardError {
  readonly dataDir: string;
  /** Pid of the holder, when known. */
  readonly pid: number | undefined;

  constructor(dataDir: string, pid: number | undefined, cause?: unknown) {
    const holder = pid === undefined ? 'another process' : `process ${pid}`;
    super('STORE_LOCKED', `store directory ${dataDir} is locked by ${holder}`, {
      path: dataDir,
      hint: 'stop the other switchyard hub using this directory, or point this one at a different data directory',
      cause,
    });
    this.name = 'StoreLockedError';
    this.dataDir = dataDir;
    this.pid = pid;
  }
}
