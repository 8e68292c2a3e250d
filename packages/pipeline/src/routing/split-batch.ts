/**
 * @module Resource-level access to a batch: its resource groups, and a batch rebuilt from a subset of them.
 * Routing decides per resource group (a service's spans, points or logs travel together).
 */
import type {
  Resource,
  ResourceLogs,
  ResourceMetrics,
  ResourceSpans,
  TelemetryBatch,
} from '@switchyard/core';

type Group = ResourceSpans | ResourceMetrics | ResourceLogs;

export function resourceGroups(batch: TelemetryBatch): readonly Group[] {
  switch (batch.signal) {
    case 'traces':
      return batch.data.resourceSpans;
    case 'metrics':
      return batch.data.resourceMetrics;
    case 'logs':
      return batch.data.resourceLogs;
  }
}

export function groupResource(group: Group): Resource {
  return group.resource;
}

/** A batch of the same signal holding the groups at `indexes`, in their original order. */
export function pickGroups(batch: TelemetryBatch, indexes: readonly number[]): TelemetryBatch {
  switch (batch.signal) {
    case 'traces':
      return { signal: 'traces', data: { resourceSpans: indexes.map((i) => batch.data.resourceSpans[i]!) } };
    case 'metrics':
      return {
        signal: 'metrics',
        data: { resourceMetrics: indexes.map((i) => batch.data.resourceMetrics[i]!) },
      };
    case 'logs':
      return { signal: 'logs', data: { resourceLogs: indexes.map((i) => batch.data.resourceLogs[i]!) } };
  }
}
