/**
 * @module Collects the spans the tail sampler keeps into trace batches for the next stage, regrouped by
 * resource and scope (spans that arrived with the same resource object share one ResourceSpans again),
 * cut into batches of at most `chunkSpans` spans.
 */
import type {
  InstrumentationScope,
  Resource,
  ResourceSpans,
  ScopeSpans,
  Span,
  TelemetryBatch,
} from '@switchyard/core';
import { spanBytes } from './tail-sampling-size.js';

export interface KeptBatch {
  batch: TelemetryBatch;
  spans: number;
  /** Estimated bytes, used as the batch's size for downstream memory accounting. */
  bytes: number;
}

interface Building {
  resourceSpans: ResourceSpans[];
  byResource: Map<Resource, { rs: ResourceSpans; scopes: Map<InstrumentationScope, ScopeSpans> }>;
  spans: number;
  bytes: number;
}

function empty(): Building {
  return { resourceSpans: [], byResource: new Map(), spans: 0, bytes: 0 };
}

export class KeptSpans {
  private readonly done: KeptBatch[] = [];
  private current = empty();

  constructor(private readonly chunkSpans: number) {}

  add(
    resource: Resource,
    resourceSchemaUrl: string,
    scope: InstrumentationScope,
    scopeSchemaUrl: string,
    spans: readonly Span[],
  ): void {
    const b = this.current;
    let r = b.byResource.get(resource);
    if (!r) {
      r = { rs: { resource, scopeSpans: [], schemaUrl: resourceSchemaUrl }, scopes: new Map() };
      b.byResource.set(resource, r);
      b.resourceSpans.push(r.rs);
    }
    let ss = r.scopes.get(scope);
    if (!ss) {
      ss = { scope, spans: [], schemaUrl: scopeSchemaUrl };
      r.scopes.set(scope, ss);
      r.rs.scopeSpans.push(ss);
    }
    for (const s of spans) {
      ss.spans.push(s);
      b.bytes += spanBytes(s);
    }
    b.spans += spans.length;
    if (b.spans >= this.chunkSpans) this.cut();
  }

  private cut(): void {
    const b = this.current;
    if (b.spans === 0) return;
    this.done.push({
      batch: { signal: 'traces', data: { resourceSpans: b.resourceSpans } },
      spans: b.spans,
      bytes: b.bytes,
    });
    this.current = empty();
  }

  /** The batches collected so far; the builder starts empty again. */
  take(): KeptBatch[] {
    this.cut();
    return this.done.splice(0);
  }
}
