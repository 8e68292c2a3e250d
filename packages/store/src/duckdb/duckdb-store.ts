/**
 * @module The embedded store: one DuckDB database file under the data directory, written through
 * group commits of staged rows (group-commit.ts), read through a small pool of connections.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, ftruncateSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { nowNs, SwitchyardError, type TelemetryBatch } from '@switchyard/core';
import type {
  ChangeEvent,
  ChangeEventQuery,
  LogQuery,
  MetricDescriptor,
  MetricQuery,
  MetricSeries,
  RetentionPolicy,
  RetentionResult,
  ServiceSummary,
  StoredLog,
  StoredSpan,
  StoreStats,
  TelemetryStore,
  TraceQuery,
  TraceSummary,
} from '../telemetry-store.js';
import * as catalog from './catalog-queries.js';
import { readCsvOptions } from './csv-buffer.js';
import { GroupCommitter, type PendingGroup } from './group-commit.js';
import { DirectoryLock, mapDuckDbLockError } from './lock.js';
import { findLogs } from './log-queries.js';
import { queryMetrics } from './metric-queries.js';
import { type PendingEntries, ResourceRegistry } from './resource-registry.js';
import { enforceRetention, type RetentionWriter } from './retention.js';
import { LOG_COLUMNS, POINT_COLUMNS, SPAN_COLUMNS, schemaStatements } from './schema.js';
import { SerialQueue } from './serial-queue.js';
import { findTraces, getTrace } from './span-queries.js';
import type { Row, SqlReader, SqlValue } from './sql.js';
import { toNumber, toStr } from './sql.js';

export interface DuckDbStoreOptions {
  /** Directory holding the database file, its lock and staging files; created if missing. */
  dataDir: string;
  /** Database file name inside dataDir (default `switchyard.duckdb`). */
  fileName?: string;
  /** Group-commit interval (default 100 ms). */
  flushIntervalMs?: number;
  /** Commit as soon as this many rows are pending (default 5,000). */
  maxPendingRows?: number;
  /** ART index on spans.trace_id (default false: zone maps + a full column scan; see bench/store). */
  traceIdIndex?: boolean;
  /** DuckDB settings passed to the instance (e.g. `{ threads: '2', memory_limit: '1GB' }`). */
  duckdbConfig?: Record<string, string>;
}

const MAX_IDLE_READERS = 4;

/**
 * Checkpoint rarely: DuckDB's default (16 MB of WAL) re-compresses the open row group every few
 * commits, which more than halved append throughput in bench/store. The cost is a longer WAL replay
 * after a crash. Rows not yet checkpointed stay in memory (~1.2 KB per span) and each checkpoint stalls
 * commits while it compresses them (~4 µs per span, ~0.5 s at this threshold), so the threshold bounds
 * both: over 600k spans, 128 MB cost the same CPU per span as 512 MB and 256 MB (64 MB: +20%), with a
 * peak RSS of ~620 instead of ~1000 MiB in bench/ingest.
 *
 * Threads: one fewer than the machine's cores, leaving one for the JS thread (decoding and row
 * encoding). DuckDB's idle workers spin before they sleep, and on a 2-core box a second worker cost
 * ~6 µs of CPU per ingested span (bench/ingest: hub 34 → 28 µs/span) without speeding up commits;
 * a checkpoint of 240k spans took half the CPU and less wall time with one thread than with two.
 */
const DEFAULT_DUCKDB_CONFIG: Record<string, string> = {
  checkpoint_threshold: '128MB',
  threads: String(Math.max(1, availableParallelism() - 1)),
};

export class DuckDbStore implements TelemetryStore {
  readonly dataDir: string;
  readonly path: string;
  private readonly options: DuckDbStoreOptions;
  private readonly lock: DirectoryLock;
  private readonly registry = new ResourceRegistry();
  private readonly writes = new SerialQueue();
  private instance: DuckDBInstance | undefined;
  private writer: DuckDBConnection | undefined;
  private idleReaders: DuckDBConnection[] = [];
  /** Open staging files by table, rewritten in place by every commit (see `stage`). */
  private readonly stagingFds = new Map<string, number>();
  private committer: GroupCommitter | undefined;
  private state: 'new' | 'open' | 'closed' = 'new';
  private closing: Promise<void> | undefined;
  private readonly reader: SqlReader = { all: (sql, params) => this.read(sql, params) };

  constructor(options: DuckDbStoreOptions) {
    this.options = options;
    this.dataDir = resolve(options.dataDir);
    this.path = join(this.dataDir, options.fileName ?? 'switchyard.duckdb');
    this.lock = new DirectoryLock(this.dataDir);
  }

