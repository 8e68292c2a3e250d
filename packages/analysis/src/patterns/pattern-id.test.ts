import { describe, expect, it } from 'vitest';
import { hash64, patternIdFor } from './pattern-id.js';

describe('patternIdFor', () => {
  it('is a pure function of the tokens', () => {
    expect(patternIdFor(['a', '<*>'])).toBe(patternIdFor(['a', '<*>']));
    expect(patternIdFor(['a', '<*>'])).not.toBe(patternIdFor(['b', '<*>']));
    expect(patternIdFor(['x'])).toMatch(/^p[0-9a-f]{12}$/);
  });
  it('hash64 gives 16 hex digits', () => {
    expect(hash64('')).toMatch(/^[0-9a-f]{16}$/);
  });
});
