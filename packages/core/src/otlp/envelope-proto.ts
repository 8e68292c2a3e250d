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
import type { Envelope } from './envelope.js';
import { decodeResource, decodeScope, nested } from './proto-common.js';
import { newWriter, type Writer, writeResource, writeScope, writeString } from './proto-encode-common.js';
import { checkEnd, type Reader, ReaderClass, readLen, readString, skipField } from './proto-primitives.js';

/** A signal's protobuf envelope decoder: its envelope, item decoder and unknown-field name tables. */
export interface ProtoEnvelopeDecoder<I, S, R> {
  readonly names: Envelope<R, S, I>;
  readonly requestFields: readonly string[];
  readonly resourceFields: readonly string[];
  readonly scopeFields: readonly string[];
  readonly decodeItem: (r: Reader, end: number) => I;
}

export function protoEnvelopeDecoder<I, S, R>(
  names: Envelope<R, S, I>,
  decodeItem: (r: Reader, end: number) => I,
): ProtoEnvelopeDecoder<I, S, R> {
  return {
    names,
    requestFields: ['', names.resources],
    resourceFields: ['', 'resource', names.scopes, 'schemaUrl'],
    scopeFields: ['', 'scope', names.items, 'schemaUrl'],
    decodeItem,
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
  return env.names.makeResource(resource, scopes, schemaUrl);
}

function decodeScopeList<I, S, R>(r: Reader, end: number, env: ProtoEnvelopeDecoder<I, S, R>): S {
  let scope = emptyScope();
  const items: I[] = [];
  let schemaUrl = '';
  const decodeItem = env.decodeItem;
  const itemsName = env.names.items;
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 18) {
      const stop = readLen(r, end, itemsName);
      try {
        items.push(decodeItem(r, stop));
      } catch (e) {
        throw at(e, `${itemsName}[${items.length}]`);
      }
    } else if (tag === 10) scope = nested(r, end, 'scope', decodeScope);
    else if (tag === 26) schemaUrl = readString(r, end, 'schemaUrl');
    else skipField(r, tag, end, env.scopeFields);
  }
  checkEnd(r, end);
  return env.names.makeScope(scope, items, schemaUrl);
}

/** Encodes a resource list as a protobuf export request. */
export function encodeEnvelope<
  R extends { resource: Resource; schemaUrl: string },
  S extends { scope: InstrumentationScope; schemaUrl: string },
  I,
>(
  resources: readonly R[],
  env: Envelope<R, S, I>,
  /** Writes the item's fields; the walker writes the tag and length around them. */
  writeItem: (w: Writer, item: I) => void,
): Uint8Array {
  const w = newWriter();
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
