/**
 * @module Snappy block-format compression (what Prometheus remote write requires), via the pure-JS `snappyjs`
 * package, which ships no type declarations: it is loaded with createRequire and given a narrow type here.
 */
import { createRequire } from 'node:module';

interface SnappyJs {
  compress(input: Uint8Array): Uint8Array;
  uncompress(input: Uint8Array): Uint8Array;
}

const snappy = createRequire(import.meta.url)('snappyjs') as SnappyJs;

export function snappyCompress(input: Uint8Array): Uint8Array {
  return snappy.compress(input);
}

export function snappyUncompress(input: Uint8Array): Uint8Array {
  return snappy.uncompress(input);
}
