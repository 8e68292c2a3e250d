/**
 * @module Parses the timestamp notations metric exports use into epoch milliseconds: NAB's
 * `2014-04-01 00:00:00` (UTC), RFC 3339 (`2024-05-01T12:00:00.5Z`, `…+02:00`), and epoch seconds or
 * milliseconds (told apart by magnitude: below 10^11 is seconds, i.e. before the year 5138).
 */

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|z|UTC|[+-]\d{2}:?\d{2})?$/;
const EPOCH = /^-?\d+(?:\.\d+)?$/;
const EPOCH_SECONDS_BELOW = 1e11;

/** Epoch milliseconds for `text`, or NaN when it is not a timestamp in a known notation. */
export function parseTimestampMs(text: string): number {
  const s = text.trim();
  if (EPOCH.test(s)) {
    const n = Number(s);
    return Math.abs(n) < EPOCH_SECONDS_BELOW ? n * 1000 : n;
  }
  const m = DATE_TIME.exec(s);
  if (m === null) return Number.NaN;
  const [, y, mo, d, h, mi, sec, frac, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h ?? 0);
  const minute = Number(mi ?? 0);
  const second = Number(sec ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
    return Number.NaN;
  let ms = Date.UTC(Number(y), month - 1, day, hour, minute, second);
  if (frac !== undefined) ms += Number(`0.${frac}`) * 1000;
  if (zone !== undefined && zone !== 'Z' && zone !== 'z' && zone !== 'UTC') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return ms;
}
