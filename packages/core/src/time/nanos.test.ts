import { describe, expect, it } from 'vitest';
import { ParameterError } from '../errors/switchyard-error.js';
import { msToNs, nsToMs, parseDurationNs, parseTimeNs } from './nanos.js';

const NOW = 1_700_000_000_000_000_000n;

describe('parseTimeNs', () => {
  it('parses RFC 3339 with nanosecond precision exactly', () => {
    expect(parseTimeNs('2023-11-14T22:13:20.123456789Z', 'start')).toBe(1_700_000_000_123_456_789n);
    expect(parseTimeNs('2023-11-14T23:13:20+01:00', 'start')).toBe(1_700_000_000_000_000_000n);
    expect(parseTimeNs('2023-11-14T22:13:20.5Z', 'start')).toBe(1_700_000_000_500_000_000n);
  });

  it('parses epoch milliseconds', () => {
    expect(parseTimeNs('1700000000123', 'start')).toBe(1_700_000_000_123_000_000n);
  });

  it('parses now and relative forms', () => {
    expect(parseTimeNs('now', 'end', NOW)).toBe(NOW);
    expect(parseTimeNs('now-1h', 'start', NOW)).toBe(NOW - 3_600_000_000_000n);
    expect(parseTimeNs('now-1h30m', 'start', NOW)).toBe(NOW - 5_400_000_000_000n);
    expect(parseTimeNs('now+5m', 'end', NOW)).toBe(NOW + 300_000_000_000n);
  });

  it('rejects garbage naming the parameter', () => {
    expect(() => parseTimeNs('yesterday-ish', 'start')).toThrow(ParameterError);
    try {
      parseTimeNs('now-1x', 'end');
    } catch (e) {
      expect((e as ParameterError).parameter).toBe('end');
    }
    expect(() => parseTimeNs('2023-13-45T99:00:00Z', 'start')).toThrow(ParameterError);
  });
});

describe('durations and conversions', () => {
  it('parses compound durations', () => {
    expect(parseDurationNs('90s')).toBe(90_000_000_000n);
    expect(parseDurationNs('1h30m')).toBe(5_400_000_000_000n);
    expect(parseDurationNs('1.5h')).toBeUndefined();
    expect(parseDurationNs('')).toBeUndefined();
  });

  it('converts between ms and ns', () => {
    expect(msToNs(1.5)).toBe(1_500_000n);
    expect(nsToMs(1_700_000_000_123_456_789n)).toBeCloseTo(1_700_000_000_123.4568, 3);
  });
});
