/**
 * @module Attribute values with their OTLP types kept.
 *
 * OTLP distinguishes int64 from double, so the model does too:
 * - `bigint`  ⇔ intValue (exact int64)
 * - `number`  ⇔ doubleValue (including integral doubles such as 5.0, NaN, ±Infinity)
 * - `string`, `boolean`, `Uint8Array` (bytesValue), `AttrValue[]` (arrayValue)
 * - a plain object (`Attributes`) ⇔ kvlistValue
 * - `null` ⇔ an AnyValue with no value set (OTLP "empty")
 */
export type AttrValue = string | boolean | bigint | number | Uint8Array | AttrValue[] | Attributes | null;

/** Attribute map. Keys are unique; insertion order follows the wire order. */
export interface Attributes {
  [key: string]: AttrValue;
}

export function isKvList(v: AttrValue): v is Attributes {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}