  async open(): Promise<void> {
    if (this.state !== 'new')
      throw new SwitchyardError('STORE_STATE', `store ${this.path} was already opened`);
    mkdirSync(join(this.dataDir, 'staging'), { recursive: true });
    this.lock.acquire();
    try {
      this.instance = await DuckDBInstance.create(this.path, {
        ...DEFAULT_DUCKDB_CONFIG,
        ...this.options.duckdbConfig,
      });
      this.writer = await this.instance.connect();
      for (const sql of schemaStatements(this.options.traceIdIndex ?? false)) await this.writer.run(sql);
      await this.loadRegistry();
    } catch (err) {
      this.writer?.closeSync();
      this.instance?.closeSync();
      this.lock.release();
      throw mapDuckDbLockError(err, this.dataDir);
    }
    this.committer = new GroupCommitter(this.registry, (g) => this.writes.run(() => this.commitGroup(g)), {
      intervalMs: this.options.flushIntervalMs ?? 100,
      maxRows: this.options.maxPendingRows ?? 5_000,
    });
    this.state = 'open';
  }

  append(batch: TelemetryBatch): Promise<void> {
    return this.openCommitter().append(batch);
  }

  async recordChangeEvent(event: Omit<ChangeEvent, 'id'> & { id?: string }): Promise<ChangeEvent> {
    const stored: ChangeEvent = {
      ...event,
      id: event.id ?? randomUUID(),
      attributes: { ...event.attributes },
    };
    const writer = this.openWriter();
    await this.writes.run(() =>
      writer.run('INSERT INTO change_events VALUES ($1, $2, $3, $4, $5, $6)', [
        stored.id,
        stored.timeUnixNano,
        stored.kind,
        stored.service,
        stored.description,
        JSON.stringify(stored.attributes),
      ]),
    );
    return stored;
  }

  getTrace(traceId: string): Promise<StoredSpan[]> {
    return getTrace(this.reader, this.registry, traceId);
  }

  findTraces(query: TraceQuery): Promise<TraceSummary[]> {
    return findTraces(this.reader, query);
  }

  findLogs(query: LogQuery): Promise<StoredLog[]> {
    return findLogs(this.reader, this.registry, query);
  }

  queryMetrics(query: MetricQuery): Promise<MetricSeries[]> {
    return queryMetrics(this.reader, query);
  }

  metricNames(service?: string): Promise<MetricDescriptor[]> {
    return catalog.metricNames(this.reader, service);
  }

  services(): Promise<ServiceSummary[]> {
    return catalog.services(this.reader);
  }

  changeEvents(query: ChangeEventQuery): Promise<ChangeEvent[]> {
    return catalog.changeEvents(this.reader, query);
  }

  enforceRetention(policy: RetentionPolicy): Promise<RetentionResult> {
    const writer = this.openWriter();
    const db: RetentionWriter = {
      all: async (sql, params) => (await writer.runAndReadAll(sql, params)).getRowObjectsJS() as Row[],
      exec: async (sql, params) => (await writer.run(sql, params)).rowsChanged,
    };
    return this.writes.run(() => enforceRetention(db, policy, nowNs()));
  }

  stats(): Promise<StoreStats> {
    return catalog.stats(this.reader);
  }

  /** Commits everything appended so far. */
  async flush(): Promise<void> {
    await this.openCommitter().flush();
  }

  close(): Promise<void> {
    if (this.state === 'new') {
      this.state = 'closed';
      return Promise.resolve();
    }
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    try {
      await this.committer?.flush();
      await this.writes.run(async () => undefined);
    } finally {
      this.state = 'closed';
      for (const fd of this.stagingFds.values()) closeSync(fd);
      this.stagingFds.clear();
      for (const c of this.idleReaders) c.closeSync();
      this.idleReaders = [];
      this.writer?.closeSync();
      this.instance?.closeSync();
      this.writer = undefined;
      this.instance = undefined;
      rmSync(join(this.dataDir, 'staging'), { recursive: true, force: true }); // committed copies only
      this.lock.release();
    }
  }

  private openCommitter(): GroupCommitter {
    if (this.state !== 'open' || !this.committer) throw this.notOpen();
    return this.committer;
  }

  private openWriter(): DuckDBConnection {
    if (this.state !== 'open' || !this.writer) throw this.notOpen();
    return this.writer;
  }

  private notOpen(): SwitchyardError {
    return new SwitchyardError(
      'STORE_STATE',
      `store ${this.path} is ${this.state === 'new' ? 'not open' : 'closed'}`,
      {
        hint: 'call open() before using the store, and do not use it after close()',
      },
    );
  }

