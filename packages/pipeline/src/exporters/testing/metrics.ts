/**
 * @module Test data: metrics batches built from a compact description, for the Prometheus exporter tests.
 */
import type { Attributes, Metric, MetricData, TelemetryBatch } from '@switchyard/core';

export function metric(name: string, unit: string, data: MetricData): Metric {
  return { name, description: '', unit, metadata: {}, data };
}

/** One resource, one scope (`scope`/`1.0`), the given metrics. */
export function metricsBatch(resource: Attributes, metrics: Metric[]): TelemetryBatch {
  return {
    signal: 'metrics',
    data: {
      resourceMetrics: [
        {
          resource: { attributes: resource, droppedAttributesCount: 0 },
          scopeMetrics: [
            {
              scope: { name: 'scope', version: '1.0', attributes: {}, droppedAttributesCount: 0 },
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

/** A gauge/sum point at `timeMs`. */
export function numberPoint(value: number | bigint, timeMs: number, attributes: Attributes = {}) {
  return {
    attributes,
    startTimeUnixNano: 0n,
    timeUnixNano: BigInt(timeMs) * 1_000_000n,
    flags: 0,
    value,
    exemplars: [],
  };
}
