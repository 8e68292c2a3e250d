// OTLP codec benchmark: protobuf decode of realistic span batches (100 spans per request,
// ~20 attributes of mixed types, 3 events each), compared with protobufjs's reflection
// decoder (runtime-generated code from the .proto schema), plus encode and OTLP/JSON.
// Run after building core:  npx tsc -b packages/core && node bench/codec/run.mjs
import protobuf from 'protobufjs';
import {
  decodeTraces,
  decodeTracesJson,
  encodeTraces,
  encodeTracesJson,
} from '../../packages/core/dist/index.js';
import { fmt, timeRounds } from './measure.mjs';

const SPANS_PER_REQUEST = 100;
const REQUESTS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);

let seed = 42;
const rand = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const hex = (n) =>
  Array.from({ length: n }, () =>
    Math.floor(rand() * 256)
      .toString(16)
      .padStart(2, '0'),
  ).join('');

function attributes(i) {
  return {
    'http.request.method': 'GET',
    'http.route': `/api/v1/items/{id}`,
    'url.full': `https://shop.example.com/api/v1/items/${i}?expand=true`,
    'http.response.status_code': 200n,
    'server.address': 'shop.example.com',
    'server.port': 443n,
    'network.protocol.version': '1.1',
    'user_agent.original': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36',
    'client.address': '10.0.3.17',
    'db.system': 'postgresql',
    'db.statement': 'SELECT * FROM items WHERE id = $1',
    'db.rows': BigInt(i % 50),
    'app.cache.hit': i % 3 === 0,
    'app.latency_ratio': rand(),
    'app.items': ['a', 'b', 'c'],
    'app.retry.count': 0n,
    'thread.id': 12n,
    'code.function': 'handleRequest',
    'code.lineno': 481n,
    'app.score': 0.75,
  };
}

function span(i, traceId) {
  const start = 1_700_000_000_000_000_000n + BigInt(i) * 1_000_000n;
  return {
    traceId,
    spanId: hex(8),
    traceState: '',
    parentSpanId: i === 0 ? '' : hex(8),
    flags: 257,
    name: `GET /api/v1/items/{id}`,
    kind: 2,
    startTimeUnixNano: start,
    endTimeUnixNano: start + 12_345_678n,
    attributes: attributes(i),
    droppedAttributesCount: 0,
    events: [0, 1, 2].map((e) => ({
      timeUnixNano: start + BigInt(e) * 1000n,
      name: ['cache.lookup', 'db.query', 'render'][e],
      attributes: { 'event.seq': BigInt(e), 'event.note': 'ok' },
      droppedAttributesCount: 0,
    })),
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: i % 10 === 0 ? 2 : 0, message: i % 10 === 0 ? 'upstream error' : '' },
  };
}

function request() {
  const traceId = hex(16);
  return {
    resourceSpans: [
      {
        resource: {
          attributes: { 'service.name': 'shop-api', 'service.version': '1.4.2', 'host.name': 'node-7' },
          droppedAttributesCount: 0,
        },
        scopeSpans: [
          {
            scope: {
              name: '@opentelemetry/instrumentation-http',
              version: '0.57.0',
              attributes: {},
              droppedAttributesCount: 0,
            },
            spans: Array.from({ length: SPANS_PER_REQUEST }, (_, i) => span(i, traceId)),
            schemaUrl: '',
          },
        ],
        schemaUrl: '',
      },
    ],
  };
}

const models = Array.from({ length: REQUESTS }, request);
const payloads = models.map(encodeTraces);
const jsonPayloads = models.map(encodeTracesJson);
const totalBytes = payloads.reduce((a, b) => a + b.length, 0);
const totalJsonBytes = jsonPayloads.reduce((a, b) => a + b.length, 0);

