/**
 * @module Config loading shared by the hub and the SDK: YAML text → `${VAR}` substitution → zod schema,
 * with every error naming the key path and suggesting the nearest valid key.
 */
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../errors/switchyard-error.js';
import { didYouMean } from './did-you-mean.js';
import { type Env, substituteTree } from './substitute.js';

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  // Walk the schema along the path to list the valid keys where an unknown key was found.
  let s: unknown = schema;
  for (const p of path) {
    s = unwrap(s);
    const shape = (s as { shape?: Record<string, unknown> }).shape;
    if (shape && typeof p === 'string') s = shape[p];
    else {
      const def = (s as { def?: { element?: unknown; valueType?: unknown } }).def;
      s = def?.element ?? def?.valueType;
    }
    if (s === undefined) return [];
  }
  const shape = (unwrap(s) as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

function unwrap(s: unknown): unknown {
  let cur = s as { def?: { innerType?: unknown; type?: string } } | undefined;
  for (let i = 0; i < 10 && cur?.def?.innerType; i++) cur = cur.def.innerType as typeof cur;
  return cur;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur = input;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/** For a wrong enum value or union discriminator: the allowed values, to suggest the nearest one. */
function allowedValues(issue: z.core.$ZodIssue): string[] {
  const values =
    issue.code === 'invalid_value'
      ? issue.values
      : issue.code === 'invalid_union'
        ? (issue as { options?: unknown[] }).options
        : undefined;
  return (values ?? []).filter((v): v is string => typeof v === 'string');
}

/**
 * Converts a zod failure into a ConfigError naming the first problem's key path. With `input` (what was
 * validated), a misspelt enum value or `type` gets a did-you-mean too.
 */
export function configErrorFromZod(
  error: z.ZodError,
  schema: z.ZodType,
  source: string,
  input?: unknown,
): ConfigError {
  const messages: string[] = [];
  let firstPath = '';
  for (const issue of error.issues.slice(0, 5)) {
    const path = formatPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(schema, issue.path);
      for (const key of issue.keys) {
        const p = path ? `${path}.${key}` : key;
        const guess = didYouMean(key, known);
        messages.push(
          `${p}: unknown key${guess ? ` (did you mean '${guess}'?)` : known.length ? ` (valid keys: ${known.join(', ')})` : ''}`,
        );
        firstPath ||= p;
      }
    } else {
      const given = valueAt(input, issue.path);
      const guess = typeof given === 'string' ? didYouMean(given, allowedValues(issue)) : undefined;
      const hint = guess ? ` (did you mean '${guess}'?)` : '';
      messages.push(`${path || '(root)'}: ${issue.message}${hint}`);
      firstPath ||= path;
    }
  }
  return new ConfigError(`invalid config in ${source}: ${messages.join('; ')}`, { path: firstPath });
}

export interface LoadConfigOptions {
  env?: Env;
  /** Shown in error messages, e.g. the file name. */
  source?: string;
}

/** Parses YAML text and validates it against `schema`. Throws ConfigError with the key path. */
export function loadConfigText<T>(text: string, schema: z.ZodType<T>, options: LoadConfigOptions = {}): T {
  const source = options.source ?? 'config';
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const pos = e.linePos?.[0];
    throw new ConfigError(`invalid YAML in ${source}: ${e.message.split('\n')[0]}`, {
      path: pos ? `line ${pos.line}, column ${pos.col}` : undefined,
    });
  }
  const raw = doc.toJS() ?? {};
  const substituted = substituteTree(raw, options.env ?? process.env);
  const parsed = schema.safeParse(substituted);
  if (!parsed.success) throw configErrorFromZod(parsed.error, schema, source, substituted);
  return parsed.data;
}
