import protobuf from 'protobufjs/minimal.js';
import { describe, expect, it } from 'vitest';
import { OtlpDecodeError } from '../errors/switchyard-error.js';
import type { Span } from '../model/span.js';
import { decodeLogs } from './logs-proto.js';
import { decodeMetrics } from './metrics-proto-decode.js';
import { decodeTraces } from './traces-proto-decode.js';
import { encodeTraces } from './traces-proto-encode.js';

type W = protobuf.Writer;
/** Writes a length-delimited submessage built by `body` under field `tag`. */
function msg(w: W, tag: number, body: (w: W) => void): W {
  w.uint32(tag).fork();
  body(w);
  return w.ldelim();
}
const bytesOf = (body: (w: W) => void): Uint8Array => {
  const w = protobuf.Writer.create();
  body(w);
  return w.finish();
};
/** ExportTraceServiceRequest { resourceSpans { scopeSpans { spans { <span> } } } } */
const oneSpan = (span: (w: W) => void) =>
  bytesOf((w) => msg(w, 10, (rs) => msg(rs, 18, (ss) => msg(ss, 18, span))));

function decodeError(fn: () => unknown): OtlpDecodeError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(OtlpDecodeError);
    return e as OtlpDecodeError;
  }
  throw new Error('expected an OtlpDecodeError, decoding succeeded');
}

const span = (over: Partial<Span>): Span => ({
  traceId: '5b8efff798038103d269b633813fc60c',
  spanId: 'eee19b7ec3c1b174',
  traceState: '',
  parentSpanId: '',
  flags: 1,
  name: 'op',
  kind: 1,
  startTimeUnixNano: 1_700_000_000_000_000_001n,
  endTimeUnixNano: 1_700_000_000_000_000_002n,
  attributes: { a: 'b', n: 3n },
  droppedAttributesCount: 0,
  events: [],
  droppedEventsCount: 0,
  links: [],
  droppedLinksCount: 0,
  status: { code: 0, message: '' },
  ...over,
});

