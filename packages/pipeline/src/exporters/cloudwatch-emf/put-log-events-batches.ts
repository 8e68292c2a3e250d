/**
 * @module Splits log events into PutLogEvents calls within the documented limits: events in chronological
 * order, at most 10,000 events and 1,048,576 bytes per call (UTF-8 message bytes + 26 bytes per event), and a
 * call spanning at most 24 hours. Events older than 14 days or more than 2 hours ahead are rejected by the
 * service; they are left out here and counted.
 */
import type { LogEvent } from './emf-events.js';

export const MAX_EVENTS_PER_CALL = 10_000;
export const MAX_BYTES_PER_CALL = 1_048_576;
export const EVENT_OVERHEAD_BYTES = 26;
/** One event may be at most 1 MiB minus the overhead. */
export const MAX_EVENT_BYTES = MAX_BYTES_PER_CALL - EVENT_OVERHEAD_BYTES;
const DAY_MS = 24 * 3600_000;
const MAX_AGE_MS = 14 * DAY_MS;
const MAX_AHEAD_MS = 2 * 3600_000;

export interface Batches {
  batches: LogEvent[][];
  /** Events outside the accepted time window or larger than one event may be. */
  rejected: number;
}

export function toPutLogEventsBatches(events: LogEvent[], nowMs: number = Date.now()): Batches {
  let rejected = 0;
  const sorted = events
    .filter((e) => {
      const ok =
        e.timestamp >= nowMs - MAX_AGE_MS &&
        e.timestamp <= nowMs + MAX_AHEAD_MS &&
        Buffer.byteLength(e.message) <= MAX_EVENT_BYTES;
      if (!ok) rejected++;
      return ok;
    })
    .sort((a, b) => a.timestamp - b.timestamp);
  const batches: LogEvent[][] = [];
  let current: LogEvent[] = [];
  let bytes = 0;
  for (const e of sorted) {
    const size = Buffer.byteLength(e.message) + EVENT_OVERHEAD_BYTES;
    const first = current[0];
    if (
      first !== undefined &&
      (current.length >= MAX_EVENTS_PER_CALL ||
        bytes + size > MAX_BYTES_PER_CALL ||
        e.timestamp - first.timestamp >= DAY_MS)
    ) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(e);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return { batches, rejected };
}
