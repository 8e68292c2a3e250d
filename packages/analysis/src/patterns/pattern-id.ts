/**
 * @module Stable pattern ids: a hash of the masked token sequence a pattern was created from.
 *
 * The id is fixed at creation and never recomputed when the template later generalises, so the
 * same input always yields the same ids, and ids survive a JSON round trip unchanged.
 */

/** 64-bit FNV-1a over UTF-16 code units, as two 32-bit halves (no BigInt on the hot path). */
export function hash64(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x01000193) ^ (h1 >>> 15);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/** Id of a pattern created from `tokens` (masked tokens of its first message). */
export function patternIdFor(tokens: readonly string[]): string {
  return 'p' + hash64(tokens.join(' ')).slice(0, 12);
}