function measure(label, fn, bytesPerRound) {
  const { rounds, secs, cpuSecs } = timeRounds(fn, SECONDS);
  const n = rounds * REQUESTS * SPANS_PER_REQUEST;
  // wall-clock rate, and rate per CPU-second (= one dedicated core; robust on a shared machine)
  console.log(
    `${label.padEnd(44)} ${fmt(n / secs)} spans/s wall ${fmt(n / cpuSecs)} spans/CPU-s ` +
      `${((rounds * bytesPerRound) / cpuSecs / 1e6).toFixed(1).padStart(7)} MB/CPU-s`,
  );
  return n / cpuSecs;
}

// protobufjs reflection: the schema subset needed for traces, decoded with runtime-generated code.
const SCHEMA = `
syntax = "proto3";
message AnyValue { oneof value { string string_value = 1; bool bool_value = 2; int64 int_value = 3;
  double double_value = 4; ArrayValue array_value = 5; KeyValueList kvlist_value = 6; bytes bytes_value = 7; } }
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
message KeyValue { string key = 1; AnyValue value = 2; }
message InstrumentationScope { string name = 1; string version = 2; repeated KeyValue attributes = 3; uint32 dropped_attributes_count = 4; }
message Resource { repeated KeyValue attributes = 1; uint32 dropped_attributes_count = 2; }
message ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
message ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; string schema_url = 3; }
message ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; string schema_url = 3; }
message Span { bytes trace_id = 1; bytes span_id = 2; string trace_state = 3; bytes parent_span_id = 4; fixed32 flags = 16;
  string name = 5; int32 kind = 6; fixed64 start_time_unix_nano = 7; fixed64 end_time_unix_nano = 8;
  repeated KeyValue attributes = 9; uint32 dropped_attributes_count = 10;
  message Event { fixed64 time_unix_nano = 1; string name = 2; repeated KeyValue attributes = 3; uint32 dropped_attributes_count = 4; }
  repeated Event events = 11; uint32 dropped_events_count = 12;
  message Link { bytes trace_id = 1; bytes span_id = 2; string trace_state = 3; repeated KeyValue attributes = 4; uint32 dropped_attributes_count = 5; fixed32 flags = 6; }
  repeated Link links = 13; uint32 dropped_links_count = 14; Status status = 15; }
message Status { string message = 2; int32 code = 3; }
`;
const Request = protobuf.parse(SCHEMA).root.lookupType('ExportTraceServiceRequest');
// sanity: both decoders see the same number of spans
if (Request.decode(payloads[0]).resourceSpans[0].scopeSpans[0].spans.length !== SPANS_PER_REQUEST)
  throw new Error('schema mismatch');
if (decodeTraces(payloads[0]).resourceSpans[0].scopeSpans[0].spans.length !== SPANS_PER_REQUEST)
  throw new Error('decode mismatch');

console.log(
  `node ${process.version}, ${REQUESTS} requests x ${SPANS_PER_REQUEST} spans, ` +
    `protobuf ${(totalBytes / REQUESTS / 1024).toFixed(1)} KiB/request, JSON ${(totalJsonBytes / REQUESTS / 1024).toFixed(1)} KiB/request`,
);
const ours = measure(
  'switchyard decodeTraces (protobuf → model)',
  () => {
    for (const p of payloads) decodeTraces(p);
  },
  totalBytes,
);
const reflect = measure(
  'protobufjs reflection decode (raw messages)',
  () => {
    for (const p of payloads) Request.decode(p);
  },
  totalBytes,
);
measure(
  'switchyard encodeTraces (model → protobuf)',
  () => {
    for (const m of models) encodeTraces(m);
  },
  totalBytes,
);
measure(
  'switchyard decodeTracesJson (JSON → model)',
  () => {
    for (const j of jsonPayloads) decodeTracesJson(j);
  },
  totalJsonBytes,
);
measure(
  'switchyard encodeTracesJson (model → JSON)',
  () => {
    for (const m of models) encodeTracesJson(m);
  },
  totalJsonBytes,
);
console.log(
  `decode speed vs protobufjs reflection: ${(ours / reflect).toFixed(2)}x; target >= 250,000 spans per CPU-second: ${ours >= 250_000 ? 'met' : 'NOT met'}`,
);
