/**
 * @module Shared pieces of the hub model → OpenTelemetry JS SDK conversion (used by the exporters that hand
 * data to an official SDK exporter, e.g. Azure Monitor): ns timestamps → HrTime, typed attributes → SDK
 * attributes, resources and scopes.
 */
import type { AttributeValue, HrTime, Attributes as OtelAttributes } from '@opentelemetry/api';
import type { AnyValue } from '@opentelemetry/api-logs';
import type { InstrumentationScope as OtelScope } from '@opentelemetry/core';
import { type Resource as OtelResource, resourceFromAttributes } from '@opentelemetry/resources';
import {
  type Attributes,
  type AttrValue,
  attrValueToPlainJson,
  type InstrumentationScope,
  isKvList,
  type Resource,
} from '@switchyard/core';

const NS_PER_S = 1_000_000_000n;

/** Exact: seconds and nanoseconds are split in bigint before conversion, so no precision is lost. */
export function toHrTime(ns: bigint): HrTime {
  return [Number(ns / NS_PER_S), Number(ns % NS_PER_S)];
}

/** int64 → number; values beyond 2^53 become decimal text rather than silently lose digits. */
function intValue(v: bigint): number | string {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : String(v);
}

type Primitive = string | number | boolean;

function primitive(v: AttrValue): Primitive | undefined {
  switch (typeof v) {
    case 'string':
    case 'number':
    case 'boolean':
      return v;
    case 'bigint':
      return intValue(v);
    default:
      if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
      return undefined;
  }
}

/**
 * SDK attribute values are primitives or homogeneous primitive arrays: ints become numbers, bytes base64,
 * maps and mixed or nested arrays JSON text; a null value is left out.
 */
export function toOtelAttributeValue(v: AttrValue): AttributeValue | undefined {
  if (v === null) return undefined;
  const p = primitive(v);
  if (p !== undefined) return p;
  if (Array.isArray(v)) {
    const items = v.map(primitive);
    const first = typeof items[0];
    if (items.every((x) => x !== undefined && typeof x === first)) return items as AttributeValue;
  }
  return JSON.stringify(attrValueToPlainJson(v));
}

export function toOtelAttributes(attrs: Attributes): OtelAttributes {
  const out: OtelAttributes = {};
  for (const [k, v] of Object.entries(attrs)) {
    const value = toOtelAttributeValue(v);
    if (value !== undefined) out[k] = value;
  }
  return out;
}

/** A log body keeps its structure (AnyValue allows maps, arrays and bytes); ints become numbers. */
export function toAnyValue(v: AttrValue): AnyValue {
  if (v === null || v instanceof Uint8Array) return v ?? undefined;
  if (typeof v === 'bigint') return intValue(v);
  if (Array.isArray(v)) return v.map(toAnyValue);
  if (isKvList(v)) {
    const out: Record<string, AnyValue> = {};
    for (const [k, x] of Object.entries(v)) out[k] = toAnyValue(x);
    return out;
  }
  return v;
}

export function toOtelResource(resource: Resource): OtelResource {
  return resourceFromAttributes(toOtelAttributes(resource.attributes));
}

export function toOtelScope(scope: InstrumentationScope, schemaUrl: string): OtelScope {
  return {
    name: scope.name,
    ...(scope.version ? { version: scope.version } : {}),
    ...(schemaUrl ? { schemaUrl } : {}),
  };
}
