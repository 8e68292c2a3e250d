import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cachedAscii } from './string-cache.js';

const enc = new TextEncoder();

describe('cachedAscii', () => {
  it('returns the decoded string on first and repeated sightings', () => {
    const b = enc.encode('xx http.request.method yy');
    for (let i = 0; i < 3; i++) expect(cachedAscii(b, 3, 22)).toBe('http.request.method');
  });

  it('declines non-ASCII bytes so the UTF-8 decoder handles them', () => {
    expect(cachedAscii(enc.encode('café'), 0, 5)).toBeUndefined();
  });

  it('never confuses different strings that share length and sampled bytes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('a', 'b', '.'), minLength: 1, maxLength: 12 }), {
          maxLength: 60,
        }),
        (strs) => {
          for (const s of [...strs, ...strs, ...strs]) {
            const b = enc.encode(`#${s}#`);
            expect(cachedAscii(b, 1, b.length - 1)).toBe(s);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