  private async read(sql: string, params?: SqlValue[]): Promise<Row[]> {
    if (this.state !== 'open' || !this.instance) throw this.notOpen();
    const conn = this.idleReaders.pop() ?? (await this.instance.connect());
    try {
      const reader = await conn.runAndReadAll(sql, params);
      return reader.getRowObjectsJS() as Row[];
    } finally {
      if (this.state === 'open' && this.idleReaders.length < MAX_IDLE_READERS) this.idleReaders.push(conn);
      else conn.closeSync();
    }
  }

  private async loadRegistry(): Promise<void> {
    const w = this.writer!;
    for (const r of (await w.runAndReadAll('SELECT * FROM resources ORDER BY id')).getRowObjectsJS()) {
      this.registry.loadResource({
        id: toNumber(r.id),
        hash: toStr(r.hash),
        service: toStr(r.service),
        attributes: toStr(r.attributes),
        dropped: toNumber(r.dropped_attributes),
      });
    }
    for (const r of (await w.runAndReadAll('SELECT * FROM scopes ORDER BY id')).getRowObjectsJS()) {
      this.registry.loadScope({
        id: toNumber(r.id),
        hash: toStr(r.hash),
        name: toStr(r.name),
        version: toStr(r.version),
        attributes: toStr(r.attributes),
        dropped: toNumber(r.dropped_attributes),
      });
    }
  }

  /**
   * Writes a staging file in place: the file stays open and each commit overwrites it from offset 0
   * and trims it to length. Recreating it per commit (O_TRUNC) freed and re-faulted its page-cache
   * pages, which cost the JS thread ~2 µs per span in bench/ingest; overwriting reuses them.
   */
  private stage(file: string, bytes: Buffer): string {
    let fd = this.stagingFds.get(file);
    if (fd === undefined) {
      fd = openSync(file, 'w');
      this.stagingFds.set(file, fd);
    }
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off, off);
    ftruncateSync(fd, bytes.length);
    return file;
  }

  /**
   * One transaction per group: new resources/scopes, then each table's staged rows via read_csv.
   *
   * Hot path, laid out so a commit needs the JS thread as little as possible: under load that thread
   * is busy decoding the next group's requests, and every hop back to it (an fs callback, one `await`
   * per statement) used to wait behind that work, so commits and decoding took turns instead of
   * overlapping. The staging files are written synchronously (a copy into page-cache pages the file
   * already has) and the whole transaction runs as one multi-statement query (one native call, no hop
   * between statements).
   */
  private async commitGroup(g: PendingGroup): Promise<void> {
    const w = this.openWriter();
    const entries = this.registry.takePending();
    const stagingDir = join(this.dataDir, 'staging');
    const inserts: string[] = [];
    try {
      for (const [table, buf, cols] of [
        ['spans', g.spans, SPAN_COLUMNS],
        ['logs', g.logs, LOG_COLUMNS],
        ['metric_points', g.points, POINT_COLUMNS],
      ] as const) {
        if (buf.rows === 0) continue;
        const file = this.stage(join(stagingDir, `${table}.csv`), buf.bytes);
        // the path is ours (data directory + fixed name), quoted as an SQL string literal
        inserts.push(
          `INSERT INTO ${table} SELECT * FROM read_csv('${file.replaceAll("'", "''")}', ${readCsvOptions(cols)});`,
        );
      }
      if (entries.resources.length > 0 || entries.scopes.length > 0) {
        await w.run('BEGIN TRANSACTION');
        await insertEntries(w, entries);
        await w.run(`${inserts.join(' ')} COMMIT;`);
      } else {
        await w.run(`BEGIN TRANSACTION; ${inserts.join(' ')} COMMIT;`);
      }
    } catch (err) {
      await w.run('ROLLBACK').catch(() => undefined);
      this.registry.forget(entries);
      throw new SwitchyardError('STORE_WRITE', `could not write to ${this.path}: ${(err as Error).message}`, {
        cause: err,
      });
    }
  }
}

async function insertEntries(w: DuckDBConnection, entries: PendingEntries): Promise<void> {
  for (const r of entries.resources) {
    await w.run('INSERT INTO resources VALUES ($1, $2, $3, $4, $5)', [
      r.id,
      r.hash,
      r.service,
      r.attributes,
      r.dropped,
    ]);
  }
  for (const s of entries.scopes) {
    await w.run('INSERT INTO scopes VALUES ($1, $2, $3, $4, $5, $6)', [
      s.id,
      s.hash,
      s.name,
      s.version,
      s.attributes,
      s.dropped,
    ]);
  }
}
