/**
 * @module Imports an optional dependency on first use, never at import time, and turns a missing package into
 * a ConfigError that names the exact `npm install` command; plus the small latches authorizers built on such a
 * package share (load once, report a configuration error once).
 */
import { ConfigError } from '@switchyard/core';

export async function importOptional<T>(
  load: () => Promise<T>,
  exporter: string,
  packages: string,
  configPath: string,
): Promise<T> {
  try {
    return await load();
  } catch (cause) {
    const names = packages
      .split(' ')
      .map((p) => p.replace(/(.)@[^@/]+$/, '$1'))
      .join(' and ');
    throw new ConfigError(
      `exporter '${exporter}' needs the optional package ${names}, which is not installed`,
      {
        path: configPath,
        hint: `npm install ${packages}`,
        cause,
      },
    );
  }
}

/** Runs `load` once; later calls share its promise (success or failure). */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => {
    p ??= load();
    return p;
  };
}

/**
 * Wraps `onConfigError` so it is called for the first error only (an authorizer whose package or credentials
 * are missing fails on every request alike); returns the error, so callers can `throw report(error)`.
 */
export function reportOnce(onConfigError: (error: ConfigError) => void): (error: ConfigError) => ConfigError {
  let reported = false;
  return (error) => {
    if (!reported) {
      reported = true;
      onConfigError(error);
    }
    return error;
  };
}
