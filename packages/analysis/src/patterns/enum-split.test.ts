import { describe, expect, it } from 'vitest';
import { Cluster } from './cluster.js';
import { isEnumeration, isWordValue, MAX_ENUM_VALUES, planEnumSplit } from './enum-split.js';
import { Variant } from './variant.js';

function clusterWith(template: string, forms: [string, number][]): Cluster {
  const c = new Cluster('p0', template.split(' '), 0);
  forms.forEach(([form, count], i) => {
    const v = new Variant(i === 0 ? 'p0' : `v${i}`, form, form.split(' '), c, i, form);
    v.count = count;
    c.variants.push(v);
    c.count += count;
  });
  return c;
}

describe('isEnumeration', () => {
  it('accepts a few values that each recur (a closed list of states)', () => {
    expect(isEnumeration([67, 66, 3, 2, 2, 1])).toBe(true);
    expect(isEnumeration([45, 44])).toBe(true);
  });
  it('rejects value sets that keep producing singletons (names, ids)', () => {
    // Chao1: two singletons and no doubletons predict about one more unseen value.
    expect(isEnumeration([300, 20, 1, 1])).toBe(false);
    expect(isEnumeration([1, 1, 1, 1, 1])).toBe(false);
  });
  it('needs several lines per value and at most MAX_ENUM_VALUES values', () => {
    expect(isEnumeration([2, 2, 2])).toBe(false);
    expect(isEnumeration([3, 3, 3])).toBe(true);
    expect(isEnumeration(new Array<number>(MAX_ENUM_VALUES + 1).fill(50))).toBe(false);
    expect(isEnumeration([100])).toBe(false);
  });
});

describe('isWordValue', () => {
  it('accepts plain words, also inside punctuation and as key=value', () => {
    for (const w of ['boot', 'ACTION_DOWN', '"GET', 'z+', '[LEADING],', 'mode=LOOKING', 'syslog-ng'])
      expect(isWordValue(w)).toBe(true);
  });
  it('rejects masked identifiers and dotted or slashed names', () => {
    for (const w of ['<*>', 'cn<*>', 'Thunderbird_A<*>', 'chrome.exe', 'com.android.phone', 'a/b', '--'])
      expect(isWordValue(w)).toBe(false);
  });
});

describe('planEnumSplit', () => {
  it('groups the variants by their value at each enumeration position', () => {
    const c = clusterWith('<*> (command <*>)', [
      ['risBoot (command <*>)', 1],
      ['boot (command <*>)', 60],
      ['wait (command <*>)', 50],
      ['halt (command <*>)', 3],
    ]);
    const plan = planEnumSplit(c);
    expect(plan?.positions).toEqual([0]);
    expect(plan?.groups.map((g) => g.map((v) => v.key))).toEqual([
      ['risBoot (command <*>)'],
      ['boot (command <*>)'],
      ['wait (command <*>)'],
      ['halt (command <*>)'],
    ]);
  });
  it('does not split when some lines are untracked or the position is a variable', () => {
    const states = clusterWith('<*> done', [
      ['boot done', 40],
      ['wait done', 40],
    ]);
    states.untracked = 1;
    expect(planEnumSplit(states)).toBeUndefined();
    const names = clusterWith('user <*> done', [
      ['user a done', 1],
      ['user b done', 1],
      ['user c done', 1],
      ['user d done', 9],
    ]);
    expect(planEnumSplit(names)).toBeUndefined();
  });
});
