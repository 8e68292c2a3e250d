/**
 * @module Builds the hub's configured transform processors (redaction, attributes, filter, cumulative_to_delta,
 * resource_detection) in order. Resource detection is asynchronous, so it runs here, once, before the
 * processors are built (each detection bounded by its `timeoutMs`).
 */
import {
  attributesProcessorFactory,
  cumulativeToDeltaFactory,
  filterProcessorFactory,
  type Processor,
  redactionProcessorFactory,
  resourceDetectionFactory,
  type SelfMetrics,
} from '@switchyard/pipeline';
import type { HubConfig } from '../config/hub-config.js';
import { detectHubResource } from './resource-detection.js';

export async function createTransforms(
  configs: HubConfig['processors']['transforms'],
  metrics: SelfMetrics,
  log: (line: string) => void = () => {},
): Promise<Processor[]> {
  const detected = await Promise.all(
    configs.map((c) => (c.type === 'resource_detection' ? detectHubResource(c) : undefined)),
  );
  return configs.map((c, i) => {
    const name = `${c.type}/${i}`;
    const path = `processors.transforms[${i}]`;
    if (c.type === 'resource_detection') {
      const found = detected[i]!;
      const p = resourceDetectionFactory.create(c, { name, detected: found.attributes });
      for (const note of found.notes) log(`${name}: ${note}`);
      log(`${name}: adds ${Object.keys(p.attributes).join(', ') || 'nothing'} to resources`);
      return p;
    }
    if (c.type === 'redaction') {
      redactionProcessorFactory.validate?.(c, path);
      return redactionProcessorFactory.create(c, { name, metrics });
    }
    if (c.type === 'attributes') {
      attributesProcessorFactory.validate?.(c, path);
      return attributesProcessorFactory.create(c, { name });
    }
    if (c.type === 'cumulative_to_delta') return cumulativeToDeltaFactory.create(c, { name, metrics });
    filterProcessorFactory.validate?.(c, path);
    return filterProcessorFactory.create(c, { name, metrics });
  });
}
