import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Attributes, AttrValue } from './attributes.js';
import {
  attributesFromJson,
  attributesToJson,
  attributesToPlainJson,
  attrValueFromJson,
  attrValueToJson,
} from './typed-json.js';

const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
const double = fc.oneof(
  fc.double(),
  fc.constantFrom(0, -0, 5, 1e21, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
);
const leaf: fc.Arbitrary<AttrValue> = fc.oneof(
  fc.string(),
  fc.boolean(),
  int64,
  double,
  fc.uint8Array({ maxLength: 16 }),
  fc.constant(null),
);
const { value: attrValue } = fc.letrec<{ value: AttrValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string(), tie('value'), { maxKeys: 4 }),
  ),
}));
const attributes: fc.Arbitrary<Attributes> = fc.dictionary(fc.string(), attrValue, { maxKeys: 6 });

/** Deep equality that tells int from double, -0 from 0, and NaN from NaN. */
function same(a: AttrValue, b: AttrValue): boolean {
  if (typeof a === 'number' || typeof b === 'number') return Object.is(a, b);
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return a === b;
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return a instanceof Uint8Array && b instanceof Uint8Array && Buffer.from(a).equals(Buffer.from(b));
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((x, i) => same(x, b[i] as AttrValue))
    );
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length && ka.every((k, i) => k === kb[i] && same(a[k] as AttrValue, b[k] as AttrValue))
  );
}

describe('typed JSON', () => {
  it('round-trips any attribute map exactly', () => {
    fc.assert(
      fc.property(attributes, (a) => {
        expect(same(attributesFromJson(attributesToJson(a)), a)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips any single value exactly', () => {
    fc.assert(
      fc.property(attrValue, (v) => {
        expect(same(attrValueFromJson(attrValueToJson(v)), v)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps ints and integral doubles apart', () => {
    const json = attributesToJson({ i: 5n, d: 5, f: 1.5, big: 2n ** 60n });
    expect(json).toBe('{"i":5,"d":{"$d":5},"f":1.5,"big":{"$i":"1152921504606846976"}}');
    const back = attributesFromJson(json);
    expect(back.i).toBe(5n);
    expect(back.d).toBe(5);
    expect(back.big).toBe(2n ** 60n);
  });

  it('encodes bytes, kvlists and non-finite doubles with tags', () => {
    expect(attrValueToJson(new Uint8Array([1, 2, 255]))).toBe('{"$b":"AQL/"}');
    expect(attrValueToJson({ $i: 'x' })).toBe('{"$kv":{"$i":"x"}}');
    expect(attrValueToJson([Number.NaN, -0])).toBe('[{"$d":"NaN"},{"$d":"-0"}]');
  });

  it('keeps a key named __proto__ as an own attribute', () => {
    const back = attributesFromJson('{"__proto__":1}');
    expect(Object.keys(back)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
  });

  it('renders plain JSON for APIs', () => {
    const plain = attributesToPlainJson({
      i: 7n,
      big: 2n ** 63n - 1n,
      d: Number.POSITIVE_INFINITY,
      b: new Uint8Array([104, 105]),
      arr: [1n, 'x'],
      kv: { nested: true },
    });
    expect(plain).toEqual({
      i: 7,
      big: '9223372036854775807',
      d: 'Infinity',
      b: 'aGk=',
      arr: [1, 'x'],
      kv: { nested: true },
    });
  });
});
