/**
 * @module Builds attribute objects from decoded key/value lists, fast.
 *
 * Hot-path optimisation: adding more than ~16 properties to `{}` one by one with
 * computed keys pushes V8 into dictionary mode, which made a 20-attribute span ~3x
 * slower to decode than a 10-attribute one. Spans from one instrumentation repeat
 * the same key sequence, so each sequence seen twice gets a constructor compiled
 * from an object literal (`{"http.method": v[0], …}`), which V8 builds in one step
 * with a fixed shape. The shapes live in a bounded trie keyed by the (interned)
 * key strings; beyond the bound, or for keys a literal cannot express safely
 * (`__proto__`) or keys too long to retain, it falls back to plain property assignment.
 */
import type { Attributes, AttrValue } from '../model/attributes.js';
import { setAttr } from './attr-set.js';

type Build = (v: AttrValue[]) => Attributes;

interface ShapeNode {
  /** The child taken last time: a span's key sequence usually repeats, so this skips the Map lookup. */
  lastKey: string | undefined;
  lastNext: ShapeNode | undefined;
  next: Map<string, ShapeNode> | undefined;
  build: Build | undefined;
  seen: number;
}

/** Objects with fewer properties stay in V8's fast mode when built by assignment. */
const MIN_COMPILED = 12;
const MAX_NODES = 20_000;
const MAX_SHAPES = 2_000;
/** Longer keys are not retained in the trie (bounds the memory a hostile sender can pin). */
const MAX_KEY_LENGTH = 128;

const newNode = (): ShapeNode => ({
  lastKey: undefined,
  lastNext: undefined,
  next: undefined,
  build: undefined,
  seen: 0,
});
const root: ShapeNode = newNode();
let nodes = 0;
let shapes = 0;

function assign(keys: string[], values: AttrValue[], n: number): Attributes {
  const o: Attributes = {};
  for (let i = 0; i < n; i++) setAttr(o, keys[i]!, values[i]!);
  return o;
}

/**
 * Parallel key/value lists reused from message to message: the first `n` entries are current.
 * Hot path: a span decoder that allocated two fresh arrays per attribute map (and grew them by
 * push) spent more on that than on reading the attributes; see traces-proto-decode.ts.
 */
export interface KvScratch {
  keys: string[];
  values: AttrValue[];
  n: number;
}

export function kvScratch(): KvScratch {
  return { keys: [], values: [], n: 0 };
}

/** `buildAttributes` of the scratch lists; then empties them (dropping the value references). */
export function buildAttributesFrom(s: KvScratch): Attributes {
  const n = s.n;
  const attrs = build(s.keys, s.values, n);
  for (let i = 0; i < n; i++) s.values[i] = null;
  s.n = 0;
  return attrs;
}

function compile(keys: string[]): Build | undefined {
  if (keys.includes('__proto__')) return undefined;
  const fields = keys.map((k, i) => `${JSON.stringify(k)}:v[${i}]`).join(',');
  // keys are embedded as JSON string literals, which are valid, inert JS string literals
  return new Function('v', `"use strict";return{${fields}};`) as Build;
}

/** The attribute object for parallel key/value lists (later duplicates win, as on the wire). */
export function buildAttributes(keys: string[], values: AttrValue[]): Attributes {
  return build(keys, values, keys.length);
}

function build(keys: string[], values: AttrValue[], n: number): Attributes {
  if (n < MIN_COMPILED) return assign(keys, values, n);
  let node = root;
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    if (key.length > MAX_KEY_LENGTH) return assign(keys, values, n);
    if (node.lastKey === key) {
      node = node.lastNext!;
      continue;
    }
    let next = node.next?.get(key);
    if (next === undefined) {
      if (nodes >= MAX_NODES) return assign(keys, values, n);
      next = newNode();
      if (node.next === undefined) node.next = new Map();
      node.next.set(key, next);
      nodes++;
    }
    node.lastKey = key;
    node.lastNext = next;
    node = next;
  }
  if (node.build !== undefined) return node.build(values);
  if (++node.seen >= 2 && shapes < MAX_SHAPES) {
    node.build = compile(keys.slice(0, n));
    if (node.build !== undefined) {
      shapes++;
      return node.build(values);
    }
  }
  return assign(keys, values, n);
}
