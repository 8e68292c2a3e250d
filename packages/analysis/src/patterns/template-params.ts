/**
 * @module Parameter extraction: the values a message puts in its template's `<*>` slots.
 */
import { WILDCARD } from './mask.js';

/**
 * Aligns `message` (tokens joined by single spaces) with `template` and returns the text of
 * each `<*>` slot, left to right. Literal pieces are matched in order, each at its first
 * occurrence after the previous one; a slot between two literals takes everything in between,
 * so multi-token values come out whole. Returns `[]` when the message does not fit.
 */
const MESSY_SPACE = /\s\s|[\t\n\r\f\v]|^\s|\s$/;

export function extractParams(template: string, message: string): string[] {
  return paramsFromParts(template.split(WILDCARD), message);
}

/**
 * {@link extractParams} with the template already split at its wildcards (the miner caches the
 * split per pattern: this runs for every message when parameters are on).
 */
export function paramsFromParts(parts: readonly string[], message: string): string[] {
  if (parts.length < 2) return [];
  // Tokens joined by single spaces, as in the template; most messages already are.
  const text = MESSY_SPACE.test(message) ? message.trim().split(/\s+/).join(' ') : message;
  const first = parts[0] as string;
  if (!text.startsWith(first)) return [];
  const params: string[] = [];
  let pos = first.length;
  for (let k = 1; k < parts.length; k++) {
    const lit = parts[k] as string;
    const isLast = k === parts.length - 1;
    if (isLast) {
      if (lit.length === 0) {
        params.push(text.slice(pos));
        pos = text.length;
        break;
      }
      if (!text.endsWith(lit) || text.length - lit.length < pos) return [];
      params.push(text.slice(pos, text.length - lit.length));
      pos = text.length;
      break;
    }
    // Every slot holds at least one character, so search from one past the slot start.
    const at = lit.length === 0 ? pos + 1 : text.indexOf(lit, pos + 1);
    if (at < 0) return [];
    params.push(text.slice(pos, at));
    pos = at + lit.length;
  }
  return params;
}
