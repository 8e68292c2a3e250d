// OTLP codec benchmark for metrics and logs (bench/codec/run.mjs covers traces): protobuf and JSON decode and
// encode of realistic requests, as data points (or log records) per CPU-second, with V8's JSON.parse of the same
// data as a same-run reference.
// Metrics: 20 metrics per request, 10 series each, over the point types (gauge, sum, histogram with 15 buckets,
// exponential histogram with 40 buckets, summary). Logs: 200 records per request, 8 attributes each.
// Run after building core:  npx tsc -b packages/core && node bench/codec/signals.mjs
import {
  decodeLogs,
  decodeLogsJson,
  decodeMetrics,
  decodeMetricsJson,
  encodeLogs,
  encodeLogsJson,
  encodeMetrics,
  encodeMetricsJson,
} from '../../packages/core/dist/index.js';
import { fmt, timeRounds } from './measure.mjs';

const REQUESTS = 40;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const T0 = 1_700_000_000_000_000_000n;

const resource = (service) => ({
  attributes: { 'service.name': service, 'service.version': '1.4.2', 'host.name': 'node-7' },
  droppedAttributesCount: 0,
});
const scope = { name: 'app', version: '1.0.0', attributes: {}, droppedAttributesCount: 0 };
const seriesAttrs = (s) => ({
  'http.route': `/api/v1/r${s}`,
  'http.response.status_code': 200n,
  region: 'eu',
});
const base = (s, i) => ({
  attributes: seriesAttrs(s),
  startTimeUnixNano: T0,
  timeUnixNano: T0 + BigInt(i) * 60_000_000_000n,
  flags: 0,
});

function points(type, i) {
  return Array.from({ length: 10 }, (_, s) => {
    const p = base(s, i);
    switch (type) {
      case 'gauge':
        return { ...p, value: 0.5 + s, exemplars: [] };
      case 'sum':
        return { ...p, value: BigInt(1000 * i + s), exemplars: [] };
      case 'histogram':
        return {
          ...p,
          count: 150n,
          sum: 12.5,
          bucketCounts: Array.from({ length: 16 }, (_, b) => BigInt(b)),
          explicitBounds: Array.from({ length: 15 }, (_, b) => 0.005 * 2 ** b),
          exemplars: [],
          min: 0.001,
          max: 9.5,
        };
      case 'exponentialHistogram':
        return {
          ...p,
          count: 820n,
          sum: 41.2,
          scale: 3,
          zeroCount: 2n,
          positive: { offset: -10, bucketCounts: Array.from({ length: 40 }, (_, b) => BigInt(b % 7)) },
          negative: { offset: 0, bucketCounts: [] },
          exemplars: [],
          min: 0.001,
          max: 12,
          zeroThreshold: 0,
        };
      default:
        return {
          ...p,
          count: 100n,
          sum: 5.5,
          quantileValues: [0.5, 0.9, 0.99].map((q) => ({ quantile: q, value: q * 10 })),
        };
    }
  });
}

const TYPES = ['gauge', 'sum', 'histogram', 'exponentialHistogram', 'summary'];
function metricsRequest(i) {
  const metrics = Array.from({ length: 20 }, (_, m) => {
    const type = TYPES[m % TYPES.length];
    const data =
      type === 'gauge' || type === 'summary'
        ? { type, dataPoints: points(type, i) }
        : type === 'sum'
          ? { type, aggregationTemporality: 2, isMonotonic: true, dataPoints: points(type, i) }
          : { type, aggregationTemporality: 2, dataPoints: points(type, i) };
    return { name: `app.metric.${m}`, description: 'a metric', unit: 's', metadata: {}, data };
  });
  return {
    resourceMetrics: [
      { resource: resource('shop-api'), scopeMetrics: [{ scope, metrics, schemaUrl: '' }], schemaUrl: '' },
    ],
  };
}
const POINTS_PER_METRICS_REQUEST = 20 * 10;

