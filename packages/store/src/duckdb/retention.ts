/**
 * @module Retention: delete by age, then by size — the oldest data in time slices, checkpointing
 * after each so freed blocks show in the used size, until the database is under the limit.
 */
import type { RetentionPolicy, RetentionResult } from '../telemetry-store.js';
import { usedBytes } from './catalog-queries.js';
import { type SqlReader, toBigInt } from './sql.js';

/** Writer connection operations retention needs. */
export interface RetentionWriter extends SqlReader {
  /** Runs a statement; returns the number of rows it changed. */
  exec(sql: string, params?: (string | number | bigint)[]): Promise<number>;
}

/** Slices the oldest data is deleted in when over the size limit (each a tenth of the time span). */
const SLICES = 10;
const MAX_ROUNDS = 2 * SLICES;

async function deleteBefore(db: RetentionWriter, cutoffNs: bigint, into: RetentionResult): Promise<void> {
  into.deletedSpans += await db.exec('DELETE FROM spans WHERE start_ns < $1', [cutoffNs]);
  into.deletedLogs += await db.exec('DELETE FROM logs WHERE ts_ns < $1', [cutoffNs]);
  into.deletedPoints += await db.exec('DELETE FROM metric_points WHERE time_ns < $1', [cutoffNs]);
  await db.exec('DELETE FROM change_events WHERE time_ns < $1', [cutoffNs]);
}

export async function enforceRetention(
  db: RetentionWriter,
  policy: RetentionPolicy,
  nowNs: bigint,
): Promise<RetentionResult> {
  const result: RetentionResult = { deletedSpans: 0, deletedLogs: 0, deletedPoints: 0 };
  if (policy.maxAgeMs !== undefined) {
    await deleteBefore(db, nowNs - BigInt(Math.floor(policy.maxAgeMs)) * 1_000_000n, result);
  }
  await db.exec('CHECKPOINT');
  if (policy.maxBytes === undefined) return result;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if ((await usedBytes(db)) <= policy.maxBytes) break;
    const [range] = await db.all(
      `SELECT min(t) AS lo, max(t) AS hi FROM (
         SELECT min(start_ns) AS t FROM spans UNION ALL SELECT max(start_ns) FROM spans
         UNION ALL SELECT min(ts_ns) FROM logs UNION ALL SELECT max(ts_ns) FROM logs
         UNION ALL SELECT min(time_ns) FROM metric_points UNION ALL SELECT max(time_ns) FROM metric_points)`,
    );
    if (!range || range.lo === null || range.hi === null) break;
    const lo = toBigInt(range.lo);
    const hi = toBigInt(range.hi);
    const slice = (hi - lo) / BigInt(SLICES);
    // The last round(s) delete everything that is left rather than loop on a tiny remainder.
    const cutoff = round >= MAX_ROUNDS - 1 || slice === 0n ? hi + 1n : lo + slice + 1n;
    await deleteBefore(db, cutoff, result);
    await db.exec('CHECKPOINT');
  }
  return result;
}
