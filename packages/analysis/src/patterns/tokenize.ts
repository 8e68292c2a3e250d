/**
 * @module Splitting a log message into whitespace-delimited tokens.
 *
 * Hand-written scan (no regex split): called once per message on the miner's hot path.
 */

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12;
}

const C_EQ = 61;
const C_DQUOTE = 34;
const C_SQUOTE = 39;

/**
 * Whitespace-delimited tokens of `message`; runs of spaces count as one separator. A quoted
 * `key="value with spaces"` stays one token (the quoted string is one value, see mask.ts), when
 * its closing quote is on the line.
 */
export function tokenize(message: string): string[] {
  const out: string[] = [];
  const n = message.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(message.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n) {
      const c = message.charCodeAt(i);
      if (isSpace(c)) break;
      if (c === C_EQ && i + 1 < n) {
        const q = message.charCodeAt(i + 1);
        if (q === C_DQUOTE || q === C_SQUOTE) {
          const close = message.indexOf(q === C_DQUOTE ? '"' : "'", i + 2);
          if (close > 0) i = close;
        }
      }
      i++;
    }
    out.push(message.slice(start, i));
  }
  return out;
}
