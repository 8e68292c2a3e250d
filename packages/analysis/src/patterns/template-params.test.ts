import { describe, expect, it } from 'vitest';
import { extractParams } from './template-params.js';

describe('extractParams', () => {
  it('returns the value of each wildcard in order', () => {
    expect(
      extractParams(
        'Received block blk_<*> of size <*> from /<*>',
        'Received block blk_-42 of size 67108864 from /10.0.0.1',
      ),
    ).toEqual(['-42', '67108864', '10.0.0.1']);
  });
  it('returns multi-token values whole', () => {
    expect(extractParams('failed to resolve name <*>', 'failed to resolve name an14 an15 an16')).toEqual([
      'an14 an15 an16',
    ]);
  });
  it('returns nothing for a template without wildcards or a message that does not fit', () => {
    expect(extractParams('Link ok', 'Link ok')).toEqual([]);
    expect(extractParams('user <*> logged in', 'something else')).toEqual([]);
  });
});
