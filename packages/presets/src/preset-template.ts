/**
 * @module Renders preset templates (`{VAR}`, `{VAR|default}`, `{base64:USER:PASS}`) against an env,
 * collecting every missing required variable so one error can name them all.
 */
import type { Env } from '@switchyard/core';

const PLACEHOLDER = /\{([A-Za-z0-9_:]+)(?:\|([^}]*))?\}/g;

export interface RenderResult {
  value: string;
  /** Required env vars that were unset or empty. */
  missing: string[];
}

export function renderTemplate(template: string, env: Env): RenderResult {
  const missing: string[] = [];
  const value = template.replace(PLACEHOLDER, (_m, name: string, fallback: string | undefined) => {
    if (name.startsWith('base64:')) {
      const [, userVar = '', passVar = ''] = name.split(':');
      const user = env[userVar];
      const pass = env[passVar];
      if (!user) missing.push(userVar);
      if (!pass) missing.push(passVar);
      return Buffer.from(`${user ?? ''}:${pass ?? ''}`).toString('base64');
    }
    const v = env[name];
    if (v !== undefined && v !== '') return v;
    if (fallback !== undefined) return fallback;
    missing.push(name);
    return '';
  });
  return { value, missing };
}

/** Env var names a template reads. */
export function templateVars(template: string): string[] {
  const out: string[] = [];
  for (const m of template.matchAll(PLACEHOLDER)) {
    const name = m[1]!;
    if (name.startsWith('base64:')) out.push(...name.split(':').slice(1));
    else out.push(name);
  }
  return out;
}
