/**
 * @module Several components reporting into one gauge family. SelfMetrics keeps one collect callback per
 * family, so each queue or circuit breaker registers a source here and the family reads all of them.
 */
import type { SelfMetrics } from '../self/self-metrics.js';

export type GaugeSample = { labels: Record<string, string>; value: number };

const registries = new WeakMap<SelfMetrics, Map<string, Set<() => GaugeSample[]>>>();

/** Adds a source to the gauge family `name`; returns a function that removes it. */
export function addGaugeSource(
  metrics: SelfMetrics | undefined,
  name: string,
  help: string,
  source: () => GaugeSample[],
): () => void {
  if (!metrics) return () => {};
  let families = registries.get(metrics);
  if (!families) {
    families = new Map();
    registries.set(metrics, families);
  }
  let sources = families.get(name);
  if (!sources) {
    const set = new Set<() => GaugeSample[]>();
    sources = set;
    families.set(name, set);
    metrics.gauge(name, help, () => [...set].flatMap((s) => s()));
  }
  sources.add(source);
  const own = sources;
  return () => {
    own.delete(source);
  };
}
