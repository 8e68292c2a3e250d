/**
 * @module Group commit: appends from any number of callers are encoded into one pending group; a
 * flusher commits the group every `intervalMs` or as soon as `maxRows` rows are pending, and every
 * append() of the group resolves (or rejects) with that one commit. One flush runs at a time.
 */
import type { TelemetryBatch } from '@switchyard/core';
import { CsvBuffer } from './csv-buffer.js';
import type { ResourceRegistry } from './resource-registry.js';
import { encodeLogs, encodeMetrics, encodeSpans } from './row-encoders.js';

/** Rows of one group, per table, staged as text. */
export interface PendingGroup {
  spans: CsvBuffer;
  logs: CsvBuffer;
  points: CsvBuffer;
}

export type FlushGroup = (group: PendingGroup) => Promise<void>;

interface Group extends PendingGroup {
  rows: number;
  done: Promise<void>;
  resolve: () => void;
  reject: (err: unknown) => void;
}

function newGroup(spare: PendingGroup | undefined): Group {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const done = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const buffers = spare ?? { spans: new CsvBuffer(), logs: new CsvBuffer(), points: new CsvBuffer() };
  return { ...buffers, rows: 0, done, resolve, reject };
}

export interface GroupCommitOptions {
  intervalMs: number;
  maxRows: number;
}

export class GroupCommitter {
  private current: Group | undefined;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  /** Buffers of the last committed group, reused by the next one. */
  private spare: PendingGroup | undefined;

  constructor(
    private readonly registry: ResourceRegistry,
    private readonly flushGroup: FlushGroup,
    private readonly options: GroupCommitOptions,
  ) {}

  /** Encodes the batch into the pending group; resolves when that group is committed. */
  append(batch: TelemetryBatch): Promise<void> {
    const g = this.current ?? this.startGroup();
    const target = batch.signal === 'traces' ? g.spans : batch.signal === 'logs' ? g.logs : g.points;
    const mark = target.mark();
    try {
      if (batch.signal === 'traces') encodeSpans(batch.data, this.registry, target);
      else if (batch.signal === 'logs') encodeLogs(batch.data, this.registry, target);
      else encodeMetrics(batch.data, this.registry, target);
    } catch (err) {
      target.truncate(mark);
      return Promise.reject(err);
    }
    g.rows += target.rows - mark.rows;
    if (g.rows >= this.options.maxRows) this.flushSoon(0);
    return g.done;
  }

  /** Commits whatever is pending (and waits for an in-flight flush). */
  async flush(): Promise<void> {
    while (this.flushing || this.current) {
      if (this.flushing) await this.flushing.catch(() => undefined);
      else this.startFlush();
    }
  }

  private startGroup(): Group {
    const g = newGroup(this.spare);
    this.spare = undefined;
    this.current = g;
    this.flushSoon(this.options.intervalMs);
    return g;
  }

  private flushSoon(delayMs: number): void {
    if (this.timer !== undefined) {
      if (delayMs > 0) return;
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.flushing) return; // the running flush starts the next one when it ends
      this.startFlush();
    }, delayMs);
  }

  private startFlush(): void {
    const g = this.current;
    if (!g) return;
    this.current = undefined;
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const run = (async () => {
      try {
        await this.flushGroup(g);
        g.resolve();
      } catch (err) {
        g.reject(err);
      }
      for (const b of [g.spans, g.logs, g.points]) b.reset();
      this.spare = { spans: g.spans, logs: g.logs, points: g.points };
    })();
    this.flushing = run;
    void run.then(() => {
      this.flushing = undefined;
      // Rows that arrived during the flush: commit them now if due, else on their timer.
      if (this.current && (this.current.rows >= this.options.maxRows || this.timer === undefined))
        this.startFlush();
    });
  }
}
