/**
 * @module Resources and scopes, deduplicated: each distinct one is stored once and referenced by id
 * from span/log/point rows. The registry is the in-memory index of what is stored (the store holds the
 * directory lock, so no other writer exists); new entries stay pending until their flush commits.
 */
import { createHash } from 'node:crypto';
import type { InstrumentationScope, Resource } from '@switchyard/core';
import { attributesFromJson, attributesToJson, serviceNameOf } from '@switchyard/core';

export interface ResourceRow {
  id: number;
  hash: string;
  service: string;
  attributes: string;
  dropped: number;
}

export interface ScopeRow {
  id: number;
  hash: string;
  name: string;
  version: string;
  attributes: string;
  dropped: number;
}

export interface PendingEntries {
  resources: ResourceRow[];
  scopes: ScopeRow[];
}

function digest(key: string): string {
  return createHash('sha1').update(key).digest('hex');
}

export class ResourceRegistry {
  private readonly resourceIds = new Map<string, number>();
  private readonly resources = new Map<number, { resource: Resource; service: string }>();
  private readonly scopeIds = new Map<string, number>();
  private readonly scopes = new Map<number, InstrumentationScope>();
  private nextResourceId = 1;
  private nextScopeId = 1;
  private pending: PendingEntries = { resources: [], scopes: [] };

  /** Loads rows read from the database at open. */
  loadResource(row: ResourceRow): void {
    const resource: Resource = {
      attributes: attributesFromJson(row.attributes),
      droppedAttributesCount: row.dropped,
    };
    this.resources.set(row.id, { resource, service: row.service });
    this.resourceIds.set(`${row.attributes}|${row.dropped}`, row.id);
    this.nextResourceId = Math.max(this.nextResourceId, row.id + 1);
  }

  loadScope(row: ScopeRow): void {
    const scope: InstrumentationScope = {
      name: row.name,
      version: row.version,
      attributes: attributesFromJson(row.attributes),
      droppedAttributesCount: row.dropped,
    };
    this.scopes.set(row.id, scope);
    this.scopeIds.set(`${row.name}|${row.version}|${row.attributes}|${row.dropped}`, row.id);
    this.nextScopeId = Math.max(this.nextScopeId, row.id + 1);
  }

  /** Id of a resource, registering it (pending) when new. Returns the id and its service name. */
  resourceId(resource: Resource): { id: number; service: string } {
    const attributes = attributesToJson(resource.attributes);
    const key = `${attributes}|${resource.droppedAttributesCount}`;
    const known = this.resourceIds.get(key);
    if (known !== undefined)
      return { id: known, service: this.resources.get(known)?.service ?? 'unknown_service' };
    const id = this.nextResourceId++;
    const service = serviceNameOf(resource);
    this.resourceIds.set(key, id);
    this.resources.set(id, { resource, service });
    this.pending.resources.push({
      id,
      hash: digest(key),
      service,
      attributes,
      dropped: resource.droppedAttributesCount,
    });
    return { id, service };
  }

  scopeId(scope: InstrumentationScope): number {
    const attributes = attributesToJson(scope.attributes);
    const key = `${scope.name}|${scope.version}|${attributes}|${scope.droppedAttributesCount}`;
    const known = this.scopeIds.get(key);
    if (known !== undefined) return known;
    const id = this.nextScopeId++;
    this.scopeIds.set(key, id);
    this.scopes.set(id, scope);
    this.pending.scopes.push({
      id,
      hash: digest(key),
      name: scope.name,
      version: scope.version,
      attributes,
      dropped: scope.droppedAttributesCount,
    });
    return id;
  }

  resource(id: number): Resource {
    return this.resources.get(id)?.resource ?? { attributes: {}, droppedAttributesCount: 0 };
  }

  scope(id: number): InstrumentationScope {
    return this.scopes.get(id) ?? { name: '', version: '', attributes: {}, droppedAttributesCount: 0 };
  }

  /** Hands the entries registered since the last call to a flush. */
  takePending(): PendingEntries {
    const p = this.pending;
    this.pending = { resources: [], scopes: [] };
    return p;
  }

  /** Forgets entries whose flush failed, so a later batch registers them again. */
  forget(p: PendingEntries): void {
    for (const r of p.resources) {
      this.resources.delete(r.id);
      this.resourceIds.delete(`${r.attributes}|${r.dropped}`);
    }
    for (const s of p.scopes) {
      this.scopes.delete(s.id);
      this.scopeIds.delete(`${s.name}|${s.version}|${s.attributes}|${s.dropped}`);
    }
  }
}
