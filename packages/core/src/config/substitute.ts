/**
 * @module `${VAR}` / `${VAR:-default}` substitution in config values, and secret references
 * (`env:NAME`, `file:/path`) resolved where a secret is expected.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors/switchyard-error.js';

export type Env = Readonly<Record<string, string | undefined>>;

const VAR = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|\$\$/g;

/** Replaces `${VAR}` and `${VAR:-default}` in one string; `$$` is a literal `$`. */
export function substituteString(text: string, env: Env, path: string): string {
  return text.replace(VAR, (match, name: string | undefined, fallback: string | undefined) => {
    if (match === '$$') return '$';
    const v = env[name!];
    if (v !== undefined && v !== '') return v;
    if (fallback !== undefined) return fallback;
    throw new ConfigError(`environment variable ${name} is not set`, {
      path,
      hint: `export ${name}=… or write \${${name}:-default}`,
    });
  });
}

/** Walks a parsed YAML/JSON tree and substitutes every string value. */
export function substituteTree(value: unknown, env: Env, path = ''): unknown {
  if (typeof value === 'string') return substituteString(value, env, path || '(root)');
  if (Array.isArray(value)) return value.map((v, i) => substituteTree(v, env, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = substituteTree(v, env, path ? `${path}.${k}` : k);
    return out;
  }
  return value;
}

/** Resolves a secret reference: `env:NAME`, `file:/path` (trimmed), or a literal value. */
export function resolveSecret(ref: string, env: Env, path: string): string {
  if (ref.startsWith('env:')) {
    const name = ref.slice(4);
    const v = env[name];
    if (v === undefined || v === '')
      throw new ConfigError(`secret environment variable ${name} is not set`, {
        path,
        hint: `export ${name}=…`,
      });
    return v;
  }
  if (ref.startsWith('file:')) {
    const file = ref.slice(5);
    try {
      return readFileSync(file, 'utf8').trim();
    } catch (err) {
      throw new ConfigError(`cannot read secret file ${file}: ${(err as Error).message}`, { path });
    }
  }
  return ref;
}
