/**
 * @module OTLP → Prometheus names, per the OpenTelemetry "Prometheus and OpenMetrics compatibility" rules
 * (as the Collector's translator applies them with metric suffixes on):
 * - a metric name is split on every character outside `[a-zA-Z0-9:]` (so `.`, `-`, `/` and runs of `_`
 *   become one `_`); a unit suffix is appended (`s` → `seconds`, `By` → `bytes`, `m/s` →
 *   `meters_per_second`, `{request}` annotations dropped) unless the name already holds that word;
 *   monotonic sums end in `_total`; gauges with unit `1` end in `_ratio`; a leading digit gets a `_` prefix.
 * - a label name has every character outside `[a-zA-Z0-9_]` replaced with `_`, and a leading digit gets a
 *   `key_` prefix.
 * - attribute values are rendered as text: strings as-is, numbers and booleans with String(), arrays and
 *   maps as JSON.
 */
import type { AttrValue } from '@switchyard/core';
import { attrText } from '../attr-text.js';

const UNIT_WORDS: Record<string, string> = {
  d: 'days',
  h: 'hours',
  min: 'minutes',
  s: 'seconds',
  ms: 'milliseconds',
  us: 'microseconds',
  ns: 'nanoseconds',
  By: 'bytes',
  KiBy: 'kibibytes',
  MiBy: 'mebibytes',
  GiBy: 'gibibytes',
  TiBy: 'tibibytes',
  KBy: 'kilobytes',
  MBy: 'megabytes',
  GBy: 'gigabytes',
  TBy: 'terabytes',
  m: 'meters',
  V: 'volts',
  A: 'amperes',
  J: 'joules',
  W: 'watts',
  g: 'grams',
  Cel: 'celsius',
  Hz: 'hertz',
  '%': 'percent',
};

const PER_UNIT_WORDS: Record<string, string> = {
  s: 'second',
  m: 'minute',
  h: 'hour',
  d: 'day',
  w: 'week',
  mo: 'month',
  y: 'year',
};

export type PromMetricKind = 'counter' | 'gauge' | 'histogram' | 'summary';

function tokens(text: string): string[] {
  return text.split(/[^a-zA-Z0-9:]+/).filter((t) => t !== '');
}

/** Words a UCUM unit adds to a metric name: `ms` → [milliseconds], `By/s` → [bytes, per, second]. */
export function unitTokens(unit: string): string[] {
  const plain = unit.replace(/\{[^}]*\}/g, '').trim();
  if (plain === '' || plain === '1') return [];
  const [main = '', per = ''] = plain.split('/', 2);
  const out = main ? tokens(UNIT_WORDS[main] ?? main) : [];
  if (per) out.push('per', ...tokens(PER_UNIT_WORDS[per] ?? UNIT_WORDS[per] ?? per));
  return out;
}

/** The Prometheus metric family name of an OTLP metric (before `_bucket`/`_sum`/`_count`). */
export function promMetricName(name: string, unit: string, kind: PromMetricKind): string {
  const words = tokens(name);
  for (const u of unitTokens(unit)) if (!words.includes(u)) words.push(u);
  if (kind === 'gauge' && unit === '1' && !words.includes('ratio')) words.push('ratio');
  if (kind === 'counter') {
    const i = words.indexOf('total');
    if (i >= 0) words.splice(i, 1);
    words.push('total');
  }
  const joined = words.join('_');
  if (joined === '') return '_';
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

/** A valid Prometheus label name for an attribute key. */
export function promLabelName(key: string): string {
  const s = key.replace(/[^a-zA-Z0-9_]/g, '_');
  if (s === '') return '_';
  return /^[0-9]/.test(s) ? `key_${s}` : s;
}

/** Label value text of an attribute value ('' for null, which the caller then omits). */
export const promLabelValue: (v: AttrValue) => string = attrText;

/** Formats a bucket bound or quantile the way Prometheus clients do (`+Inf`, `0.5`, `1e-05`). */
export function promFloat(n: number): string {
  if (n === Number.POSITIVE_INFINITY) return '+Inf';
  if (n === Number.NEGATIVE_INFINITY) return '-Inf';
  if (Number.isNaN(n)) return 'NaN';
  return String(n);
}
