/**
 * @module Masks secrets in a config tree before it is shown (`switchyard config print`, logs).
 */
import { VENDOR_PRESETS } from '@switchyard/presets';

const SECRET_KEY =
  /(token|secret|password|passwd|api[-_]?key|app[-_]?key|authorization|credential|private[-_]?key|connection[-_]?string)/i;
const MASK = '***';
/** Vendor exporter `settings` the preset table marks as credentials (AWS_ACCESS_KEY_ID, NEW_RELIC_LICENSE_KEY, …). */
const SECRET_SETTINGS = new Set(
  Object.values(VENDOR_PRESETS).flatMap((p) => p.env.filter((e) => e.secret).map((e) => e.name)),
);

/** Returns a copy with secret-named keys' values and every header value masked; `env:`/`file:` references are kept. */
export function maskSecrets(value: unknown, parentKey = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v, parentKey));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const secret =
        SECRET_KEY.test(k) ||
        parentKey.toLowerCase() === 'headers' ||
        (parentKey === 'settings' && SECRET_SETTINGS.has(k));
      out[k] = secret && typeof v === 'string' ? maskValue(v) : maskSecrets(v, k);
    }
    return out;
  }
  return value;
}

function maskValue(v: string): string {
  return v.startsWith('env:') || v.startsWith('file:') ? v : MASK;
}
