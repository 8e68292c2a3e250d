#!/usr/bin/env node
// Per-stage CPU cost of the ingest path, in one process (CPU = user+system of all threads, so DuckDB's
// worker threads count): protobuf decode (keeping the last 32 requests alive, as a hub under load does,
// which is what makes its garbage collection costly), row encoding into the staging buffer, and store
// append (encode + group commit) over --store-spans spans, enough to include DuckDB checkpoints.
// Prints µs CPU/span and wall spans/s per stage (medians of --runs; store append runs once).
//   node bench/ingest/stages.mjs [--runs 5] [--group 20000] [--store-spans 500000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeTraces, encodeTraces } from '../../packages/core/dist/index.js';
import { CsvBuffer } from '../../packages/store/dist/duckdb/csv-buffer.js';
import { ResourceRegistry } from '../../packages/store/dist/duckdb/resource-registry.js';
import { encodeSpans } from '../../packages/store/dist/duckdb/row-encoders.js';
import { DuckDbStore } from '../../packages/store/dist/index.js';
import { makeTraceData } from './spans.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const RUNS = arg('runs', 5);
const GROUP = arg('group', 20_000);
const STORE_SPANS = arg('store-spans', 500_000);
const SPANS_PER_REQUEST = 100;
const bodies = Array.from({ length: 300 }, (_, i) => encodeTraces(makeTraceData(i, SPANS_PER_REQUEST)));
const decoded = bodies.map((b) => decodeTraces(b));

function measure(fn) {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  return Promise.resolve(fn()).then((n) => {
    const c = process.cpuUsage(c0);
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    return { cpu: (c.user + c.system) / n, rate: n / s };
  });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function stage(name, fn) {
  const rs = [];
  for (let r = 0; r < RUNS; r++) rs.push(await measure(fn));
  console.log(
    `${name.padEnd(16)} ${median(rs.map((r) => r.cpu)).toFixed(2)} µs CPU/span  ${Math.round(median(rs.map((r) => r.rate))).toLocaleString('en-US')} spans/s`,
  );
}

const inFlight = [];
await stage('decode', () => {
  let n = 0;
  for (const b of bodies) {
    const d = decodeTraces(b);
    n += d.resourceSpans[0].scopeSpans[0].spans.length;
    inFlight.push(d);
    if (inFlight.length > 32) inFlight.shift();
  }
  return n;
});
inFlight.length = 0;

const registry = new ResourceRegistry();
const buf = new CsvBuffer();
await stage('encode rows', () => {
  let n = 0;
  for (let k = 0; k < 2; k++)
    for (const d of decoded) {
      if (buf.rows >= GROUP) buf.reset();
      encodeSpans(d, registry, buf);
      n += SPANS_PER_REQUEST;
    }
  return n;
});

// Store append = encode + commit, through the real group committer (one caller, groups of GROUP rows).
const dir = mkdtempSync(join(tmpdir(), 'sy-bench-stages-'));
const store = new DuckDbStore({ dataDir: dir, flushIntervalMs: 5, maxPendingRows: GROUP });
await store.open();
const batches = decoded.map((data) => ({ signal: 'traces', data }));
let i = 0;
const appendRun = await measure(async () => {
  let n = 0;
  while (n < STORE_SPANS) {
    const wave = [];
    for (let k = 0; k < GROUP / SPANS_PER_REQUEST; k++) {
      wave.push(store.append(batches[i++ % batches.length]));
      n += SPANS_PER_REQUEST;
    }
    await Promise.all(wave);
  }
  return n;
});
console.log(
  `${'store append'.padEnd(16)} ${appendRun.cpu.toFixed(2)} µs CPU/span  ${Math.round(appendRun.rate).toLocaleString('en-US')} spans/s  (${STORE_SPANS.toLocaleString('en-US')} spans, groups of ${GROUP})`,
);
await store.close();
rmSync(dir, { recursive: true, force: true });
