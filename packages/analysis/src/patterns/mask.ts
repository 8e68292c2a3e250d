/**
 * @module Generic masking of variable parts inside one whitespace-delimited token.
 *
 * The rules are deliberately data-set independent. They mask what is a variable in any log:
 * numbers (with their decimal/time/IP separators), hex and other identifier-like runs, UUIDs,
 * URLs (keeping the scheme), file paths, e-mail addresses and the values of `key=value` pairs.
 * Letters next to digits are kept (`eth1` → `eth<*>`, `ee0` → `ee<*>`), so that identifiers
 * which differ by name are not collapsed — only the number part is. Variables without digits
 * (user names, host names, status words) are left to the miner's column statistics.
 *
 * Hand-written char-code scanning instead of regular expressions: this runs for every token of
 * every line and dominates the miner's throughput.
 */

/** The placeholder written for a variable part of a template. */
export const WILDCARD = '<*>';

const C_0 = 48;
const C_9 = 57;
const C_A = 65;
const C_F = 70;
const C_Z = 90;
const C_a = 97;
const C_f = 102;
const C_z = 122;
const C_x = 120;
const C_PLUS = 43;
const C_MINUS = 45;
const C_DOT = 46;
const C_SLASH = 47;
const C_COLON = 58;
const C_COMMA = 44;
const C_EQ = 61;
const C_AT = 64;
const C_BACKSLASH = 92;
const C_TILDE = 126;

function isDigit(c: number): boolean {
  return c >= C_0 && c <= C_9;
}

function isHexLetter(c: number): boolean {
  return (c >= C_a && c <= C_f) || (c >= C_A && c <= C_F);
}

/** Letters, including any non-ASCII character (treated as part of a word). */
function isLetter(c: number): boolean {
  return (c >= C_a && c <= C_z) || (c >= C_A && c <= C_Z) || c > 127;
}

function isAlnum(c: number): boolean {
  return isDigit(c) || isLetter(c);
}

/** Characters that end a path, a `key=value` value or an e-mail address. */
function isStructural(c: number): boolean {
  // ( ) [ ] { } , ; " ' < > |
  return (
    c === 40 ||
    c === 41 ||
    c === 91 ||
    c === 93 ||
    c === 123 ||
    c === 125 ||
    c === C_COMMA ||
    c === 59 ||
    c === 34 ||
    c === 39 ||
    c === 60 ||
    c === 62 ||
    c === 124
  );
}

/** Separators allowed between the digit groups of one number-like value (1.5, 12:00:01, 10.0.0.1:80). */
function isNumberJoiner(c: number): boolean {
  return c === C_DOT || c === C_COLON || c === C_COMMA || c === C_MINUS || c === C_SLASH;
}

/** True when the token has a `://` URL marker; returns its index or -1. */
function urlMarker(tok: string): number {
  const i = tok.indexOf('://');
  if (i <= 0) return -1;
  for (let k = 0; k < i; k++) {
    const c = tok.charCodeAt(k);
    if (!isAlnum(c) && c !== C_DOT && c !== C_PLUS && c !== C_MINUS) return -1;
  }
  return i;
}

function isUuidAt(tok: string, i: number): boolean {
  if (i + 36 > tok.length) return false;
  for (let k = 0; k < 36; k++) {
    const c = tok.charCodeAt(i + k);
    if (k === 8 || k === 13 || k === 18 || k === 23) {
      if (c !== C_MINUS) return false;
    } else if (!isDigit(c) && !isHexLetter(c)) return false;
  }
  const after = tok.charCodeAt(i + 36);
  return Number.isNaN(after) || !isAlnum(after);
}

/** End index of a path starting at `i` (`/a/b`, `~/a`, `C:\a`), or -1 when there is none. */
function pathEnd(tok: string, i: number): number {
  const c = tok.charCodeAt(i);
  let start = i;
  if (c === C_TILDE && tok.charCodeAt(i + 1) === C_SLASH) start = i + 1;
  else if (isLetter(c) && tok.charCodeAt(i + 1) === C_COLON && tok.charCodeAt(i + 2) === C_BACKSLASH) {
    start = i + 2;
  } else if (c !== C_SLASH && c !== C_BACKSLASH) return -1;
  const sep = tok.charCodeAt(start);
  let seps = 0;
  let j = start;
  while (j < tok.length) {
    const d = tok.charCodeAt(j);
    if (isStructural(d) || d === C_EQ) break;
    if (d === sep) seps++;
    j++;
  }
  // A path has at least two separators with something between them (`/a/b`, not `/x` or `//`).
  if (seps < 2 || j - start < 4) return -1;
  return j;
}

