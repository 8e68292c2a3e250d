/** @module Building blocks of generated PromQL: label names, quoted values, selectors. */
import type { Filter } from '../model/unified-query.js';

/** OTel attribute key → Prometheus label name (`http.route` → `http_route`), as the OTLP translation does. */
export function promLabelName(key: string): string {
  const s = key.replace(/[^a-zA-Z0-9_]/g, '_');
  return /^[0-9]/.test(s) ? `_${s}` : s;
}

/** A PromQL double-quoted string literal. */
export function promString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

export interface Matcher {
  label: string;
  op: Filter['op'];
  value: string;
}

/** `name{a="b", c=~"d"}`; `{}` is dropped when there are no matchers. */
export function selector(metric: string, matchers: readonly Matcher[]): string {
  if (matchers.length === 0) return metric;
  return `${metric}{${matchers.map((m) => `${m.label}${m.op}${promString(m.value)}`).join(', ')}}`;
}

/** `sum by (a, b) (expr)`, or `sum(expr)` without grouping. */
export function aggregate(op: string, by: readonly string[], expr: string): string {
  return by.length > 0 ? `${op} by (${by.join(', ')}) (${expr})` : `${op}(${expr})`;
}

/** A PromQL number literal without float noise (`0.99`, `0.999`). */
export function promNumber(n: number): string {
  return String(Number(n.toPrecision(12)));
}
