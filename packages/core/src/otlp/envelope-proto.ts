/**
 * @module Protobuf walk of the OTLP envelope (request → resource → scope → items), shared by the
 * trace, log and metric codecs, which supply the item decoder/encoder and the model constructors.
 *
 * Hub hot path: the walker is plain loops over protobufjs's Reader/Writer like the per-signal code
 * it replaced (benchmarked equal); the per-signal constructors keep each model object's shape fixed.
 */
import type { InstrumentationScope, Resource } from '../model/resource.js';
import { emptyResource, emptyScope } from '../model/resource.js';
import { at, toDecodeError } from './decode-failure.js';
import type { EnvelopeNames } from './envelope.js';
import { decodeResource, decodeScope, nested } from './proto-common.js';
import { newWriter, type Writer, writeResource, writeScope, writeString } from './proto-encode-common.js';
import { checkEnd, type Reader, ReaderClass, readLen, readString, skipField } from './proto-primitives.js';

/** A signal's envelope decoder: names, item decoder, and constructors of its resource/scope lists. */
export interface ProtoEnvelopeDecoder<I, S, R> {
  readonly names: EnvelopeNames;
  readonly requestFields: readonly string[];
  readonly resourceFields: readonly string[];
  readonly scopeFields: readonly string[];
  readonly decodeItem: (r: Reader, end: number) => I;
  readonly makeScope: (scope: InstrumentationScope, items: I[], schemaUrl: string) => S;
  readonly makeResource: (resource: Resource, scopes: S[], schemaUrl: string) => R;
}

export function protoEnvelopeDecoder<I, S, R>(
  names: EnvelopeNames,
  decodeItem: (r: Reader, end: number) => I,
  makeScope: (scope: InstrumentationScope, items: I[], schemaUrl: string) => S,
  makeResource: (resource: Resource, scopes: S[], schemaUrl: string) => R,
): ProtoEnvelopeDecoder<I, S, R> {
  return {
    names,
    requestFields: ['', names.resources],
    resourceFields: ['', 'resource', names.scopes, 'schemaUrl'],
    scopeFields: ['', 'scope', names.items, 'schemaUrl'],
    decodeItem,
    makeScope,
    makeResource,
  };
}

/** Decodes a protobuf export request (or the `*Data` message, same layout) into its resource list. */
export function decodeEnvelope<I, S, R>(bytes: Uint8Array, env: ProtoEnvelopeDecoder<I, S, R>): R[] {
  const r = new ReaderClass(bytes);
  const resources: R[] = [];
  try {
    const end = bytes.length;
    while (r.pos < end) {
      const tag = r.uint32();
      if (tag === 10) {
        const stop = readLen(r, end, env.names.resources);
        try {
          resources.push(decodeResourceList(r, stop, env));
        } catch (e) {
          throw at(e, `${env.names.resources}[${resources.length}]`);
        }
      } else skipField(r, tag, end, env.requestFields);
    }
    checkEnd(r, end);
  } catch (e) {
    throw toDecodeError(e, env.names.message);
  }
  return resources;
}

function decodeResourceList<I, S, R>(r: Reader, end: number, env: ProtoEnvelopeDecoder<I, S, R>): R {
  let resource = emptyResource();
  const scopes: S[] = [];
  let schemaUrl = '';
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 10) resource = nested(r, end, 'resource', decodeResource);
    else if (tag === 18) {
      const stop = readLen(r, end, env.names.scopes);
      try {
        scopes.push(decodeScopeList(r, stop, env));
      } catch (e) {
        throw at(e, `${env.names.scopes}[${scopes.length}]`);
      }
    } else if (tag === 26) schemaUrl = readString(r, end, 'schemaUrl');
    else skipField(r, tag, end, env.resourceFields);
  }
  checkEnd(r, end);
  return env.makeResource(resource, scopes, schemaUrl);
}

function decodeScopeList<I, S, R>(r: Reader, end: number, env: ProtoEnvelopeDecoder<I, S, R>): S {
  let scope = emptyScope();
  const items: I[] = [];
  let schemaUrl = '';
  const decodeItem = env.decodeItem;
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 18) {
      const stop = readLen(r, end, env.names.items);
      try {
        items.push(decodeItem(r, stop));
      } catch (e) {
        throw at(e, `${env.names.items}[${items.length}]`);
      }
    } else if (tag === 10) scope = nested(r, end, 'scope', decodeScope);
    else if (tag === 26) schemaUrl = readString(r, end, 'schemaUrl');
    else skipField(r, tag, end, env.scopeFields);
  }
  checkEnd(r, end);
  return env.makeScope(scope, items, schemaUrl);
}

/** How to reach a signal's scope lists and items, and how to write one item's fields. */
export interface ProtoEnvelopeEncoder<R, S, I> {
  readonly scopesOf: (resourceList: R) => readonly S[];
  readonly itemsOf: (scopeList: S) => readonly I[];
  /** Writes the item's fields; the walker writes the tag and length around them. */
  readonly writeItem: (w: Writer, item: I) => void;
}

/** Encodes a resource list as a protobuf export request. */
export function encodeEnvelope<
  R extends { resource: Resource; schemaUrl: string },
  S extends { scope: InstrumentationScope; schemaUrl: string },
  I,
>(resources: readonly R[], env: ProtoEnvelopeEncoder<R, S, I>): Uint8Array {
  const w = newWriter();
  const writeItem = env.writeItem;
  for (const rl of resources) {
    w.uint32(10).fork();
    writeResource(w, 10, rl.resource);
    for (const sl of env.scopesOf(rl)) {
      w.uint32(18).fork();
      writeScope(w, 10, sl.scope);
      for (const item of env.itemsOf(sl)) {
        w.uint32(18).fork();
        writeItem(w, item);
        w.ldelim();
      }
      writeString(w, 26, sl.schemaUrl);
      w.ldelim();
    }
    writeString(w, 26, rl.schemaUrl);
    w.ldelim();
  }
  return w.finish();
}
