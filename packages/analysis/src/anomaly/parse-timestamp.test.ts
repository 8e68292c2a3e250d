import { describe, expect, it } from 'vitest';
import { parseTimestampMs } from './parse-timestamp.js';

describe('parseTimestampMs', () => {
  const ms = Date.UTC(2014, 3, 1, 0, 5, 0);

  it('reads NAB timestamps as UTC', () => {
    expect(parseTimestampMs('2014-04-01 00:05:00')).toBe(ms);
    expect(parseTimestampMs('2014-04-01 00:05:00.000000')).toBe(ms);
  });

  it('reads RFC 3339 with Z, offsets and fractions', () => {
    expect(parseTimestampMs('2014-04-01T00:05:00Z')).toBe(ms);
    expect(parseTimestampMs('2014-04-01T02:05:00+02:00')).toBe(ms);
    expect(parseTimestampMs('2014-04-01T00:05:00.250Z')).toBe(ms + 250);
  });

  it('tells epoch seconds from epoch milliseconds by magnitude', () => {
    expect(parseTimestampMs(String(ms / 1000))).toBe(ms);
    expect(parseTimestampMs(String(ms))).toBe(ms);
    expect(parseTimestampMs('1396310700.5')).toBe(ms + 500);
  });

  it('returns NaN for anything else', () => {
    expect(parseTimestampMs('yesterday')).toBeNaN();
    expect(parseTimestampMs('2014-13-01 00:00:00')).toBeNaN();
    expect(parseTimestampMs('')).toBeNaN();
  });
});
