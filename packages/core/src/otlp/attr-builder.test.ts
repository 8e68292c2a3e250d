import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AttrValue } from '../model/attributes.js';
import { buildAttributes } from './attr-builder.js';

const keysOf = (n: number, prefix = 'k') => Array.from({ length: n }, (_, i) => `${prefix}.${i}`);

describe('buildAttributes', () => {
  it('builds the same object on first sight and once the key sequence is compiled', () => {
    const keys = keysOf(20);
    for (let round = 0; round < 4; round++) {
      const values: AttrValue[] = keys.map((_, i) => (i % 2 === 0 ? BigInt(i + round) : `v${round}`));
      const o = buildAttributes(keys, values);
      expect(Object.keys(o)).toEqual(keys);
      expect(Object.values(o)).toEqual(values);
      expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    }
  });

  it('keeps __proto__ as an own property without touching the prototype', () => {
    const keys = [...keysOf(14, 'p'), '__proto__'];
    for (let round = 0; round < 3; round++) {
      const o = buildAttributes(keys, [...keys.slice(0, 14).map(() => 1n), { polluted: true }]);
      expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
      expect(Object.hasOwn(o, '__proto__')).toBe(true);
      expect(Object.getOwnPropertyDescriptor(o, '__proto__')?.value).toEqual({ polluted: true });
    }
  });

  it('lets the last duplicate key win, as assignment in wire order does', () => {
    const keys = [...keysOf(13, 'd'), 'd.0'];
    for (let round = 0; round < 3; round++) {
      const o = buildAttributes(
        keys,
        keys.map((_, i) => BigInt(i)),
      );
      expect(o['d.0']).toBe(13n);
      expect(Object.keys(o)).toHaveLength(13);
    }
  });

  it('handles any key text, including quotes, backslashes and line separators', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ unit: 'binary', maxLength: 8 }), { minLength: 12, maxLength: 18 }),
        (keys) => {
          const values = keys.map((k) => k.length);
          for (let round = 0; round < 3; round++) {
            const o = buildAttributes(keys, values);
            expect(Object.entries(o).sort()).toEqual(keys.map((k, i) => [k, values[i]]).sort());
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