function logsRequest(i) {
  const logRecords = Array.from({ length: 200 }, (_, r) => ({
    timeUnixNano: T0 + BigInt(i * 200 + r) * 1_000_000n,
    observedTimeUnixNano: T0 + BigInt(i * 200 + r) * 1_000_000n + 5_000n,
    severityNumber: r % 10 === 0 ? 17 : 9,
    severityText: r % 10 === 0 ? 'ERROR' : 'INFO',
    body: `request ${r} handled in ${r % 97} ms for user u${r % 13} (cart ${r * 7})`,
    attributes: {
      'http.route': '/api/v1/cart',
      'http.response.status_code': 200n,
      'user.id': `u${r % 13}`,
      'app.cart.items': BigInt(r % 9),
      'app.latency_ms': (r % 97) + 0.5,
      'app.cache.hit': r % 3 === 0,
      'code.function': 'handleCart',
      'thread.id': 4n,
    },
    droppedAttributesCount: 0,
    flags: 1,
    traceId: (r + 1).toString(16).padStart(32, '0'),
    spanId: (r + 1).toString(16).padStart(16, '0'),
    eventName: '',
  }));
  return {
    resourceLogs: [
      { resource: resource('shop-api'), scopeLogs: [{ scope, logRecords, schemaUrl: '' }], schemaUrl: '' },
    ],
  };
}
const RECORDS_PER_LOGS_REQUEST = 200;

function measure(label, unit, perRequest, fn, bytesPerRound) {
  const { rounds, cpuSecs } = timeRounds(fn, SECONDS);
  const n = rounds * REQUESTS * perRequest;
  console.log(
    `${label.padEnd(40)} ${fmt(n / cpuSecs)} ${unit}/CPU-s ` +
      `${((rounds * bytesPerRound) / cpuSecs / 1e6).toFixed(1).padStart(7)} MB/CPU-s`,
  );
  return n / cpuSecs;
}

function run(signal, unit, perRequest, models, codec) {
  const proto = models.map(codec.encode);
  const json = models.map(codec.encodeJson);
  const bytes = proto.reduce((a, b) => a + b.length, 0);
  const jsonBytes = json.reduce((a, b) => a + b.length, 0);
  // Sanity: what is decoded is what was encoded (same protobuf bytes after a round trip).
  if (Buffer.compare(Buffer.from(codec.encode(codec.decode(proto[0]))), Buffer.from(proto[0])) !== 0)
    throw new Error(`${signal}: protobuf round trip changed the bytes`);
  console.log(
    `${signal}: ${REQUESTS} requests x ${perRequest} ${unit}, protobuf ${(bytes / REQUESTS / 1024).toFixed(1)} KiB/request, ` +
      `JSON ${(jsonBytes / REQUESTS / 1024).toFixed(1)} KiB/request`,
  );
  // Same-run reference: V8's native JSON.parse of the JSON payloads (raw objects, no model, no validation).
  const raw = measure(
    `JSON.parse ${signal} (reference)`,
    unit,
    perRequest,
    () => {
      for (const j of json) JSON.parse(Buffer.from(j).toString());
    },
    jsonBytes,
  );
  const decode = measure(
    `decode ${signal} (protobuf → model)`,
    unit,
    perRequest,
    () => {
      for (const x of proto) codec.decode(x);
    },
    bytes,
  );
  console.log(
    `  protobuf decode to the model vs native JSON.parse of the same data: ${(decode / raw).toFixed(2)}x`,
  );
  measure(
    `encode ${signal} (model → protobuf)`,
    unit,
    perRequest,
    () => {
      for (const x of models) codec.encode(x);
    },
    bytes,
  );
  measure(
    `decode ${signal} JSON`,
    unit,
    perRequest,
    () => {
      for (const x of json) codec.decodeJson(x);
    },
    jsonBytes,
  );
  measure(
    `encode ${signal} JSON`,
    unit,
    perRequest,
    () => {
      for (const x of models) codec.encodeJson(x);
    },
    jsonBytes,
  );
}

console.log(`node ${process.version}, ${SECONDS} s per measurement, rates per CPU-second`);
run(
  'metrics',
  'points',
  POINTS_PER_METRICS_REQUEST,
  Array.from({ length: REQUESTS }, (_, i) => metricsRequest(i)),
  {
    encode: encodeMetrics,
    decode: decodeMetrics,
    encodeJson: encodeMetricsJson,
    decodeJson: decodeMetricsJson,
  },
);
run(
  'logs',
  'records',
  RECORDS_PER_LOGS_REQUEST,
  Array.from({ length: REQUESTS }, (_, i) => logsRequest(i)),
  {
    encode: encodeLogs,
    decode: decodeLogs,
    encodeJson: encodeLogsJson,
    decodeJson: decodeLogsJson,
  },
);