describe('protobuf decoder on hostile input', () => {
  it('names the full field path of a trace id with the wrong length', () => {
    const bytes = bytesOf((w) =>
      msg(w, 10, (rs) => {
        msg(rs, 18, () => {});
        msg(rs, 18, (ss) => {
          for (let i = 0; i < 3; i++) msg(ss, 18, (s) => s.uint32(42).string(`s${i}`));
          msg(ss, 18, (s) => s.uint32(10).bytes(new Uint8Array(5)));
        });
      }),
    );
    const e = decodeError(() => decodeTraces(bytes));
    expect(e.message).toContain('resourceSpans[0].scopeSpans[1].spans[3].traceId: expected 16 bytes, got 5');
    expect(e.path).toBe('resourceSpans[0].scopeSpans[1].spans[3].traceId');
  });

  it('accepts empty ids as "" and rejects a 7-byte span id', () => {
    const ok = decodeTraces(
      oneSpan((s) => s.uint32(10).bytes(new Uint8Array(0)).uint32(18).bytes(new Uint8Array(0))),
    );
    expect(ok.resourceSpans[0]!.scopeSpans[0]!.spans[0]!.traceId).toBe('');
    const e = decodeError(() => decodeTraces(oneSpan((s) => s.uint32(18).bytes(new Uint8Array(7)))));
    expect(e.message).toContain('spans[0].spanId: expected 8 bytes, got 7');
  });

  it('rejects invalid UTF-8 in a string field', () => {
    const e = decodeError(() =>
      decodeTraces(oneSpan((s) => s.uint32(42).bytes(new Uint8Array([0x61, 0xff, 0xfe])))),
    );
    expect(e.message).toContain('spans[0].name: invalid UTF-8');
  });

  it('rejects every truncation inside a span', () => {
    const withSpan = encodeTraces({
      resourceSpans: [
        {
          resource: { attributes: {}, droppedAttributesCount: 0 },
          scopeSpans: [
            {
              scope: { name: 's', version: '', attributes: {}, droppedAttributesCount: 0 },
              spans: [span({})],
              schemaUrl: '',
            },
          ],
          schemaUrl: '',
        },
      ],
    });
    expect(decodeTraces(withSpan).resourceSpans[0]!.scopeSpans[0]!.spans[0]).toStrictEqual(span({}));
    for (let cut = 1; cut < withSpan.length; cut++) {
      const e = decodeError(() => decodeTraces(withSpan.subarray(0, cut)));
      expect(e.code).toBe('OTLP_DECODE');
    }
  });

  it('rejects a known field with the wrong wire type', () => {
    const e = decodeError(() => decodeTraces(oneSpan((s) => s.uint32((5 << 3) | 0).uint32(1))));
    expect(e.message).toContain('spans[0].name: unexpected wire type 0');
  });

  it('rejects a length that runs past the enclosing message', () => {
    // the span claims a 50-byte name but its own length is only 3 bytes
    const bytes = bytesOf((w) =>
      msg(w, 10, (rs) => msg(rs, 18, (ss) => ss.uint32(18).uint32(3).uint32(42).uint32(50).uint32(0x61))),
    );
    const e = decodeError(() => decodeTraces(bytes));
    expect(e.message).toContain('spans[0].name: length 50 exceeds the 1 remaining bytes');
  });

  it('rejects wire types 3, 4, 6 and 7 and field number 0', () => {
    for (const wire of [3, 4, 6, 7])
      expect(() => decodeTraces(new Uint8Array([(9 << 3) | wire, 0]))).toThrow(OtlpDecodeError);
    expect(() => decodeTraces(new Uint8Array([0x02, 0x00]))).toThrow(/field number 0/);
  });

  it('skips unknown fields of every wire type', () => {
    const d = decodeTraces(
      oneSpan((s) => {
        s.uint32((100 << 3) | 0).uint64(2 ** 40);
        s.uint32((101 << 3) | 1).fixed64(7);
        s.uint32((102 << 3) | 2).string('ignored');
        s.uint32((103 << 3) | 5).fixed32(9);
        s.uint32(42).string('kept');
      }),
    );
    expect(d.resourceSpans[0]!.scopeSpans[0]!.spans[0]!.name).toBe('kept');
  });

  it('accepts 64 levels of nested AnyValue and rejects 65, even when nested 5000 deep', () => {
    const nested = (depth: number): Uint8Array => {
      let inner = bytesOf((v) => v.uint32(10).string('leaf')); // innermost AnyValue
      for (let i = 1; i < depth; i++) {
        const arr = bytesOf((a) => a.uint32(10).bytes(inner)); // ArrayValue { values: inner }
        inner = bytesOf((v) => v.uint32(42).bytes(arr)); // AnyValue { arrayValue }
      }
      const value = inner;
      return oneSpan((s) => msg(s, 74, (kv) => kv.uint32(10).string('deep').uint32(18).bytes(value)));
    };
    let v: unknown = decodeTraces(nested(64)).resourceSpans[0]!.scopeSpans[0]!.spans[0]!.attributes.deep;
    for (let i = 1; i < 64; i++) v = (v as unknown[])[0];
    expect(v).toBe('leaf');
    expect(decodeError(() => decodeTraces(nested(65))).message).toContain('nested deeper than 64 levels');
    expect(decodeError(() => decodeTraces(nested(5_000))).message).toContain('nested deeper than 64 levels');
  });

  it('reads fixed64 timestamps above 2^53 and int64 extremes exactly', () => {
    const d = decodeTraces(
      oneSpan((s) => {
        s.uint32(57).fixed32(0xffffffff).fixed32(0xffffffff);
        msg(s, 74, (kv) =>
          msg(kv.uint32(10).string('min'), 18, (v) =>
            v.uint32(24).int64({ low: 0, high: 0x80000000 | 0, unsigned: false }),
          ),
        );
      }),
    );
    const s = d.resourceSpans[0]!.scopeSpans[0]!.spans[0]!;
    expect(s.startTimeUnixNano).toBe(2n ** 64n - 1n);
    expect(s.attributes.min).toBe(-(2n ** 63n));
  });

  it('reports malformed metrics and logs with their paths', () => {
    const metrics = bytesOf((w) =>
      msg(w, 10, (rm) =>
        msg(rm, 18, (sm) =>
          msg(sm, 18, (m) =>
            msg(m, 74, (h) => msg(h, 10, (p) => p.uint32(50).uint32(7).raw(new Uint8Array(7)))),
          ),
        ),
      ),
    );
    expect(decodeError(() => decodeMetrics(metrics)).message).toContain(
      'resourceMetrics[0].scopeMetrics[0].metrics[0].histogram.dataPoints[0].bucketCounts: packed fixed64 length 7',
    );
    const logs = bytesOf((w) =>
      msg(w, 10, (rl) => msg(rl, 18, (sl) => msg(sl, 18, (l) => l.uint32(74).bytes(new Uint8Array(3))))),
    );
    expect(decodeError(() => decodeLogs(logs)).message).toContain(
      'resourceLogs[0].scopeLogs[0].logRecords[0].traceId',
    );
  });
});
