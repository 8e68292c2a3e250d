import { describe, expect, it } from 'vitest';
import { normalizeSpanName, similarityKey } from './span-similarity.js';

describe('normalizeSpanName', () => {
  it('masks numbers, uuids and long hex ids but keeps words', () => {
    expect(normalizeSpanName('GET /users/42')).toBe('GET /users/?');
    expect(normalizeSpanName('GET /orders/3f2504e0-4f89-11d3-9a0c-0305e82c3301')).toBe('GET /orders/?');
    expect(normalizeSpanName('cache get deadbeefcafe1234')).toBe('cache get ?');
    expect(normalizeSpanName('SELECT cart')).toBe('SELECT cart');
  });

  it('tells services apart', () => {
    expect(similarityKey('a', 'x 1')).toBe(similarityKey('a', 'x 2'));
    expect(similarityKey('a', 'x')).not.toBe(similarityKey('b', 'x'));
  });
});
