/**
 * Metrics test data shared by the real-Prometheus e2e tests: one shop resource, a batch builder, a metric
 * builder and number points timed relative to now (Prometheus rejects samples far in the past).
 */
import type { Attributes, Metric, TelemetryBatch } from '@switchyard/core';

export const SHOP_RESOURCE: Attributes = {
  'service.name': 'checkout',
  'service.namespace': 'shop',
  'service.instance.id': 'pod-7',
  'host.name': 'node-a',
};

/** One resource, one scope (`e2e`/`1`), the given metrics. */
export function metricsBatch(metrics: Metric[], resource: Attributes = SHOP_RESOURCE): TelemetryBatch {
  return {
    signal: 'metrics',
    data: {
      resourceMetrics: [
        {
          resource: { attributes: resource, droppedAttributesCount: 0 },
          scopeMetrics: [
            {
              scope: { name: 'e2e', version: '1', attributes: {}, droppedAttributesCount: 0 },
              metrics,
              schemaUrl: '',
            },
          ],
          schemaUrl: '',
        },
      ],
    },
  };
}

export const metric = (name: string, unit: string, data: Metric['data'], description = ''): Metric => ({
  name,
  unit,
  description,
  metadata: {},
  data,
});

export function nsAgo(ms: number): bigint {
  return BigInt(Date.now() - ms) * 1_000_000n;
}

/** A gauge/sum point taken `agoMs` ago, its series started a minute ago. */
export function pointAgo(v: number | bigint, agoMs: number, attributes: Attributes = {}) {
  return {
    attributes,
    startTimeUnixNano: nsAgo(60_000),
    timeUnixNano: nsAgo(agoMs),
    flags: 0,
    value: v,
    exemplars: [],
  };
}
