/**
 * @module fast-check arbitraries for the whole telemetry model, used by the OTLP codec
 * property tests: nested attributes of every type, int64 extremes, ns timestamps
 * beyond 2^53, every metric type with optional fields present and absent.
 */
import fc from 'fast-check';
import type { Attributes, AttrValue } from '../../model/attributes.js';
import type { LogRecord, LogsData } from '../../model/log.js';
import type {
  Exemplar,
  ExponentialHistogramDataPoint,
  HistogramDataPoint,
  Metric,
  MetricData,
  MetricsData,
  NumberDataPoint,
  SummaryDataPoint,
  Temporality,
} from '../../model/metric.js';
import type { InstrumentationScope, Resource } from '../../model/resource.js';
import type { Span, SpanKind, StatusCode, TraceData } from '../../model/span.js';

/** fc.record with plain (Object.prototype) objects, as decoders produce. */
function rec<T>(
  model: { [K in keyof T]: fc.Arbitrary<T[K]> },
  opts: { requiredKeys?: (keyof T)[] } = {},
): fc.Arbitrary<T> {
  return fc.record(model, { ...opts, noNullPrototype: true } as { noNullPrototype: true }) as fc.Arbitrary<T>;
}

const hex = (bytes: number) =>
  fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((b) => Buffer.from(b).toString('hex'));
export const traceIdArb = fc.oneof(hex(16), fc.constant(''));
export const spanIdArb = fc.oneof(hex(8), fc.constant(''));

const U64_MAX = 2n ** 64n - 1n;
const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;
/** Unsigned 64-bit, biased towards realistic ns timestamps (> 2^53) and the extremes. */
export const u64Arb = fc.oneof(
  fc.bigInt({ min: 0n, max: U64_MAX }),
  fc.bigInt({ min: 1_600_000_000_000_000_000n, max: 1_900_000_000_000_000_000n }),
  fc.constantFrom(0n, 1n, 2n ** 53n + 1n, 2n ** 32n, U64_MAX),
);
export const i64Arb = fc.oneof(
  fc.bigInt({ min: I64_MIN, max: I64_MAX }),
  fc.bigInt({ min: -1000n, max: 1000n }),
  fc.constantFrom(I64_MIN, I64_MAX, I64_MIN + 1n, I64_MAX - 1n, -1n, 0n),
);
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const smallU32 = fc.oneof(fc.constant(0), u32);
const i32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
const str = fc.oneof(fc.string(), fc.string({ unit: 'grapheme', maxLength: 8 }), fc.constant(''));
const dbl = fc.double();

const { value: attrValueArb } = fc.letrec<{ value: AttrValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    str,
    fc.boolean(),
    i64Arb,
    dbl,
    fc.uint8Array({ maxLength: 12 }),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('value'), { maxKeys: 3, noNullPrototype: true }),
  ),
}));

export { attrValueArb };

/** Small maps of any value, or wide (12-20 key) maps that take the compiled-shape decode path. */
export const attributesArb: fc.Arbitrary<Attributes> = fc.oneof(
  fc.dictionary(fc.string({ maxLength: 10 }), attrValueArb, { maxKeys: 4, noNullPrototype: true }),
  fc
    .uniqueArray(fc.constantFrom(...Array.from({ length: 24 }, (_, i) => `attr.${i}`)), {
      minLength: 12,
      maxLength: 20,
    })
    .chain((keys) =>
      fc
        .tuple(...keys.map(() => fc.oneof(str, i64Arb, dbl, fc.boolean())))
        .map((vals) => Object.fromEntries(keys.map((k, i) => [k, vals[i] as AttrValue]))),
    ),
);

const resourceArb: fc.Arbitrary<Resource> = rec({
  attributes: attributesArb,
  droppedAttributesCount: smallU32,
});
const scopeArb: fc.Arbitrary<InstrumentationScope> = rec({
  name: str,
  version: str,
  attributes: attributesArb,
  droppedAttributesCount: smallU32,
});

const spanArb: fc.Arbitrary<Span> = rec({
  traceId: traceIdArb,
  spanId: spanIdArb,
  traceState: str,
  parentSpanId: spanIdArb,
  flags: smallU32,
  name: str,
  kind: fc.integer({ min: 0, max: 5 }).map((k) => k as SpanKind),
  startTimeUnixNano: u64Arb,
  endTimeUnixNano: u64Arb,
  attributes: attributesArb,
  droppedAttributesCount: smallU32,
  events: fc.array(
    rec({ timeUnixNano: u64Arb, name: str, attributes: attributesArb, droppedAttributesCount: smallU32 }),
    { maxLength: 2 },
  ),
  droppedEventsCount: smallU32,
  links: fc.array(
    rec({
      traceId: traceIdArb,
      spanId: spanIdArb,
      traceState: str,
      attributes: attributesArb,
      droppedAttributesCount: smallU32,
      flags: smallU32,
    }),
    { maxLength: 2 },
  ),
  droppedLinksCount: smallU32,
  status: rec({ code: fc.integer({ min: 0, max: 2 }).map((c) => c as StatusCode), message: str }),
});

