import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRequest, encodeRequest } from './codec.js';
import { decodeLogsJson, encodeLogsJson } from './logs-json.js';
import { decodeLogs, encodeLogs } from './logs-proto.js';
import { decodeMetricsJson } from './metrics-json-decode.js';
import { encodeMetricsJson } from './metrics-json-encode.js';
import { decodeMetrics } from './metrics-proto-decode.js';
import { encodeMetrics } from './metrics-proto-encode.js';
import { logsDataArb, metricsDataArb, traceDataArb } from './testing/model-arbitraries.js';
import { decodeTracesJson, encodeTracesJson } from './traces-json.js';
import { decodeTraces } from './traces-proto-decode.js';
import { encodeTraces } from './traces-proto-encode.js';

const runs = { numRuns: 300 };

/** Asserts deep equality incl. bigint vs number, -0 vs 0, NaN, undefined-vs-absent keys. */
function same<T>(actual: T, expected: T): void {
  expect(actual).toStrictEqual(expected);
}

describe('protobuf encode → decode is the identity', () => {
  it('for traces', () => {
    fc.assert(
      fc.property(traceDataArb, (d) => same(decodeTraces(encodeTraces(d)), d)),
      runs,
    );
  });
  it('for metrics', () => {
    fc.assert(
      fc.property(metricsDataArb, (d) => same(decodeMetrics(encodeMetrics(d)), d)),
      runs,
    );
  });
  it('for logs', () => {
    fc.assert(
      fc.property(logsDataArb, (d) => same(decodeLogs(encodeLogs(d)), d)),
      runs,
    );
  });
});

describe('OTLP/JSON encode → decode is the identity', () => {
  it('for traces', () => {
    fc.assert(
      fc.property(traceDataArb, (d) => same(decodeTracesJson(encodeTracesJson(d)), d)),
      runs,
    );
  });
  it('for metrics', () => {
    fc.assert(
      fc.property(metricsDataArb, (d) => same(decodeMetricsJson(encodeMetricsJson(d)), d)),
      runs,
    );
  });
  it('for logs', () => {
    fc.assert(
      fc.property(logsDataArb, (d) => same(decodeLogsJson(encodeLogsJson(d)), d)),
      runs,
    );
  });
});

describe('generic request codec', () => {
  it('round-trips every signal in both formats', () => {
    const batches = fc.oneof(
      traceDataArb.map((data) => ({ signal: 'traces' as const, data })),
      metricsDataArb.map((data) => ({ signal: 'metrics' as const, data })),
      logsDataArb.map((data) => ({ signal: 'logs' as const, data })),
    );
    fc.assert(
      fc.property(batches, fc.constantFrom('protobuf' as const, 'json' as const), (batch, format) => {
        same(decodeRequest(batch.signal, encodeRequest(batch, format), format), batch);
      }),
      { numRuns: 100 },
    );
  });
});
