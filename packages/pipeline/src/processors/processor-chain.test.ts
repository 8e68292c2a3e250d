import type { TelemetryBatch } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import type { ConsumeResult, Consumer } from '../component/consumer.js';
import { ProcessorChain } from './processor-chain.js';

describe('ProcessorChain', () => {
  it('drops pass-through bytes because processors may change the data', async () => {
    let seen: TelemetryBatch | undefined;
    const next: Consumer = {
      consume: async (b): Promise<ConsumeResult> => {
        seen = b;
        return { kind: 'accepted' };
      },
    };
    const chain = new ProcessorChain([{ name: 'noop', process: (b) => b }], next);
    const batch: TelemetryBatch = {
      signal: 'logs',
      data: { resourceLogs: [] },
      encoded: { format: 'protobuf', bytes: new Uint8Array(1) },
    };
    await chain.consume(batch, 1);
    expect(seen).toBeDefined();
    expect(seen!.encoded).toBeUndefined();
  });

  it('accepts without calling the next consumer when a processor filters everything out', async () => {
    let called = false;
    const chain = new ProcessorChain([{ name: 'drop', process: () => null }], {
      consume: async () => {
        called = true;
        return { kind: 'accepted' };
      },
    });
    expect((await chain.consume({ signal: 'logs', data: { resourceLogs: [] } }, 1)).kind).toBe('accepted');
    expect(called).toBe(false);
  });
});
