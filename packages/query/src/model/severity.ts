/** @module Severity names across platforms → one vocabulary (the OTel short names). */
import type { Severity } from './unified-query.js';

const ALIASES: Record<string, Severity> = {
  trace: 'trace',
  debug: 'debug',
  dbg: 'debug',
  info: 'info',
  information: 'info',
  informational: 'info',
  notice: 'info',
  ok: 'info',
  warn: 'warn',
  warning: 'warn',
  error: 'error',
  err: 'error',
  fatal: 'fatal',
  critical: 'fatal',
  crit: 'fatal',
  emerg: 'fatal',
  emergency: 'fatal',
  alert: 'fatal',
  panic: 'fatal',
};

/** `WARNING` → `warn`, `Error` → `error`; '' when unrecognised. */
export function normalizeSeverity(text: string): Severity | '' {
  return ALIASES[text.trim().toLowerCase()] ?? '';
}

/** OTel severityNumber → name ('' for 0/unknown). */
export function severityFromNumber(n: number): Severity | '' {
  if (n >= 21) return 'fatal';
  if (n >= 17) return 'error';
  if (n >= 13) return 'warn';
  if (n >= 9) return 'info';
  if (n >= 5) return 'debug';
  if (n >= 1) return 'trace';
  return '';
}

const ORDER: readonly Severity[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

/** The severity names at or above `min`. */
export function severitiesAtLeast(min: Severity): Severity[] {
  return ORDER.slice(ORDER.indexOf(min));
}
