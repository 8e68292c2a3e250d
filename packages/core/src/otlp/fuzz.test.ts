import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OtlpDecodeError } from '../errors/switchyard-error.js';
import type { Signal } from '../model/batch.js';
import { decodeRequest, encodeRequest } from './codec.js';
import type { OtlpFormat } from './otlp-format.js';
import { decodeExportResponse } from './responses.js';
import { logsDataArb, metricsDataArb, traceDataArb } from './testing/model-arbitraries.js';

const SIGNALS: Signal[] = ['traces', 'metrics', 'logs'];

/** Decoding either succeeds or throws OtlpDecodeError — never RangeError/TypeError/stack overflow. */
function onlyDecodeErrors(signal: Signal, body: Uint8Array, format: OtlpFormat): void {
  try {
    decodeRequest(signal, body, format);
  } catch (e) {
    if (!(e instanceof OtlpDecodeError)) throw e;
    expect(e.code).toBe('OTLP_DECODE');
  }
}

const validBody = fc.oneof(
  traceDataArb.map((data) => ({ signal: 'traces' as const, data })),
  metricsDataArb.map((data) => ({ signal: 'metrics' as const, data })),
  logsDataArb.map((data) => ({ signal: 'logs' as const, data })),
);

/** Byte-level mutations: flip, overwrite, truncate, insert, duplicate a slice. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 6 }),
  }),
  fc.record({ kind: fc.constant('dup' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 20 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(bytes: Uint8Array, muts: Mutation[]): Uint8Array {
  let b = Uint8Array.from(bytes);
  for (const m of muts) {
    if (b.length === 0) break;
    const at = m.at % b.length;
    switch (m.kind) {
      case 'flip':
        b[at] = b[at]! ^ (1 << m.bit);
        break;
      case 'set':
        b[at] = m.value;
        break;
      case 'cut':
        b = b.subarray(0, at);
        break;
      case 'insert':
        b = Uint8Array.from([...b.subarray(0, at), ...m.bytes, ...b.subarray(at)]);
        break;
      case 'dup':
        b = Uint8Array.from([...b.subarray(0, at + m.len), ...b.subarray(at)]);
        break;
    }
  }
  return b;
}

describe('decoders on fuzzed input throw only OtlpDecodeError', () => {
  it('for random bytes, every signal and format', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SIGNALS),
        fc.uint8Array({ maxLength: 300 }),
        fc.constantFrom<OtlpFormat>('protobuf', 'json'),
        onlyDecodeErrors,
      ),
      { numRuns: 3000 },
    );
  });

  it('for mutated valid protobuf requests', () => {
    fc.assert(
      fc.property(validBody, fc.array(mutation, { minLength: 1, maxLength: 4 }), (batch, muts) => {
        const bytes = mutate(encodeRequest(batch, 'protobuf'), muts);
        for (const signal of SIGNALS) onlyDecodeErrors(signal, bytes, 'protobuf');
      }),
      { numRuns: 1500 },
    );
  });

  it('for mutated valid OTLP/JSON requests', () => {
    fc.assert(
      fc.property(validBody, fc.array(mutation, { minLength: 1, maxLength: 3 }), (batch, muts) => {
        onlyDecodeErrors(batch.signal, mutate(encodeRequest(batch, 'json'), muts), 'json');
      }),
      { numRuns: 800 },
    );
  });

  it('for structurally valid JSON of the wrong shape', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SIGNALS), fc.jsonValue({ maxDepth: 6 }), (signal, v) => {
        const key =
          signal === 'traces' ? 'resourceSpans' : signal === 'metrics' ? 'resourceMetrics' : 'resourceLogs';
        for (const doc of [v, { [key]: v }, { [key]: [{ scopeSpans: v, scopeLogs: v, scopeMetrics: v }] }])
          onlyDecodeErrors(signal, new TextEncoder().encode(JSON.stringify(doc)), 'json');
      }),
      { numRuns: 1500 },
    );
  });

  it('for export responses', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SIGNALS),
        fc.constantFrom<OtlpFormat>('protobuf', 'json'),
        fc.uint8Array({ maxLength: 40 }),
        (signal, format, bytes) => {
          try {
            decodeExportResponse(signal, bytes, format);
          } catch (e) {
            if (!(e instanceof OtlpDecodeError)) throw e;
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
