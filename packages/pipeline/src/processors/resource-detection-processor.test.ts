import type { TelemetryBatch } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { spanBatch } from '../exporters/testing/spans.js';
import { ResourceDetectionProcessor, resourceDetectionConfigSchema } from './resource-detection-processor.js';

const detected = { 'host.name': 'hub-host', 'cloud.provider': 'aws', 'service.name': 'from-hub' };

function resourceOf(batch: TelemetryBatch) {
  if (batch.signal !== 'traces') throw new Error('traces expected');
  return batch.data.resourceSpans[0]!.resource.attributes;
}

describe('ResourceDetectionProcessor', () => {
  it('adds detected attributes the resource lacks and keeps what the sender reported', () => {
    const p = new ResourceDetectionProcessor(detected, resourceDetectionConfigSchema.parse({}));
    const out = p.process(spanBatch(0, 2, 'checkout'));
    expect(resourceOf(out)).toMatchObject({
      'service.name': 'checkout',
      'host.name': 'hub-host',
      'cloud.provider': 'aws',
    });
  });

  it('replaces existing keys only with override: true', () => {
    const p = new ResourceDetectionProcessor(
      detected,
      resourceDetectionConfigSchema.parse({ override: true }),
    );
    expect(resourceOf(p.process(spanBatch(0, 1, 'checkout')))['service.name']).toBe('from-hub');
  });

  it('adds only the allow-listed keys when attributes is set', () => {
    const p = new ResourceDetectionProcessor(
      detected,
      resourceDetectionConfigSchema.parse({ attributes: ['cloud.provider'] }),
    );
    const attrs = resourceOf(p.process(spanBatch(0, 1, 'checkout')));
    expect(attrs['cloud.provider']).toBe('aws');
    expect(attrs).not.toHaveProperty('host.name');
    expect(p.attributes).toEqual({ 'cloud.provider': 'aws' });
  });

  it('rejects unknown and repeated detectors with the key path', () => {
    const unknown = resourceDetectionConfigSchema.safeParse({ detectors: ['env', 'docker'] });
    expect(unknown.success).toBe(false);
    expect(unknown.error?.issues[0]?.path).toEqual(['detectors', 1]);
    const twice = resourceDetectionConfigSchema.safeParse({ detectors: ['env', 'env'] });
    expect(twice.error?.issues[0]?.message).toBe('lists a detector twice');
  });
});
