import { describe, expect, it } from 'vitest';
import { collapsedTemplate, softMatch } from './token-match.js';

describe('softMatch', () => {
  it('matches two masked tokens, and a masked shape with a token that fits it', () => {
    expect(softMatch('Thunderbird_A<*>', 'Thunderbird_B<*>')).toBe(true);
    expect(softMatch('chdir(<*>)', 'chdir(pwd)')).toBe(true);
    expect(softMatch('boot', 'wait')).toBe(false);
  });
  it('matches key=value tokens with the same key once either value was masked', () => {
    expect(softMatch('ws=WorkSource{<*>},', 'ws=null,')).toBe(true);
    expect(softMatch('ws=null,', 'ws=WorkSource{<*>},')).toBe(true);
    expect(softMatch('ws=<*>', 'uid=null')).toBe(false);
    expect(softMatch('mode=LOOKING', 'mode=LEADING')).toBe(false);
  });
});

describe('collapsedTemplate', () => {
  it('collapses runs of masked tokens into one slot', () => {
    expect(collapsedTemplate(['name', 'an<*>', 'an<*>', 'x'])).toBe('name <*> x');
    expect(collapsedTemplate(['name', '<*>', 'x'])).toBe('name <*> x');
  });
});
