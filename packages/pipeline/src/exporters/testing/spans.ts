/**
 * @module Test data: trace batches with predictable span ids, for exporter and queue tests.
 */
import type { Span, TelemetryBatch } from '@switchyard/core';

function span(id: number): Span {
  const hex = id.toString(16).padStart(16, '0');
  return {
    traceId: hex.padStart(32, '0'),
    spanId: hex,
    traceState: '',
    parentSpanId: '',
    flags: 1,
    name: `op-${id % 7}`,
    kind: 2,
    startTimeUnixNano: 1_700_000_000_000_000_000n + BigInt(id) * 1000n,
    endTimeUnixNano: 1_700_000_000_000_000_000n + BigInt(id) * 1000n + 500n,
    attributes: { 'http.route': '/checkout', 'test.seq': BigInt(id) },
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: 0, message: '' },
  };
}

/** A traces batch of `count` spans with ids first … first+count-1, for service `service`. */
export function spanBatch(first: number, count: number, service = 'checkout'): TelemetryBatch {
  return {
    signal: 'traces',
    data: {
      resourceSpans: [
        {
          resource: { attributes: { 'service.name': service }, droppedAttributesCount: 0 },
          scopeSpans: [
            {
              scope: { name: 'test', version: '1', attributes: {}, droppedAttributesCount: 0 },
              spans: Array.from({ length: count }, (_, i) => span(first + i)),
              schemaUrl: '',
            },
          ],
          schemaUrl: '',
        },
      ],
    },
  };
}

/** Every span id in a batch, in order. */
export function spanIds(batch: TelemetryBatch): string[] {
  if (batch.signal !== 'traces') return [];
  return batch.data.resourceSpans.flatMap((rs) =>
    rs.scopeSpans.flatMap((ss) => ss.spans.map((s) => s.spanId)),
  );
}
