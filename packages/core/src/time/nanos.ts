/**
 * @module Time representation: nanoseconds since the Unix epoch as `bigint`,
 * used everywhere in the model so OTLP timestamps stay exact.
 */
import { ParameterError } from '../errors/switchyard-error.js';

export const NS_PER_MS = 1_000_000n;

export function nowNs(): bigint {
  return BigInt(Date.now()) * NS_PER_MS;
}

export function msToNs(ms: number): bigint {
  const whole = Math.trunc(ms);
  return BigInt(whole) * NS_PER_MS + BigInt(Math.round((ms - whole) * 1e6));
}

export function nsToMs(ns: bigint): number {
  return Number(ns / NS_PER_MS) + Number(ns % NS_PER_MS) / 1e6;
}

const DURATION_UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
  d: 86_400_000_000_000n,
  w: 604_800_000_000_000n,
};

/** Parses `90s`, `15m`, `1h30m`, `2d` into nanoseconds; `undefined` if not a duration. */
export function parseDurationNs(text: string): bigint | undefined {
  const re = /(\d+)(ns|us|ms|s|m|h|d|w)/y;
  let total = 0n;
  let pos = 0;
  const s = text.trim();
  if (s === '') return undefined;
  while (pos < s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) return undefined;
    total += BigInt(m[1]!) * DURATION_UNITS[m[2]!]!;
    pos = re.lastIndex;
  }
  return total;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|z|[+-]\d{2}:\d{2})$/;

/**
 * Parses a time parameter into nanoseconds: RFC 3339 (`2024-05-01T12:00:00.123456789Z`),
 * epoch milliseconds (`1714564800000`), `now`, or `now-1h` / `now+5m`.
 * Throws ParameterError naming `param` when the text is none of these.
 */
export function parseTimeNs(text: string, param: string, now: bigint = nowNs()): bigint {
  const s = text.trim();
  if (/^\d{1,16}$/.test(s)) return BigInt(s) * NS_PER_MS;
  if (s === 'now') return now;
  const rel = /^now\s*([+-])\s*(.+)$/.exec(s);
  if (rel) {
    const d = parseDurationNs(rel[2]!);
    if (d === undefined)
      throw new ParameterError(param, `bad relative time '${text}'`, 'use e.g. now-15m, now-1h, now-2d');
    return rel[1] === '-' ? now - d : now + d;
  }
  const m = RFC3339.exec(s);
  if (m) {
    const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[8]!.toUpperCase()}`);
    if (Number.isNaN(ms)) throw new ParameterError(param, `invalid date '${text}'`);
    const frac = (m[7] ?? '').padEnd(9, '0');
    return BigInt(ms) * NS_PER_MS + BigInt(frac === '' ? '0' : frac);
  }
  throw new ParameterError(
    param,
    `cannot parse time '${text}'`,
    'use RFC 3339 (2024-05-01T12:00:00Z), epoch milliseconds, or a relative form such as now-1h',
  );
}
