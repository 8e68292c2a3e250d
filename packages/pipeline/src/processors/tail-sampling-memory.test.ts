/**
 * Tail sampling under a flood: 1M traces offered with a decision wait far longer than the run, so only the
 * memory bounds decide. The held trace count and byte estimate never pass their bounds, and the heap (after
 * a forced GC) grows by no more than the byte bound plus the decision cache.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Span, TelemetryBatch } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { ACCEPTED, type ConsumeResult, type Consumer } from '../component/consumer.js';
import { SelfMetrics } from '../self/self-metrics.js';
import { TailSamplingProcessor, tailSamplingConfigSchema } from './tail-sampling.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

class CountSpans implements Consumer {
  spans = 0;
  consume(batch: TelemetryBatch): Promise<ConsumeResult> {
    if (batch.signal === 'traces')
      for (const rs of batch.data.resourceSpans)
        for (const ss of rs.scopeSpans) this.spans += ss.spans.length;
    return Promise.resolve(ACCEPTED);
  }
}

/** `count` one-span traces starting at trace number `first`; every 100th is an error. */
function batchOf(first: number, count: number): TelemetryBatch {
  const spans: Span[] = [];
  for (let i = first; i < first + count; i++) {
    const hex = i.toString(16).padStart(16, '0');
    spans.push({
      traceId: hex.padStart(32, 'a'),
      spanId: hex,
      traceState: '',
      parentSpanId: '',
      flags: 1,
      name: 'GET /checkout',
      kind: 2,
      startTimeUnixNano: 1_700_000_000_000_000_000n,
      endTimeUnixNano: 1_700_000_000_050_000_000n,
      attributes: { 'http.route': '/checkout', 'http.response.status_code': 200n, 'user.id': `u-${i}` },
      droppedAttributesCount: 0,
      events: [],
      droppedEventsCount: 0,
      links: [],
      droppedLinksCount: 0,
      status: { code: i % 100 === 0 ? 2 : 0, message: '' },
    });
  }
  return {
    signal: 'traces',
    data: {
      resourceSpans: [
        {
          resource: { attributes: { 'service.name': 'checkout' }, droppedAttributesCount: 0 },
          scopeSpans: [
            {
              scope: { name: 't', version: '', attributes: {}, droppedAttributesCount: 0 },
              spans,
              schemaUrl: '',
            },
          ],
          schemaUrl: '',
        },
      ],
    },
  };
}

describe('TailSamplingProcessor memory bound', () => {
  it('stays under maxTraces and maxBytes, and the heap stays bounded, with 1M traces offered', async () => {
    const TRACES = 1_000_000;
    const PER_BATCH = 1000;
    const maxBytes = 16 * 1024 * 1024;
    const decisionCacheSize = 50_000;
    const config = tailSamplingConfigSchema.parse({
      enabled: true,
      decisionWaitMs: 3_600_000,
      maxTraces: 20_000,
      maxBytes,
      decisionCacheSize,
      policies: [{ type: 'errors' }],
    });
    const next = new CountSpans();
    const metrics = new SelfMetrics();
    const ts = new TailSamplingProcessor(config, next, { metrics });
    const before = heapAfterGc();
    let maxPending = 0;
    let maxPendingBytes = 0;
    for (let first = 0; first < TRACES; first += PER_BATCH) {
      await ts.consume(batchOf(first, PER_BATCH), 0);
      maxPending = Math.max(maxPending, ts.pendingTraces);
      maxPendingBytes = Math.max(maxPendingBytes, ts.pendingBytes);
    }
    const grown = heapAfterGc() - before;
    expect(maxPending).toBeLessThanOrEqual(20_000);
    expect(maxPendingBytes).toBeLessThanOrEqual(maxBytes);
    // Held spans (bounded by the estimate) + the decision cache (~150 bytes/entry) + slack for code and JIT.
    expect(grown).toBeLessThan(maxBytes + decisionCacheSize * 150 + 16 * 1024 * 1024);
    const evicted =
      metrics.value('switchyard_tail_sampling_evictions_total', { reason: 'max_traces' }) +
      metrics.value('switchyard_tail_sampling_evictions_total', { reason: 'max_bytes' });
    expect(evicted).toBe(TRACES - ts.pendingTraces);
    // The error traces decided so far were kept: one in a hundred.
    expect(next.spans).toBe(Math.ceil(evicted / 100));
    await ts.shutdown();
    expect(next.spans).toBe(TRACES / 100);
    expect(ts.pendingBytes).toBe(0);
  }, 120_000);
});
