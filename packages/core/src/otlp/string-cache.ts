/**
 * @module Interning cache for short ASCII strings read from protobuf.
 *
 * Hot-path optimisation: attribute keys and many values (`http.request.method`,
 * `GET`, `service.name` …) repeat in every span. Decoding them afresh allocates a
 * new string that V8 must then hash and internalize when it becomes a property key
 * (that alone was ~30% of decode time). Here the bytes are hashed and compared
 * against a small direct-mapped table of already-internalized strings instead.
 */

/**
 * Node's native one-byte string constructor; it works on any Uint8Array, not only Buffers.
 * ~4x faster than `String.fromCharCode.apply` on a subarray, which also allocated the subarray.
 */
const latin1Slice = (Buffer.prototype as unknown as { latin1Slice(start: number, end: number): string })
  .latin1Slice as (this: Uint8Array, start: number, end: number) => string;

const SLOTS = 4096; // power of two
const table: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined);
/** Hash of the last string that missed in each slot: a string is cached on its second sighting. */
const pending = new Int32Array(SLOTS);

/** Longest string the cache considers. */
export const MAX_CACHED_LENGTH = 64;

/**
 * The string for ASCII bytes `buf[start, end)` from the cache, or undefined when the
 * bytes are not all ASCII (the caller then decodes them as UTF-8).
 */
function matches(hit: string | undefined, buf: Uint8Array, start: number, len: number): boolean {
  if (hit === undefined || hit.length !== len) return false;
  // cached strings are pure ASCII, so equal char codes mean equal bytes
  let i = 0;
  while (i < len && hit.charCodeAt(i) === buf[start + i]) i++;
  return i === len;
}

export function cachedAscii(buf: Uint8Array, start: number, end: number): string | undefined {
  const len = end - start;
  let h = 0x811c9dc5 ^ len;
  let high = 0;
  for (let i = start; i < end; i++) {
    const c = buf[i]!;
    high |= c;
    h = Math.imul(h ^ c, 0x01000193);
  }
  if (high > 0x7f) return undefined;
  // two-way set associative: slots `slot` and `slot ^ 1`
  const slot = (h ^ (h >>> 16)) & (SLOTS - 1);
  const a = table[slot];
  if (matches(a, buf, start, len)) return a;
  const b = table[slot ^ 1];
  if (matches(b, buf, start, len)) return b;
  const s = latin1Slice.call(buf, start, end);
  if (pending[slot] !== h) {
    // first sighting (unique values such as request ids stay out of the table)
    pending[slot] = h;
    return s;
  }
  // the object-literal round trip yields V8's internalized copy of the string
  const internal = Object.keys({ [s]: 0 })[0] ?? s;
  table[slot ^ 1] = a;
  table[slot] = internal;
  return internal;
}
