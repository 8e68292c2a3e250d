/**
 * @module Token comparison rules used when a message is matched against a template.
 */
import { WILDCARD } from './mask.js';

const ALNUM = /[A-Za-z0-9]/;

/**
 * `pattern` (a masked token such as `chdir(<*>)`) literally fits `text` (`chdir(pwd)`).
 * A pattern whose literal part has no letter or digit (`(<*>`) says too little to match anything.
 */
export function globMatch(pattern: string, text: string): boolean {
  if (!ALNUM.test(pattern.replaceAll(WILDCARD, ''))) return false;
  const parts = pattern.split(WILDCARD);
  const first = parts[0] as string;
  const last = parts[parts.length - 1] as string;
  if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last))
    return false;
  let pos = first.length;
  for (let k = 1; k < parts.length - 1; k++) {
    const p = parts[k] as string;
    const at = text.indexOf(p, pos);
    if (at < 0) return false;
    pos = at + p.length;
  }
  return pos <= text.length - last.length;
}

/**
 * Two different tokens at the same position that are both variable-looking, so a template may
 * generalise the position without further evidence: both carry masked values (`Thunderbird_A<*>`,
 * `Thunderbird_B<*>`), or one is a masked shape the other literally fits. `key=value` tokens only
 * match when their keys agree (`num=<*>` is not `flags=<*>`).
 */
export function softMatch(a: string, b: string): boolean {
  const am = a.includes(WILDCARD);
  const bm = b.includes(WILDCARD);
  if (am && bm) {
    const ak = a.indexOf('=');
    const bk = b.indexOf('=');
    if (ak < 0 && bk < 0) return true;
    return ak === bk && a.slice(0, ak) === b.slice(0, bk);
  }
  // `ws=WorkSource{<*>}` vs `ws=null`: a key whose value has carried a masked value holds values.
  if (am !== bm) {
    const ak = a.indexOf('=');
    if (ak > 0 && ak < a.length - 1 && b.indexOf('=') === ak && a.slice(0, ak) === b.slice(0, ak))
      return true;
  }
  if (am && a !== WILDCARD) return globMatch(a, b);
  if (bm && b !== WILDCARD) return globMatch(b, a);
  return false;
}

/**
 * Key under which templates are the same pattern: a run of two or more adjacent tokens that all
 * carry masked values becomes one `<*>` (a list-like variable: `name an1 an2 an3` / `name cn1 cn2`),
 * and so does a run of `<*>`. Single masked tokens keep their shape.
 */
export function collapsedTemplate(tokens: readonly string[]): string {
  const out: string[] = [];
  const n = tokens.length;
  let i = 0;
  while (i < n) {
    const t = tokens[i] as string;
    let j = i;
    while (j < n && isVariableShape(tokens[j] as string)) j++;
    if (j - i >= 2 || (j - i === 1 && t === WILDCARD)) {
      if (out[out.length - 1] !== WILDCARD) out.push(WILDCARD);
      i = j;
      continue;
    }
    out.push(t);
    i++;
  }
  // A template made only of variables has nothing to be recognised by: keep it as it is.
  if (out.every((t) => t.includes(WILDCARD))) return tokens.join(' ');
  return out.join(' ');
}

function isVariableShape(t: string): boolean {
  return t.includes(WILDCARD) && !t.includes('=');
}
