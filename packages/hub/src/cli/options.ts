/**
 * @module Strict parsers for CLI flag values (commander calls these; errors exit with code 2).
 */
import { InvalidArgumentError } from 'commander';

export function parsePort(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`'${value}' is not a port number.`);
  const n = Number(value);
  if (n > 65535) throw new InvalidArgumentError(`${n} is not a valid port (0..65535).`);
  return n;
}

export function parseInteger(value: string): number {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError(`'${value}' is not an integer.`);
  return Number(value);
}

export function parseNonNegative(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0)
    throw new InvalidArgumentError(`'${value}' is not a non-negative number.`);
  return n;
}

export function parseChoice<T extends string>(choices: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(choices as readonly string[]).includes(value))
      throw new InvalidArgumentError(`'${value}' is not one of ${choices.join(', ')}.`);
    return value as T;
  };
}

export function parseUrl(value: string): string {
  try {
    const u = new URL(value);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http(s)');
    return value.replace(/\/+$/, '');
  } catch {
    throw new InvalidArgumentError(`'${value}' is not an http(s) URL.`);
  }
}

/** Collects repeated `--attr key=value` flags. */
export function collectKeyValue(
  value: string,
  previous: Record<string, string> = {},
): Record<string, string> {
  const i = value.indexOf('=');
  if (i <= 0) throw new InvalidArgumentError(`'${value}' is not key=value.`);
  return { ...previous, [value.slice(0, i)]: value.slice(i + 1) };
}
