import { ConfigError, type TelemetryBatch } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { spanBatch } from '../exporters/testing/spans.js';
import { AttributesProcessor, attributesProcessorConfigSchema } from './attributes-processor.js';

const spanAttrs = (b: TelemetryBatch) =>
  (b as Extract<TelemetryBatch, { signal: 'traces' }>).data.resourceSpans[0]!.scopeSpans[0]!.spans[0]!
    .attributes;
const make = (config: unknown) => new AttributesProcessor(attributesProcessorConfigSchema.parse(config));

describe('AttributesProcessor', () => {
  it('inserts, updates, upserts, copies, deletes by key and pattern, and hashes, in order', () => {
    const batch = spanBatch(1, 1);
    Object.assign(spanAttrs(batch), { 'user.id': 'u-1', 'tmp.a': 1n, 'tmp.b': 2n });
    const out = make({
      actions: [
        { action: 'insert', key: 'env', value: 'prod' },
        { action: 'insert', key: 'http.route', value: 'ignored' },
        { action: 'update', key: 'missing', value: 'ignored' },
        { action: 'update', key: 'test.seq', value: 99 },
        { action: 'upsert', key: 'route.copy', fromAttribute: 'http.route' },
        { action: 'delete', pattern: '^tmp\\.' },
        { action: 'hash', key: 'user.id' },
      ],
    }).process(batch);
    expect(spanAttrs(out)).toEqual({
      'http.route': '/checkout',
      'test.seq': 99n,
      'user.id': expect.stringMatching(/^[0-9a-f]{64}$/),
      env: 'prod',
      'route.copy': '/checkout',
    });
    expect(spanAttrs(out)['user.id']).not.toBe('u-1');
  });

  it('edits resource attributes when the target is resource', () => {
    const out = make({
      target: 'resource',
      actions: [{ action: 'upsert', key: 'deployment.environment', value: 'dev' }],
    }).process(spanBatch(1, 1)) as Extract<TelemetryBatch, { signal: 'traces' }>;
    expect(out.data.resourceSpans[0]!.resource.attributes['deployment.environment']).toBe('dev');
    expect(spanAttrs(out)['deployment.environment']).toBeUndefined();
  });

  it('rejects an action without the fields it needs with the key path', () => {
    expect(() => make({ actions: [{ action: 'insert', key: 'a' }] })).toThrow(ConfigError);
    expect(() => make({ actions: [{ action: 'delete' }] })).toThrow(/delete needs key or pattern/);
  });
});
