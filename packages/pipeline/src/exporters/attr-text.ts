/**
 * @module Attribute values as flat text, for formats whose tags/labels/fields are strings (Zipkin tags,
 * Loki labels, Splunk fields): strings as-is, numbers and booleans with String(), arrays and maps as JSON.
 */
import { type Attributes, type AttrValue, attrValueToPlainJson } from '@switchyard/core';

export function attrText(v: AttrValue): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
    case 'bigint':
    case 'boolean':
      return String(v);
    default:
      return v === null ? '' : JSON.stringify(attrValueToPlainJson(v));
  }
}

/** Every attribute as text, keys unchanged; `into` receives them (later keys overwrite earlier ones). */
export function attributesText(attrs: Attributes, into: Record<string, string> = {}): Record<string, string> {
  for (const [k, v] of Object.entries(attrs)) into[k] = attrText(v);
  return into;
}

/** Nanoseconds → microseconds (Zipkin), exact to the microsecond. */
export function nsToMicros(ns: bigint): number {
  return Number(ns / 1000n);
}
