import { describe, expect, it } from 'vitest';
import { formatDurationNs, formatShare } from './format-duration.js';

describe('formatDurationNs', () => {
  it('picks a unit that keeps the number short', () => {
    expect(formatDurationNs(850)).toBe('850 ns');
    expect(formatDurationNs(12_345)).toBe('12.3 µs');
    expect(formatDurationNs(12_345, true)).toBe('12.3 us');
    expect(formatDurationNs(123_456_789)).toBe('123 ms');
    expect(formatDurationNs(45_600_000)).toBe('45.6 ms');
    expect(formatDurationNs(1_234_000_000)).toBe('1.23 s');
    expect(formatDurationNs(125_000_000_000)).toBe('2m05s');
  });
});

describe('formatShare', () => {
  it('writes a fraction as a percentage with one decimal', () => {
    expect(formatShare(0.4215)).toBe('42.1%');
    expect(formatShare(1)).toBe('100.0%');
  });
});
