/** @module Lowercase hex ⇔ bytes for trace/span ids (hand-written: runs for every span on the hot path). */

/** Node's native hex encoder; it works on any Uint8Array, not only Buffers. */
const hexSlice = (Buffer.prototype as unknown as { hexSlice(start: number, end: number): string })
  .hexSlice as (this: Uint8Array, start: number, end: number) => string;

/**
 * Lowercase hex of `buf[start, end)`. Native rather than concatenating byte pairs: as fast, and the
 * result is one flat string (57 bytes of heap for a trace id) instead of a chain of cons strings
 * (~360 bytes), which every decoded span kept alive until its commit and the encoder had to flatten.
 */
export function bytesToHex(buf: Uint8Array, start: number, end: number): string {
  return hexSlice.call(buf, start, end);
}

function nibble(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Bytes of a hex string (either case), or undefined when it is not valid hex. */
export function hexToBytes(hex: string): Uint8Array | undefined {
  if (hex.length % 2 !== 0) return undefined;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = nibble(hex.charCodeAt(2 * i));
    const lo = nibble(hex.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) return undefined;
    out[i] = (hi << 4) | lo;
  }
  return out;
}
