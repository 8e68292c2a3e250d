import { describe, expect, it } from 'vitest';
import { OtlpDecodeError } from '../errors/switchyard-error.js';
import { decodeRequest } from './codec.js';
import { decodeLogsJson } from './logs-json.js';
import { decodeMetricsJson } from './metrics-json-decode.js';
import { decodeTracesJson } from './traces-json.js';

const spanJson = (span: Record<string, unknown>) =>
  JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [span] }] }] });
const firstSpan = (text: string) => decodeTracesJson(text).resourceSpans[0]!.scopeSpans[0]!.spans[0]!;

function decodeError(fn: () => unknown): OtlpDecodeError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(OtlpDecodeError);
    return e as OtlpDecodeError;
  }
  throw new Error('expected an OtlpDecodeError, decoding succeeded');
}

describe('OTLP/JSON decoder', () => {
  it('accepts snake_case names, upper-case hex ids, numeric and string int64, enum names', () => {
    const s = firstSpan(
      spanJson({
        trace_id: '5B8EFFF798038103D269B633813FC60C',
        span_id: 'EEE19B7EC3C1B174',
        parent_span_id: '',
        kind: 'SPAN_KIND_SERVER',
        start_time_unix_nano: '1700000000000000001',
        endTimeUnixNano: 1_700_000_000,
        status: { code: 'STATUS_CODE_ERROR', message: 'x' },
        attributes: [
          { key: 'i', value: { int_value: '-9223372036854775808' } },
          { key: 'n', value: { intValue: 12 } },
          { key: 'nan', value: { doubleValue: 'NaN' } },
          { key: 'inf', value: { double_value: '-Infinity' } },
          { key: 'b64', value: { bytesValue: 'AAH+/w==' } },
          { key: 'empty', value: {} },
          { key: 'kv', value: { kvlist_value: { values: [{ key: 'x', value: { bool_value: true } }] } } },
        ],
        unknownField: { ignored: true },
      }),
    );
    expect(s.traceId).toBe('5b8efff798038103d269b633813fc60c');
    expect(s.spanId).toBe('eee19b7ec3c1b174');
    expect(s.kind).toBe(2);
    expect(s.startTimeUnixNano).toBe(1_700_000_000_000_000_001n);
    expect(s.endTimeUnixNano).toBe(1_700_000_000n);
    expect(s.status).toEqual({ code: 2, message: 'x' });
    expect(s.attributes).toStrictEqual({
      i: -(2n ** 63n),
      n: 12n,
      nan: Number.NaN,
      inf: Number.NEGATIVE_INFINITY,
      b64: new Uint8Array([0, 1, 254, 255]),
      empty: null,
      kv: { x: true },
    });
  });

  it('rejects ids of the wrong length or with non-hex characters, naming the path', () => {
    expect(decodeError(() => firstSpan(spanJson({ traceId: 'abc' }))).message).toContain(
      'resourceSpans[0].scopeSpans[0].spans[0].traceId: expected 32 hex characters',
    );
    expect(decodeError(() => firstSpan(spanJson({ spanId: 'zzzzzzzzzzzzzzzz' }))).path).toBe(
      'resourceSpans[0].scopeSpans[0].spans[0].spanId',
    );
  });

  it('rejects wrong types with the field path', () => {
    expect(decodeError(() => firstSpan(spanJson({ name: 5 }))).message).toContain(
      'spans[0].name: expected a string',
    );
    expect(decodeError(() => firstSpan(spanJson({ startTimeUnixNano: '12abc' }))).message).toContain(
      'spans[0].startTimeUnixNano: expected a decimal integer string',
    );
    expect(decodeError(() => firstSpan(spanJson({ kind: 'SPAN_KIND_NOPE' }))).message).toContain(
      "spans[0].kind: unknown enum value 'SPAN_KIND_NOPE'",
    );
    expect(decodeError(() => firstSpan(spanJson({ events: {} }))).message).toContain(
      'spans[0].events: expected an array',
    );
    expect(
      decodeError(() =>
        firstSpan(spanJson({ attributes: [{ key: 'k', value: { intValue: '9223372036854775808' } }] })),
      ).message,
    ).toContain('spans[0].attributes[0].value.intValue: 9223372036854775808 is out of range for int64');
    expect(
      decodeError(() =>
        firstSpan(spanJson({ attributes: [{ key: 'k', value: { bytesValue: 'not base64!' } }] })),
      ).message,
    ).toContain('attributes[0].value.bytesValue: invalid base64');
    expect(
      decodeError(() =>
        firstSpan(spanJson({ attributes: [{ key: 'k', value: { stringValue: 'a', intValue: 1 } }] })),
      ).message,
    ).toContain('AnyValue already has stringValue set');
  });

  it('rejects broken JSON, non-object documents and invalid UTF-8 bodies', () => {
    expect(decodeError(() => decodeTracesJson('{"resourceSpans": [')).message).toContain('malformed JSON');
    expect(decodeError(() => decodeLogsJson('[1,2]')).message).toContain('expected a JSON object');
    expect(
      decodeError(() => decodeRequest('metrics', new Uint8Array([0x7b, 0xff, 0x7d]), 'json')).message,
    ).toContain('not valid UTF-8');
  });

  it('rejects AnyValue nested deeper than 64 levels', () => {
    let v: unknown = { stringValue: 'leaf' };
    for (let i = 0; i < 80; i++) v = { arrayValue: { values: [v] } };
    const e = decodeError(() =>
      decodeLogsJson(JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords: [{ body: v }] }] }] })),
    );
    expect(e.message).toContain('nested deeper than 64 levels');
  });

  it('decodes metrics with string-encoded doubles, temporality names and both value kinds', () => {
    const m = decodeMetricsJson(
      JSON.stringify({
        resourceMetrics: [
          {
            scopeMetrics: [
              {
                metrics: [
                  {
                    name: 'm',
                    sum: {
                      aggregationTemporality: 'AGGREGATION_TEMPORALITY_DELTA',
                      isMonotonic: true,
                      dataPoints: [{ asInt: '-5' }, { asDouble: 'Infinity' }, { as_double: 0.5 }],
                    },
                  },
                ],
              },
            ],
          },
        ],
      }),
    ).resourceMetrics[0]!.scopeMetrics[0]!.metrics[0]!;
    expect(m.data).toMatchObject({ type: 'sum', aggregationTemporality: 1, isMonotonic: true });
    expect(m.data?.dataPoints.map((p) => ('value' in p ? p.value : undefined))).toStrictEqual([
      -5n,
      Number.POSITIVE_INFINITY,
      0.5,
    ]);
  });

  it('rejects a metric with two data kinds', () => {
    const text = JSON.stringify({
      resourceMetrics: [{ scopeMetrics: [{ metrics: [{ gauge: {}, sum: {} }] }] }],
    });
    expect(decodeError(() => decodeMetricsJson(text)).message).toContain(
      'metrics[0].sum: metric already has gauge data',
    );
  });
});
