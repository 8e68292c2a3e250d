import type { Attributes, AttrValue, Span, TraceData } from '@switchyard/core';
import { attributesToJson } from '@switchyard/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvBuffer, FIELD_SEP as S, textField } from './csv-buffer.js';
import { ResourceRegistry } from './resource-registry.js';
import { encodeSpans } from './row-encoders.js';

/**
 * Reference rendering of one span row, built as one string from the typed-JSON helpers: the direct
 * byte writers of the span encoder must produce exactly these bytes.
 */
function referenceRow(s: Span, service: string, resourceId: number, scopeId: number): string {
  const events = s.events
    .map(
      (e) =>
        `{"t":"${e.timeUnixNano}","n":${JSON.stringify(e.name)},"a":${attributesToJson(e.attributes)},"d":${e.droppedAttributesCount}}`,
    )
    .join(',');
  const links = s.links
    .map(
      (l) =>
        `{"tr":${JSON.stringify(l.traceId)},"sp":${JSON.stringify(l.spanId)},"ts":${JSON.stringify(l.traceState)},` +
        `"a":${attributesToJson(l.attributes)},"d":${l.droppedAttributesCount},"f":${l.flags}}`,
    )
    .join(',');
  return [
    textField(s.traceId),
    textField(s.spanId),
    textField(s.parentSpanId),
    textField(s.traceState),
    s.flags >>> 0,
    textField(s.name),
    s.kind,
    s.startTimeUnixNano,
    s.endTimeUnixNano,
    s.endTimeUnixNano - s.startTimeUnixNano,
    s.status.code,
    textField(s.status.message),
    textField(service),
    resourceId,
    scopeId,
    attributesToJson(s.attributes),
    s.droppedAttributesCount,
    `[${events}]`,
    s.droppedEventsCount,
    `[${links}]`,
    s.droppedLinksCount,
  ].join(S);
}

/** Any UTF-16 code unit, so lone surrogates, control characters, quotes and the quote byte U+0002 all occur. */
const anyText = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 12 }),
  fc.string({
    unit: fc.constantFrom('a', '"', '\\', '\x02', '\x1f', '\n', 'é', '€', '😀', '\ud800'),
    maxLength: 8,
  }),
  fc.string({ maxLength: 20 }),
);
const attrValue: fc.Arbitrary<AttrValue> = fc.oneof(
  anyText,
  fc.boolean(),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  fc.bigInt({ min: -1000n, max: 1000n }),
  fc.double(),
  fc.constant(null),
  fc.uint8Array({ maxLength: 5 }),
  fc.array(
    fc.oneof(
      anyText,
      fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.uint8Array({ maxLength: 3 }),
      fc.array(anyText, { maxLength: 2 }),
    ),
    { maxLength: 3 },
  ),
  fc.dictionary(anyText, anyText, { maxKeys: 2 }).map((d) => ({ ...d }) as Attributes),
);
const attributes = fc.dictionary(anyText, attrValue, { maxKeys: 6 }).map((d) => ({ ...d }) as Attributes);
const u64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
const count = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffffffff }));
const span: fc.Arbitrary<Span> = fc.record({
  traceId: anyText,
  spanId: anyText,
  traceState: anyText,
  parentSpanId: anyText,
  flags: fc.integer({ min: 0, max: 0xffffffff }),
  name: anyText,
  kind: fc.constantFrom(0, 1, 2, 3, 4, 5),
  startTimeUnixNano: u64,
  endTimeUnixNano: u64,
  attributes,
  droppedAttributesCount: count,
  events: fc.array(
    fc.record({ timeUnixNano: u64, name: anyText, attributes, droppedAttributesCount: count }),
    { maxLength: 3 },
  ),
  droppedEventsCount: count,
  links: fc.array(
    fc.record({
      traceId: anyText,
      spanId: anyText,
      traceState: anyText,
      attributes,
      droppedAttributesCount: count,
      flags: fc.integer({ min: 0, max: 0xffffffff }),
    }),
    { maxLength: 2 },
  ),
  droppedLinksCount: count,
  status: fc.record({ code: fc.constantFrom(0, 1, 2), message: anyText }),
}) as fc.Arbitrary<Span>;

function traceData(spans: Span[], service: string): TraceData {
  return {
    resourceSpans: [
      {
        resource: { attributes: { 'service.name': service }, droppedAttributesCount: 0 },
        schemaUrl: '',
        scopeSpans: [
          {
            scope: { name: 's', version: '', attributes: {}, droppedAttributesCount: 0 },
            schemaUrl: '',
            spans,
          },
        ],
      },
    ],
  };
}

describe('encodeSpans', () => {
  it('writes the same bytes as the string rendering of typed JSON, for any text and attribute values', () => {
    fc.assert(
      fc.property(fc.array(span, { minLength: 1, maxLength: 4 }), anyText, (spans, service) => {
        const out = new CsvBuffer();
        encodeSpans(traceData(spans, service), new ResourceRegistry(), out);
        const expected = spans
          .map((s) => `${referenceRow(s, service || 'unknown_service', 1, 1)}\n`)
          .join('');
        expect(out.rows).toBe(spans.length);
        expect(out.bytes.toString('hex')).toBe(Buffer.from(expected).toString('hex'));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps growing the buffer for rows larger than its initial capacity', () => {
    const big = 'x'.repeat(200_000);
    const [s] = fc.sample(span, { numRuns: 1, seed: 7 });
    const wide = { ...s!, name: big, attributes: { k: `é${big}` } };
    const out = new CsvBuffer();
    encodeSpans(traceData([wide], 'svc'), new ResourceRegistry(), out);
    const expected = Buffer.from(`${referenceRow(wide, 'svc', 1, 1)}\n`);
    expect(out.bytes.length).toBe(expected.length);
    expect(out.bytes.equals(expected)).toBe(true);
  });
});