/** End of an e-mail address starting at `i` (the local part), or -1. */
function emailEnd(tok: string, i: number): number {
  let j = i;
  while (j < tok.length) {
    const c = tok.charCodeAt(j);
    if (isAlnum(c) || c === C_DOT || c === 95 || c === C_MINUS || c === C_PLUS) j++;
    else break;
  }
  if (j === i || tok.charCodeAt(j) !== C_AT) return -1;
  let k = j + 1;
  let dots = 0;
  let lastDot = -1;
  while (k < tok.length) {
    const c = tok.charCodeAt(k);
    if (isAlnum(c) || c === C_MINUS) k++;
    else if (c === C_DOT && k + 1 < tok.length && isAlnum(tok.charCodeAt(k + 1))) {
      dots++;
      lastDot = k;
      k++;
    } else break;
  }
  if (dots === 0) return -1;
  for (let t = lastDot + 1; t < k; t++) if (!isLetter(tok.charCodeAt(t))) return -1;
  return k;
}

/**
 * Masks one alphanumeric run (`tok[i..j)`, letters and digits only). Hex-like identifiers and
 * long mixed ids become one wildcard; otherwise each digit group is masked and letters are kept.
 */
function maskAlnumRun(tok: string, i: number, j: number, out: string[]): void {
  let digits = 0;
  let hexOnly = true;
  let switches = 0;
  let prevDigit = isDigit(tok.charCodeAt(i));
  for (let k = i; k < j; k++) {
    const c = tok.charCodeAt(k);
    const d = isDigit(c);
    if (d) digits++;
    else if (!isHexLetter(c)) hexOnly = false;
    if (d !== prevDigit) switches++;
    prevDigit = d;
  }
  if (digits === 0) {
    out.push(tok.slice(i, j));
    return;
  }
  const len = j - i;
  if (digits === len) {
    out.push(WILDCARD);
    return;
  }
  // 0x1f, deadbeef01, 1001fdfe: hexadecimal values.
  if (len > 2 && tok.charCodeAt(i) === C_0 && (tok.charCodeAt(i + 1) | 32) === C_x) {
    out.push(WILDCARD);
    return;
  }
  if (hexOnly && len >= 6) {
    out.push(WILDCARD);
    return;
  }
  // Random-looking ids (session tokens, base36/base64 ids) flip between letters and digits often.
  if (len >= 10 && switches >= 4) {
    out.push(WILDCARD);
    return;
  }
  let k = i;
  while (k < j) {
    const start = k;
    if (isDigit(tok.charCodeAt(k))) {
      while (k < j && isDigit(tok.charCodeAt(k))) k++;
      out.push(WILDCARD);
    } else {
      while (k < j && !isDigit(tok.charCodeAt(k))) k++;
      out.push(tok.slice(start, k));
    }
  }
}

/**
 * True when no rule can mask anything in `tok`: no digit and none of `= / \ ~ : @` (every rule
 * needs one: numbers and ids a digit, key=value a `=`, paths a separator, URLs a `:`, e-mail an
 * `@`). Most tokens are plain words, and this scan is far cheaper than the full one.
 */
function plainToken(tok: string): boolean {
  for (let i = 0; i < tok.length; i++) {
    const c = tok.charCodeAt(i);
    if (
      (c >= C_0 && c <= C_9) ||
      c === C_EQ ||
      c === C_SLASH ||
      c === C_BACKSLASH ||
      c === C_TILDE ||
      c === C_COLON ||
      c === C_AT
    )
      return false;
  }
  return true;
}

/**
 * Masks the variable parts of one token. Returns the token itself (same string) when nothing
 * was masked, so callers can compare by identity cheaply.
 */
