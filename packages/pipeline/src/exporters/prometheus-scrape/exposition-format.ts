/**
 * @module The Prometheus text exposition format 0.0.4 (what `/metrics` endpoints serve): per metric family a
 * `# HELP` line (when there is a description) and a `# TYPE` line, then one `name{label="value"} value` line
 * per series, all of a family's lines together. Samples carry no timestamp: Prometheus stamps them with the
 * scrape time, so values held for a while are never rejected as too old or out of order.
 */
import type { PromLabel } from '../prometheus/prom-series.js';

export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export type FamilyType = 'counter' | 'gauge' | 'histogram' | 'summary';

export interface ExpositionSeries {
  /** `name{labels} ` — everything before the value (see `seriesPrefix`). */
  readonly prefix: string;
  readonly value: number;
}

export interface ExpositionFamily {
  readonly name: string;
  readonly type: FamilyType;
  readonly help: string;
  readonly series: Iterable<ExpositionSeries>;
}

/** Label values escape backslash, double quote and line feed. */
export function escapeLabelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** HELP text escapes backslash and line feed (quotes stay as they are). */
export function escapeHelp(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** A sample value: `+Inf`, `-Inf`, `NaN` or the shortest round-tripping decimal. */
export function formatValue(n: number): string {
  if (n === Number.POSITIVE_INFINITY) return '+Inf';
  if (n === Number.NEGATIVE_INFINITY) return '-Inf';
  if (Number.isNaN(n)) return 'NaN';
  return String(n);
}

/**
 * The text before a series' value: its `__name__` then the other labels in the given order. Computed once
 * per series when it is first stored, so a scrape only appends values.
 */
export function seriesPrefix(labels: readonly PromLabel[]): string {
  let name = '';
  let rest = '';
  for (const l of labels) {
    if (l.name === '__name__') name = l.value;
    else rest += `${rest === '' ? '' : ','}${l.name}="${escapeLabelValue(l.value)}"`;
  }
  return rest === '' ? `${name} ` : `${name}{${rest}} `;
}

/** Renders families in the order given. */
export function renderExposition(families: Iterable<ExpositionFamily>): string {
  const parts: string[] = [];
  for (const f of families) {
    if (f.help !== '') parts.push(`# HELP ${f.name} ${escapeHelp(f.help)}\n`);
    parts.push(`# TYPE ${f.name} ${f.type}\n`);
    for (const s of f.series) parts.push(`${s.prefix}${formatValue(s.value)}\n`);
  }
  return parts.join('');
}
