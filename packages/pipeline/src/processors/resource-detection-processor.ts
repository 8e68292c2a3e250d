/**
 * @module Resource detection (`type: resource_detection`), as the Collector's resourcedetection processor:
 * attributes describing where the hub runs (from its `OTEL_RESOURCE_ATTRIBUTES`, the host and OS, and the cloud
 * metadata detectors) are added to the resource of everything that passes. Existing keys win unless
 * `override` is set, so what a service reported about itself is never replaced by what the hub knows about
 * its own machine. Detection is asynchronous and done once at start (by the hub, bounded by `timeoutMs`);
 * this processor only merges the detected attributes, so it stays synchronous like every transform.
 */
import type { Attributes, Resource, TelemetryBatch } from '@switchyard/core';
import { z } from 'zod';
import type { ComponentFactory } from '../component/factory.js';
import type { Processor } from '../component/processor.js';

export const RESOURCE_DETECTORS = ['env', 'system', 'cloud'] as const;
export type ResourceDetectorName = (typeof RESOURCE_DETECTORS)[number];

export const resourceDetectionConfigSchema = z.strictObject({
  type: z.literal('resource_detection').default('resource_detection'),
  /**
   * `env`: the hub's OTEL_RESOURCE_ATTRIBUTES; `system`: host.name, host.arch, os.type, os.description;
   * `cloud`: AWS (EC2, ECS, EKS, Lambda, Beanstalk), GCP and Azure metadata detectors, asked only when env
   * vars or the machine's vendor point to that cloud. Earlier detectors win for a key set by several.
   */
  detectors: z
    .array(z.enum(RESOURCE_DETECTORS))
    .min(1)
    .refine((d) => new Set(d).size === d.length, { error: 'lists a detector twice' })
    .default(['env', 'system']),
  /** Replace keys the resource already has (default: keep what the sender reported). */
  override: z.boolean().default(false),
  /** Only these keys are added (default: all that the detectors found). */
  attributes: z.array(z.string().min(1)).min(1).optional(),
  /** Upper bound on detection at start; a detector that has not answered by then contributes nothing. */
  timeoutMs: z.number().int().positive().max(60_000).default(2_000),
});
export type ResourceDetectionConfig = z.infer<typeof resourceDetectionConfigSchema>;

function resourcesOf(batch: TelemetryBatch): Resource[] {
  switch (batch.signal) {
    case 'traces':
      return batch.data.resourceSpans.map((r) => r.resource);
    case 'logs':
      return batch.data.resourceLogs.map((r) => r.resource);
    case 'metrics':
      return batch.data.resourceMetrics.map((r) => r.resource);
  }
}

export class ResourceDetectionProcessor implements Processor {
  private readonly entries: [string, Attributes[string]][];

  /** `detected`: what detection found at start (see the hub's resource detection). */
  constructor(
    detected: Attributes,
    private readonly config: ResourceDetectionConfig,
    readonly name = 'resource_detection',
  ) {
    const keep = config.attributes ? new Set(config.attributes) : undefined;
    this.entries = Object.entries(detected).filter(([k]) => !keep || keep.has(k));
  }

  /** The attributes this processor adds (after the allow-list). */
  get attributes(): Attributes {
    return Object.fromEntries(this.entries);
  }

  process(batch: TelemetryBatch): TelemetryBatch {
    if (this.entries.length === 0) return batch;
    for (const resource of resourcesOf(batch)) {
      const attrs = resource.attributes;
      for (const [k, v] of this.entries) if (this.config.override || !Object.hasOwn(attrs, k)) attrs[k] = v;
    }
    return batch;
  }
}

export const resourceDetectionFactory: ComponentFactory<
  ResourceDetectionConfig,
  ResourceDetectionProcessor,
  { name?: string; detected: Attributes }
> = {
  type: 'resource_detection',
  kind: 'processor',
  stability: { traces: 'beta', metrics: 'beta', logs: 'beta' },
  configSchema: resourceDetectionConfigSchema,
  createDefaultConfig: () => resourceDetectionConfigSchema.parse({}),
  create: (config, { name, detected }) => new ResourceDetectionProcessor(detected, config, name),
};
