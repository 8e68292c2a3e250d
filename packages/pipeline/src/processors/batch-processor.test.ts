import type { TelemetryBatch } from '@switchyard/core';
import { emptyResource, emptyScope, itemCount } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import type { ConsumeResult, Consumer } from '../component/consumer.js';
import { BatchProcessor, mergeBatches } from './batch-processor.js';

function spans(n: number): TelemetryBatch {
  const s = Array.from({ length: n }, (_, i) => ({
    traceId: '0'.repeat(31) + '1',
    spanId: i.toString(16).padStart(16, '0'),
    traceState: '',
    parentSpanId: '',
    flags: 0,
    name: 'op',
    kind: 1 as const,
    startTimeUnixNano: 1n,
    endTimeUnixNano: 2n,
    attributes: {},
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: 0 as const, message: '' },
  }));
  return {
    signal: 'traces',
    data: {
      resourceSpans: [
        {
          resource: emptyResource(),
          schemaUrl: '',
          scopeSpans: [{ scope: emptyScope(), schemaUrl: '', spans: s }],
        },
      ],
    },
  };
}

class Recorder implements Consumer {
  batches: TelemetryBatch[] = [];
  result: ConsumeResult = { kind: 'accepted' };
  async consume(batch: TelemetryBatch): Promise<ConsumeResult> {
    this.batches.push(batch);
    return this.result;
  }
}

describe('BatchProcessor', () => {
  it('merges concurrent small batches into one downstream call and settles every caller with its result', async () => {
    const rec = new Recorder();
    const bp = new BatchProcessor({ sendBatchSize: 1000, timeoutMs: 20 }, rec);
    const results = await Promise.all([
      bp.consume(spans(3), 10),
      bp.consume(spans(4), 10),
      bp.consume(spans(5), 10),
    ]);
    expect(rec.batches).toHaveLength(1);
    expect(itemCount(rec.batches[0]!)).toBe(12);
    expect(results.every((r) => r.kind === 'accepted')).toBe(true);
  });

  it('flushes immediately once the size threshold is reached', async () => {
    const rec = new Recorder();
    const bp = new BatchProcessor({ sendBatchSize: 10, timeoutMs: 60_000 }, rec);
    const r = await bp.consume(spans(10), 1);
    expect(r.kind).toBe('accepted');
    expect(rec.batches).toHaveLength(1);
  });

  it('propagates a downstream failure to the callers of that flush', async () => {
    const rec = new Recorder();
    rec.result = { kind: 'failed', message: 'disk full' };
    const bp = new BatchProcessor({ sendBatchSize: 100, timeoutMs: 5 }, rec);
    const r = await bp.consume(spans(1), 1);
    expect(r).toEqual({ kind: 'failed', message: 'disk full' });
  });

  it('keeps protobuf pass-through bytes across a merge by concatenating them, and drops JSON ones', async () => {
    const a = { ...spans(1), encoded: { format: 'protobuf' as const, bytes: Uint8Array.from([1, 2]) } };
    const b = { ...spans(1), encoded: { format: 'protobuf' as const, bytes: Uint8Array.from([3]) } };
    const merged = mergeBatches('traces', [a, b]);
    expect([...merged.encoded!.bytes]).toEqual([1, 2, 3]);
    const json = { ...spans(1), encoded: { format: 'json' as const, bytes: Uint8Array.from([9]) } };
    expect(mergeBatches('traces', [a, json]).encoded).toBeUndefined();
  });

  it('flushes pending data on shutdown', async () => {
    const rec = new Recorder();
    const bp = new BatchProcessor({ sendBatchSize: 100, timeoutMs: 60_000 }, rec);
    const pending = bp.consume(spans(2), 1);
    await bp.shutdown();
    expect((await pending).kind).toBe('accepted');
    expect(rec.batches).toHaveLength(1);
  });
});