export function maskToken(tok: string): string {
  if (plainToken(tok)) return tok;
  const n = tok.length;
  const url = urlMarker(tok);
  if (url > 0) return tok.slice(0, url + 3) + WILDCARD;
  const out: string[] = [];
  // E-mail scanning walks every word; only worth it when the token has an `@` at all.
  const hasAt = tok.includes('@');
  let changed = false;
  let i = 0;
  let litStart = 0;
  const flushLiteral = (to: number): void => {
    if (to > litStart) out.push(tok.slice(litStart, to));
  };
  while (i < n) {
    const c = tok.charCodeAt(i);
    const prev = i === 0 ? -1 : tok.charCodeAt(i - 1);
    const atBoundary = prev === -1 || !isAlnum(prev);
    // key=value: the value up to the next structural character is a variable.
    if (c === C_EQ && i > 0 && (isAlnum(prev) || prev === 95 || prev === 93 || prev === 41)) {
      const q = tok.charCodeAt(i + 1);
      if (q === 34 || q === 39) {
        // key="quoted value": a string literal, always a variable.
        const close = tok.indexOf(String.fromCharCode(q), i + 2);
        if (close > i + 1) {
          flushLiteral(i + 2);
          out.push(WILDCARD);
          changed = true;
          i = close;
          litStart = close;
          continue;
        }
      }
      let j = i + 1;
      let plainWord = true;
      while (j < n && !isStructural(tok.charCodeAt(j))) {
        const v = tok.charCodeAt(j);
        if (!isLetter(v) && v !== 95) plainWord = false;
        j++;
      }
      // Plain-word values (true, LOOKING, ACTION_DOWN) are often what the message is about: they
      // are left to the miner's column statistics instead of being masked unconditionally.
      if (j > i + 1 && !plainWord && tok.charCodeAt(i + 1) !== C_EQ) {
        flushLiteral(i + 1);
        out.push(WILDCARD);
        changed = true;
        i = j;
        litStart = j;
        continue;
      }
    }
    if (atBoundary) {
      if (isAlnum(c) && isUuidAt(tok, i)) {
        flushLiteral(i);
        out.push(WILDCARD);
        changed = true;
        i += 36;
        litStart = i;
        continue;
      }
      if (
        c === C_SLASH ||
        c === C_BACKSLASH ||
        c === C_TILDE ||
        (isLetter(c) && tok.charCodeAt(i + 1) === C_COLON)
      ) {
        const end = pathEnd(tok, i);
        if (end > 0) {
          flushLiteral(i);
          out.push(WILDCARD);
          changed = true;
          i = end;
          litStart = end;
          continue;
        }
      }
      if (hasAt && isAlnum(c)) {
        const end = emailEnd(tok, i);
        if (end > 0) {
          flushLiteral(i);
          out.push(WILDCARD);
          changed = true;
          i = end;
          litStart = end;
          continue;
        }
      }
      // Numbers: an optional sign, digit groups joined by . : , - / (1.5, -3, 10.0.0.1:80, 12:00:01,5).
      const signed = (c === C_MINUS || c === C_PLUS) && isDigit(tok.charCodeAt(i + 1));
      if (isDigit(c) || signed) {
        let j = signed ? i + 1 : i;
        while (j < n) {
          while (j < n && isDigit(tok.charCodeAt(j))) j++;
          if (j + 1 < n && isNumberJoiner(tok.charCodeAt(j)) && isDigit(tok.charCodeAt(j + 1))) j++;
          else break;
        }
        if (j >= n || !isLetter(tok.charCodeAt(j))) {
          flushLiteral(i);
          out.push(WILDCARD);
          changed = true;
          i = j;
          litStart = j;
          continue;
        }
        // Digits followed by letters (10ms, 0x1f, 1001fdfe): treat as one alphanumeric run.
      }
    }
    if (isAlnum(c)) {
      let j = i + 1;
      while (j < n && isAlnum(tok.charCodeAt(j))) j++;
      let hasDigit = false;
      for (let k = i; k < j; k++) {
        if (isDigit(tok.charCodeAt(k))) {
          hasDigit = true;
          break;
        }
      }
      if (hasDigit) {
        flushLiteral(i);
        maskAlnumRun(tok, i, j, out);
        changed = true;
        litStart = j;
      }
      i = j;
      continue;
    }
    i++;
  }
  if (!changed) return tok;
  flushLiteral(n);
  // Adjacent wildcards (`<*><*>`) carry no extra information.
  let s = out.join('');
  while (s.includes('<*><*>')) s = s.replace('<*><*>', WILDCARD);
  return s;
}

/** Auto-scaled data-size units: `850.0 B` and `5.2 KB` are the same kind of value. */
const SIZE_UNITS = new Set(['B', 'KB', 'MB', 'GB', 'TB', 'PB', 'KiB', 'MiB', 'GiB', 'TiB', 'K', 'M', 'G']);

/**
 * Masks every token of a message. A data-size unit right after a masked number is masked too
 * (`5.2 KB` → `<*> <*>`): the unit scales with the value, so it is part of the variable.
 */
export function maskTokens(tokens: readonly string[]): string[] {
  const out = new Array<string>(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i] as string;
    const m = maskToken(tok);
    if (i > 0 && m === tok && (out[i - 1] as string).endsWith(WILDCARD)) {
      let end = tok.length;
      while (end > 0 && isStructural(tok.charCodeAt(end - 1))) end--;
      if (end > 0 && end < 4 && SIZE_UNITS.has(tok.slice(0, end))) {
        out[i] = WILDCARD + tok.slice(end);
        continue;
      }
    }
    out[i] = m;
  }
  return out;
}
