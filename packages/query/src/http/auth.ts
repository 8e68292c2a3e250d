/**
 * @module Source authentication: bearer tokens, basic auth, API-key headers, tenant headers.
 * Secret values may be literal or references (`env:NAME`, `file:/path`), resolved when headers are built.
 */
import { type Env, resolveSecret } from '@switchyard/core';
import { z } from 'zod';

const Secret = z.string().min(1);

export const AuthSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }).strict(),
  z.object({ type: z.literal('bearer'), token: Secret }).strict(),
  z.object({ type: z.literal('basic'), username: z.string().min(1), password: Secret }).strict(),
  /** Any API-key style headers, e.g. `{ 'X-API-Key': 'env:KEY' }`. */
  z.object({ type: z.literal('headers'), headers: z.record(z.string().min(1), Secret) }).strict(),
]);
export type Auth = z.infer<typeof AuthSchema>;

/** Request headers for an auth setting, with secrets resolved. `path` names the config key in errors. */
export function authHeaders(auth: Auth | undefined, env: Env, path = 'auth'): Record<string, string> {
  if (auth === undefined) return {};
  switch (auth.type) {
    case 'none':
      return {};
    case 'bearer':
      return { Authorization: `Bearer ${resolveSecret(auth.token, env, `${path}.token`)}` };
    case 'basic': {
      const password = resolveSecret(auth.password, env, `${path}.password`);
      return { Authorization: `Basic ${Buffer.from(`${auth.username}:${password}`).toString('base64')}` };
    }
    case 'headers': {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(auth.headers))
        out[k] = resolveSecret(v, env, `${path}.headers.${k}`);
      return out;
    }
  }
}
