import type { Attributes, AttrValue } from '../model/attributes.js';

/** Sets an attribute; a key named `__proto__` becomes an own property instead of changing the prototype. */
export function setAttr(attrs: Attributes, key: string, value: AttrValue): void {
  if (key === '__proto__')
    Object.defineProperty(attrs, key, { value, enumerable: true, writable: true, configurable: true });
  else attrs[key] = value;
}

/** Maximum nesting of AnyValue (arrays / kvlists inside values). Deeper input is rejected. */
export const MAX_ANY_VALUE_DEPTH = 64;
