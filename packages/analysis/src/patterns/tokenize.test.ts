import { describe, expect, it } from 'vitest';
import { tokenize } from './tokenize.js';

describe('tokenize', () => {
  it('splits on runs of whitespace', () => {
    expect(tokenize('  a\tb   c \n')).toEqual(['a', 'b', 'c']);
  });
  it('keeps a quoted key="value with spaces" in one token', () => {
    expect(tokenize('acquire tag="View Lock", uid=1')).toEqual(['acquire', 'tag="View Lock",', 'uid=1']);
    expect(tokenize("set name='a b c' now")).toEqual(['set', "name='a b c'", 'now']);
  });
  it('splits as usual when the quote is not closed or not after `=`', () => {
    expect(tokenize('tag="View Lock')).toEqual(['tag="View', 'Lock']);
    expect(tokenize('say "hello world"')).toEqual(['say', '"hello', 'world"']);
  });
});
