/**
 * @module Compiles a route's match conditions (signals, service names with `*` globs, resource attributes)
 * into a predicate over (signal, resource), evaluated once per resource group of a batch.
 */
import type { AttrValue, Resource, Signal } from '@switchyard/core';
import { serviceNameOf } from '@switchyard/core';
import type { Route } from './routing-config.js';

export type ResourcePredicate = (signal: Signal, resource: Resource) => boolean;

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

function attrText(v: AttrValue | undefined): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  return undefined;
}

export function compileRoute(route: Route): ResourcePredicate {
  const signals = route.signals ? new Set(route.signals) : undefined;
  const services = route.services?.map(globToRegExp);
  const attrs = Object.entries(route.resourceAttributes ?? {}).map(
    ([key, want]) => [key, new Set(Array.isArray(want) ? want : [want])] as const,
  );
  return (signal, resource) => {
    if (signals && !signals.has(signal)) return false;
    if (services) {
      const name = serviceNameOf(resource);
      if (!services.some((re) => re.test(name))) return false;
    }
    for (const [key, allowed] of attrs) {
      const text = attrText(resource.attributes[key]);
      if (text === undefined || !allowed.has(text)) return false;
    }
    return true;
  };
}
