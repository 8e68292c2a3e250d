#!/usr/bin/env node
/**
 * Store benchmark: appends N spans (~20 attributes, 3 events each, 10 spans per trace) through
 * DuckDbStore.append with concurrent callers, then measures getTrace and findTraces latency.
 *
 *   npx tsc -b packages/store && node bench/store/run.mjs [--spans 1000000] [--batch 500]
 *       [--concurrency 200] [--index] [--dir /tmp/x] [--duckdb threads=2,checkpoint_threshold=1GB]
 *
 * Each of `concurrency` callers awaits its append before sending the next batch (like exporters awaiting
 * an OTLP response), so up to concurrency × batch spans are in flight; group commit coalesces them.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDbStore } from '../../packages/store/dist/index.js';

const { values: args } = parseArgs({
  options: {
    spans: { type: 'string', default: '1000000' },
    batch: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '200' },
    index: { type: 'boolean', default: false },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
    duckdb: { type: 'string', default: '' },
  },
});
const TOTAL = Number(args.spans);
const BATCH = Number(args.batch);
const CONCURRENCY = Number(args.concurrency);
const SPANS_PER_TRACE = 10;
const SERVICES = ['checkout', 'cart', 'payment', 'shipping', 'frontend', 'currency', 'email', 'ads'];
const T0 = 1_700_000_000_000_000_000n;

const resources = SERVICES.map((s) => ({
  attributes: {
    'service.name': s,
    'service.version': '1.4.2',
    'host.name': `host-${s}`,
    'process.pid': 4242n,
  },
  droppedAttributesCount: 0,
}));
const scope = {
  name: '@opentelemetry/instrumentation-http',
  version: '0.57.0',
  attributes: {},
  droppedAttributesCount: 0,
};

const traceIds = [];
function makeSpan(i) {
  const t = Math.floor(i / SPANS_PER_TRACE);
  if (traceIds.length <= t) traceIds.push(randomBytes(16).toString('hex'));
  const start = T0 + BigInt(i) * 20_000n;
  const attributes = {
    'http.request.method': 'GET',
    'http.route': `/api/v1/items/${i % 40}`,
    'http.response.status_code': 200n,
    'url.full': `https://shop.example.com/api/v1/items/${i % 40}?page=${i % 7}`,
    'server.address': 'shop.example.com',
    'server.port': 443n,
    'network.protocol.version': '1.1',
    'user_agent.original': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36',
    'client.address': `10.0.${i % 255}.${(i >> 8) % 255}`,
    'db.system': 'postgresql',
    'db.operation.name': 'SELECT',
    'db.collection.name': 'items',
    'app.customer.id': `cust-${i % 10_000}`,
    'app.cart.size': BigInt(i % 12),
    'app.cart.total': (i % 1000) + 0.99,
    'app.feature.new_checkout': i % 2 === 0,
    'app.region': 'eu-west-1',
    'thread.id': BigInt(i % 16),
    'code.function': 'handleRequest',
    'code.lineno': 128n,
  };
  const events = [0, 1, 2].map((e) => ({
    timeUnixNano: start + BigInt(e) * 1000n,
    name: e === 2 ? 'exception' : `step-${e}`,
    attributes:
      e === 2
        ? { 'exception.type': 'TimeoutError', 'exception.message': 'upstream timed out' }
        : { step: BigInt(e) },
    droppedAttributesCount: 0,
  }));
  return {
    traceId: traceIds[t],
    spanId: randomBytes(8).toString('hex'),
    traceState: '',
    parentSpanId: i % SPANS_PER_TRACE === 0 ? '' : 'a1b2c3d4e5f60718',
    flags: 1,
    name: `GET /api/v1/items/${i % 40}`,
    kind: 2,
    startTimeUnixNano: start,
    endTimeUnixNano: start + BigInt(1_000_000 + (i % 997) * 10_000),
    attributes,
    droppedAttributesCount: 0,
    events,
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: i % 97 === 0 ? 2 : 0, message: '' },
  };
}

function makeBatch(from, n) {
  const spans = [];
  for (let i = from; i < from + n; i++) spans.push(makeSpan(i));
  return {
    signal: 'traces',
    data: {
      resourceSpans: [
        {
          resource: resources[(from / BATCH) % SERVICES.length],
          schemaUrl: '',
          scopeSpans: [{ scope, spans, schemaUrl: '' }],
        },
      ],
    },
  };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timeIt(n, fn) {
  const ms = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50).toFixed(1), p99: percentile(ms, 99).toFixed(1) };
}

const dataDir = args.dir ?? mkdtempSync(join(tmpdir(), 'switchyard-bench-store-'));
const duckdbConfig = Object.fromEntries(
  args.duckdb
    .split(',')
    .filter(Boolean)
    .map((kv) => kv.split('=')),
);
const store = new DuckDbStore({ dataDir, traceIdIndex: args.index, duckdbConfig });
await store.open();

// Pre-build batches outside the timed loop? No: 1M spans would not fit comfortably; building is
// timed separately and reported, the append rate excludes it.
let next = 0;
let buildMs = 0;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
async function worker() {
  while (next < TOTAL) {
    const from = next;
    const n = Math.min(BATCH, TOTAL - from);
    next += n;
    const tb = performance.now();
    const batch = makeBatch(from, n);
    buildMs += performance.now() - tb;
    await store.append(batch);
  }
}
await Promise.all(Array.from({ length: CONCURRENCY }, worker));
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const appendMs = wallMs - buildMs;
const stats = await store.stats();

const rnd = (i) => traceIds[(i * 7919) % traceIds.length];
const getTrace = await timeIt(200, (i) => store.getTrace(rnd(i)));
const check = await store.getTrace(rnd(1));
const findAll = await timeIt(20, () => store.findTraces({ limit: 20 }));
const findSvc = await timeIt(20, () => store.findTraces({ limit: 20, service: 'payment', status: 'error' }));
const lastHour = T0 + BigInt(TOTAL) * 20_000n;
const findRange = await timeIt(20, () =>
  store.findTraces({ limit: 20, startNs: lastHour - 2_000_000_000n, endNs: lastHour }),
);
const findAttr = await timeIt(5, () =>
  store.findTraces({ limit: 20, attributes: { 'app.customer.id': 'cust-42' } }),
);

const result = {
  spans: TOTAL,
  traceIdIndex: args.index,
  duckdbConfig,
  appendSpansPerSec: Math.round(TOTAL / (appendMs / 1000)),
  wallSpansPerSecInclBuild: Math.round(TOTAL / (wallMs / 1000)),
  buildMs: Math.round(buildMs),
  // Process CPU (all threads, incl. building the spans) per span: robust to a busy machine, unlike wall time.
  cpuMicrosPerSpan: Number(((cpu.user + cpu.system) / TOTAL).toFixed(1)),
  buildMicrosPerSpan: Number(((buildMs * 1000) / TOTAL).toFixed(1)),
  storeBytes: stats.bytes,
  storedSpans: stats.spans,
  getTraceMs: getTrace,
  getTraceSpans: check.length,
  findTracesMs: { noFilter: findAll, serviceAndError: findSvc, last2s: findRange, attribute: findAttr },
};
console.log(JSON.stringify(result, null, 2));
await store.close();
if (!args.keep && !args.dir) rmSync(dataDir, { recursive: true, force: true });
