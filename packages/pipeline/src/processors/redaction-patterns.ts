/**
 * @module Value patterns the redaction processor looks for in strings. Each finds candidate spans of text;
 * card numbers are confirmed with the Luhn checksum so order ids and timestamps of the same length are kept.
 */
export type PatternName =
  | 'credit_card'
  | 'email'
  | 'bearer_token'
  | 'jwt'
  | 'aws_access_key'
  | 'url_password'
  | 'sql_literal';

export const PATTERN_NAMES: readonly PatternName[] = [
  'credit_card',
  'email',
  'bearer_token',
  'jwt',
  'aws_access_key',
  'url_password',
  'sql_literal',
];

export interface ValuePattern {
  name: PatternName;
  /** Global regex; the secret is capture group `group` (0 = the whole match). */
  regex: RegExp;
  group: number;
  /** Extra check on the secret text (Luhn for card numbers). */
  confirm?: (secret: string) => boolean;
}

/** Luhn (mod 10) checksum over the digits of `text`, which must hold 13–19 of them. */
export function luhnValid(text: string): boolean {
  const digits = text.replace(/[ -]/g, '');
  if (!/^\d{13,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export const VALUE_PATTERNS: Record<PatternName, ValuePattern> = {
  credit_card: {
    name: 'credit_card',
    // 13–19 digits, optionally grouped with single spaces or dashes, not inside a longer digit run.
    regex: /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g,
    group: 0,
    confirm: luhnValid,
  },
  email: {
    name: 'email',
    regex: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g,
    group: 0,
  },
  bearer_token: { name: 'bearer_token', regex: /\b(Bearer\s+)([A-Za-z0-9\-._~+/]{8,}=*)/gi, group: 2 },
  jwt: { name: 'jwt', regex: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, group: 0 },
  aws_access_key: { name: 'aws_access_key', regex: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g, group: 0 },
  url_password: {
    name: 'url_password',
    regex: /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)([^\s@/]+)(?=@)/gi,
    group: 2,
  },
  // Applied only to SQL statement attributes (see the processor's `sqlKeys`): quoted strings and numbers.
  sql_literal: {
    name: 'sql_literal',
    regex: /'(?:[^']|'')*'|(?<![\w.$])-?\d+(?:\.\d+)?(?![\w.])/g,
    group: 0,
  },
};
