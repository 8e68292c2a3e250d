/**
 * @module Minimal client for the hub's HTTP API, used by CLI commands.
 */
import { SwitchyardError } from '@switchyard/core';

export const DEFAULT_HUB = 'http://127.0.0.1:4320';

export async function hubGet(
  hub: string,
  path: string,
  params: Record<string, string | undefined>,
): Promise<unknown> {
  const url = new URL(path, `${hub}/`);
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') url.searchParams.set(k, v);
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  } catch (err) {
    throw new SwitchyardError(
      'HUB_UNREACHABLE',
      `cannot reach the hub at ${hub}: ${(err as Error).message}`,
      {
        hint: 'start one with `switchyard up` or pass --hub URL',
      },
    );
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new SwitchyardError(
      'HUB_BAD_RESPONSE',
      `hub answered ${res.status} with non-JSON: ${text.slice(0, 200)}`,
    );
  }
  if (!res.ok) {
    const e = (body as { error?: { code?: string; message?: string; hint?: string } }).error;
    throw new SwitchyardError(e?.code ?? 'HUB_ERROR', e?.message ?? `hub answered ${res.status}`, {
      ...(e?.hint && { hint: e.hint }),
    });
  }
  return body;
}

export async function hubPost(hub: string, path: string, body: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(new URL(path, `${hub}/`), {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
      signal: AbortSignal.timeout(30_000),
    });
  } catch (err) {
    throw new SwitchyardError(
      'HUB_UNREACHABLE',
      `cannot reach the hub at ${hub}: ${(err as Error).message}`,
      {
        hint: 'start one with `switchyard up` or pass --hub URL',
      },
    );
  }
  const parsed = (await res.json().catch(() => ({}))) as {
    error?: { code?: string; message?: string; hint?: string };
  };
  if (!res.ok)
    throw new SwitchyardError(
      parsed.error?.code ?? 'HUB_ERROR',
      parsed.error?.message ?? `hub answered ${res.status}`,
      {
        ...(parsed.error?.hint && { hint: parsed.error.hint }),
      },
    );
  return parsed;
}
