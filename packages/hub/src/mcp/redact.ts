/**
 * @module Masks secrets in telemetry text before it reaches an AI assistant. Log bodies and attributes
 * are attacker-controlled input, so every string a tool returns passes `redactText` (via `redactDeep`).
 * Rules favour recall on credential-shaped text and keep ids and numbers that are not secrets intact
 * (card numbers must pass a Luhn check; trace and span ids are skipped by key).
 * Every repetition in the patterns is bounded, so attacker-sized input cannot make matching quadratic.
 */

interface Rule {
  name: string;
  pattern: RegExp;
  replace: (match: string, ...groups: string[]) => string;
}

const MASK = '[REDACTED]';

/** Key names whose values are secrets in `key=value`, `key: value` and JSON `"key": "value"` forms. */
const SECRET_KEYS =
  '(?:password|passwd|pwd|pass|secret|client[_-]?secret|api[_-]?key|apikey|x-api-key|access[_-]?key(?:[_-]?id)?|secret[_-]?access[_-]?key|secret[_-]?key|private[_-]?key|access[_-]?token|refresh[_-]?token|id[_-]?token|auth[_-]?token|session[_-]?token|token|session[_-]?id|credentials?)';

const RULES: Rule[] = [
  {
    name: 'private-key',
    pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
    replace: () => '[REDACTED_PRIVATE_KEY]',
  },
  {
    name: 'jwt',
    pattern: /\beyJ[A-Za-z0-9_-]{5,2048}\.[A-Za-z0-9_-]{5,8192}\.[A-Za-z0-9_-]{0,2048}/g,
    replace: () => '[REDACTED_JWT]',
  },
  {
    name: 'authorization',
    pattern: /\b(Bearer|Basic|Token|Digest)(\s{1,8})[A-Za-z0-9\-._~+/]{8,4096}=*/gi,
    replace: (_m, scheme = '', space = ' ') => `${scheme}${space}${MASK}`,
  },
  {
    name: 'aws-access-key',
    pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16}\b/g,
    replace: () => '[REDACTED_AWS_KEY]',
  },
  {
    name: 'vendor-token',
    pattern:
      /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|xox[abprs]-[A-Za-z0-9-]{10,}|sk_(?:live|test)_[A-Za-z0-9]{16,}|sk-[A-Za-z0-9_-]{20,}|AIza[0-9A-Za-z_-]{35})\b/g,
    replace: () => '[REDACTED_TOKEN]',
  },
  {
    name: 'url-password',
    pattern: /\b([a-z][a-z0-9+.-]{0,30}:\/\/[^\s:/?#@]{1,256}:)([^\s/?#@]{1,256})(@)/gi,
    replace: (_m, head = '', _pw, at = '@') => `${head}${MASK}${at}`,
  },
  {
    name: 'key-value',
    pattern: new RegExp(
      `((?<![A-Za-z0-9])${SECRET_KEYS}["']?\\s{0,8}(?:=|:)\\s{0,8})("[^"]{0,1024}"|'[^']{0,1024}'|[^\\s"'&,;}\\]]{1,1024})`,
      'gi',
    ),
    replace: (_m, head = '', value = '') => {
      if (value.startsWith('[REDACTED')) return `${head}${value}`;
      const quote = value.startsWith('"') ? '"' : value.startsWith("'") ? "'" : '';
      return `${head}${quote}${MASK}${quote}`;
    },
  },
  {
    name: 'email',
    pattern: /\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}\b/g,
    replace: () => '[REDACTED_EMAIL]',
  },
  {
    name: 'card',
    // 13–19 digits, optionally grouped by single spaces or dashes, starting 2–6 (the card IIN ranges;
    // this keeps epoch-millisecond timestamps, which start with 1, out).
    pattern: /(?<![\d.])[2-6]\d(?:[ -]?\d){11,17}(?![\d.])/g,
    replace: (m) => (luhnValid(m.replace(/[ -]/g, '')) ? '[REDACTED_CARD]' : m),
  },
];

/** True when the digit string passes the Luhn checksum (and has card length). */
export function luhnValid(digits: string): boolean {
  if (!/^\d{13,19}$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Masks secrets in one string. */
export function redactText(text: string): string {
  let out = text;
  for (const rule of RULES) {
    rule.pattern.lastIndex = 0;
    out = out.replace(rule.pattern, rule.replace as (substring: string, ...args: string[]) => string);
  }
  return out;
}

/** Keys whose string values are ids, never secrets: skipped so a hex id cannot be mangled. */
const ID_KEYS = new Set(['traceId', 'spanId', 'parentSpanId', 'rootSpanId', 'patternId', 'id']);
const HEX_ID = /^[0-9a-f]{16}$|^[0-9a-f]{32}$/;

/** Masks secrets in every string (and object key) of a JSON-like value; returns a new value. */
export function redactDeep<T>(value: T): T {
  return redactValue(value, undefined) as T;
}

function redactValue(value: unknown, key: string | undefined): unknown {
  if (typeof value === 'string') {
    if (key !== undefined && ID_KEYS.has(key) && HEX_ID.test(value)) return value;
    return redactText(value);
  }
  if (Array.isArray(value)) return value.map((v) => redactValue(v, key));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const safeKey = redactText(k);
      // A value under a secret-named key is a secret whatever it looks like.
      const secretKey = SECRET_KEY_NAME.test(k);
      Object.defineProperty(out, safeKey, {
        value: secretKey && (typeof v === 'string' || typeof v === 'number') ? MASK : redactValue(v, k),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

const SECRET_KEY_NAME = new RegExp(`(?:^|[._-])${SECRET_KEYS}$|^authorization$|^cookie$|^set-cookie$`, 'i');
