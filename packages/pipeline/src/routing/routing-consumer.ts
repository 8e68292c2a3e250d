/**
 * @module Splits each batch by route and sends every part to its destinations. A resource group goes to the
 * first matching route (`first`) or every matching route (`all`); when all groups share the same
 * destinations the batch is passed on whole. The result is the worst of the destinations' results
 * (failed > refused > accepted), so a sender is acknowledged only when every destination kept its part.
 */
import { itemCount, type TelemetryBatch } from '@switchyard/core';
import { ACCEPTED, type ConsumeResult, type Consumer } from '../component/consumer.js';
import type { SelfMetrics } from '../self/self-metrics.js';
import { compileRoute, type ResourcePredicate } from './route-matcher.js';
import type { Route } from './routing-config.js';
import { groupResource, pickGroups, resourceGroups } from './split-batch.js';

interface CompiledRoute {
  matches: ResourcePredicate;
  destinations: readonly string[];
}

export class RoutingConsumer implements Consumer {
  private readonly routes: CompiledRoute[];
  private readonly unmatched: (by?: number) => void;

  constructor(
    routes: readonly Route[],
    private readonly destinations: ReadonlyMap<string, Consumer>,
    private readonly mode: 'first' | 'all',
    metrics?: SelfMetrics,
  ) {
    this.routes = routes.map((r) => ({ matches: compileRoute(r), destinations: r.exporters }));
    for (const r of this.routes) {
      for (const d of r.destinations)
        if (!destinations.has(d)) throw new Error(`no destination named '${d}'`);
    }
    this.unmatched =
      metrics?.counter('switchyard_routing_unmatched_items_total', 'Items no route matched (not exported)') ??
      (() => {});
  }

  /** Destination names for one resource group, in route order, without duplicates. */
  private targets(batch: TelemetryBatch, groupIndex: number): string[] {
    const resource = groupResource(resourceGroups(batch)[groupIndex]!);
    const out: string[] = [];
    for (const r of this.routes) {
      if (!r.matches(batch.signal, resource)) continue;
      for (const d of r.destinations) if (!out.includes(d)) out.push(d);
      if (this.mode === 'first') break;
    }
    return out;
  }

  async consume(batch: TelemetryBatch, sizeBytes: number): Promise<ConsumeResult> {
    const groups = resourceGroups(batch);
    const perDestination = new Map<string, number[]>();
    const unmatched: number[] = [];
    for (let i = 0; i < groups.length; i++) {
      const targets = this.targets(batch, i);
      if (targets.length === 0) unmatched.push(i);
      for (const d of targets) {
        const list = perDestination.get(d);
        if (list) list.push(i);
        else perDestination.set(d, [i]);
      }
    }
    if (unmatched.length > 0) this.unmatched(itemCount(pickGroups(batch, unmatched)));
    if (perDestination.size === 0) return ACCEPTED;
    const total = Math.max(1, itemCount(batch));
    const sends = [...perDestination].map(([name, indexes]) => {
      const part = indexes.length === groups.length ? batch : pickGroups(batch, indexes);
      const bytes = part === batch ? sizeBytes : Math.ceil((sizeBytes * itemCount(part)) / total);
      return this.destinations.get(name)!.consume(part, bytes);
    });
    const results = await Promise.all(sends);
    return results.find((r) => r.kind === 'failed') ?? results.find((r) => r.kind === 'refused') ?? ACCEPTED;
  }
}