/** Wraps items into the Resource → Scope → items hierarchy. */
function hierarchy<T, S, R>(
  item: fc.Arbitrary<T>,
  scoped: (scope: InstrumentationScope, items: T[], schemaUrl: string) => S,
  resourced: (resource: Resource, scopes: S[], schemaUrl: string) => R,
): fc.Arbitrary<R[]> {
  const scopeLevel = fc
    .tuple(scopeArb, fc.array(item, { maxLength: 3 }), str)
    .map(([s, items, url]) => scoped(s, items, url));
  return fc.array(
    fc
      .tuple(resourceArb, fc.array(scopeLevel, { maxLength: 2 }), str)
      .map(([r, ss, url]) => resourced(r, ss, url)),
    { maxLength: 2 },
  );
}

export const traceDataArb: fc.Arbitrary<TraceData> = hierarchy(
  spanArb,
  (scope, spans, schemaUrl) => ({ scope, spans, schemaUrl }),
  (resource, scopeSpans, schemaUrl) => ({ resource, scopeSpans, schemaUrl }),
).map((resourceSpans) => ({ resourceSpans }));

const logArb: fc.Arbitrary<LogRecord> = rec({
  timeUnixNano: u64Arb,
  observedTimeUnixNano: u64Arb,
  severityNumber: fc.integer({ min: 0, max: 24 }),
  severityText: str,
  body: attrValueArb,
  attributes: attributesArb,
  droppedAttributesCount: smallU32,
  flags: smallU32,
  traceId: traceIdArb,
  spanId: spanIdArb,
  eventName: str,
});

export const logsDataArb: fc.Arbitrary<LogsData> = hierarchy(
  logArb,
  (scope, logRecords, schemaUrl) => ({ scope, logRecords, schemaUrl }),
  (resource, scopeLogs, schemaUrl) => ({ resource, scopeLogs, schemaUrl }),
).map((resourceLogs) => ({ resourceLogs }));

const valueArb = fc.oneof(i64Arb, dbl);
const exemplarArb: fc.Arbitrary<Exemplar> = rec({
  filteredAttributes: attributesArb,
  timeUnixNano: u64Arb,
  value: valueArb,
  spanId: spanIdArb,
  traceId: traceIdArb,
});
const base = { attributes: attributesArb, startTimeUnixNano: u64Arb, timeUnixNano: u64Arb, flags: smallU32 };
const exemplars = fc.array(exemplarArb, { maxLength: 2 });
const counts = fc.array(u64Arb, { maxLength: 5 });
const temporalityArb = fc.integer({ min: 0, max: 2 }).map((t) => t as Temporality);
const optionals = { sum: dbl, min: dbl, max: dbl };

const numberPointArb: fc.Arbitrary<NumberDataPoint> = rec({ ...base, value: valueArb, exemplars });
const histogramPointArb: fc.Arbitrary<HistogramDataPoint> = rec(
  {
    ...base,
    count: u64Arb,
    bucketCounts: counts,
    explicitBounds: fc.array(dbl, { maxLength: 4 }),
    exemplars,
    ...optionals,
  },
  {
    requiredKeys: [
      'attributes',
      'startTimeUnixNano',
      'timeUnixNano',
      'flags',
      'count',
      'bucketCounts',
      'explicitBounds',
      'exemplars',
    ],
  },
);
const bucketsArb = rec({ offset: i32, bucketCounts: counts });
const expPointArb: fc.Arbitrary<ExponentialHistogramDataPoint> = rec(
  {
    ...base,
    count: u64Arb,
    scale: i32,
    zeroCount: u64Arb,
    positive: bucketsArb,
    negative: bucketsArb,
    exemplars,
    zeroThreshold: dbl,
    ...optionals,
  },
  {
    requiredKeys: [
      'attributes',
      'startTimeUnixNano',
      'timeUnixNano',
      'flags',
      'count',
      'scale',
      'zeroCount',
    ].concat([
      'positive',
      'negative',
      'exemplars',
      'zeroThreshold',
    ]) as (keyof ExponentialHistogramDataPoint)[],
  },
);
const summaryPointArb: fc.Arbitrary<SummaryDataPoint> = rec({
  ...base,
  count: u64Arb,
  sum: dbl,
  quantileValues: fc.array(rec({ quantile: dbl, value: dbl }), { maxLength: 3 }),
});

const points = <T>(a: fc.Arbitrary<T>) => fc.array(a, { maxLength: 3 });
const metricDataArb: fc.Arbitrary<MetricData | undefined> = fc.oneof(
  rec({ type: fc.constant('gauge' as const), dataPoints: points(numberPointArb) }),
  rec({
    type: fc.constant('sum' as const),
    aggregationTemporality: temporalityArb,
    isMonotonic: fc.boolean(),
    dataPoints: points(numberPointArb),
  }),
  rec({
    type: fc.constant('histogram' as const),
    aggregationTemporality: temporalityArb,
    dataPoints: points(histogramPointArb),
  }),
  rec({
    type: fc.constant('exponentialHistogram' as const),
    aggregationTemporality: temporalityArb,
    dataPoints: points(expPointArb),
  }),
  rec({ type: fc.constant('summary' as const), dataPoints: points(summaryPointArb) }),
  fc.constant(undefined),
);

const metricArb: fc.Arbitrary<Metric> = rec({
  name: str,
  description: str,
  unit: str,
  metadata: attributesArb,
  data: metricDataArb,
});

export const metricsDataArb: fc.Arbitrary<MetricsData> = hierarchy(
  metricArb,
  (scope, metrics, schemaUrl) => ({ scope, metrics, schemaUrl }),
  (resource, scopeMetrics, schemaUrl) => ({ resource, scopeMetrics, schemaUrl }),
).map((resourceMetrics) => ({ resourceMetrics }));
