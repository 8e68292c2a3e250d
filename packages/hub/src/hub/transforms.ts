/**
 * @module Builds the hub's configured transform processors (redaction, attributes, filter, cumulative_to_delta) in order.
 */
import {
  attributesProcessorFactory,
  cumulativeToDeltaFactory,
  filterProcessorFactory,
  type Processor,
  redactionProcessorFactory,
  type SelfMetrics,
} from '@switchyard/pipeline';
import type { HubConfig } from '../config/hub-config.js';

export function createTransforms(
  configs: HubConfig['processors']['transforms'],
  metrics: SelfMetrics,
): Processor[] {
  return configs.map((c, i) => {
    const name = `${c.type}/${i}`;
    const path = `processors.transforms[${i}]`;
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
