#!/usr/bin/env node
// Routing benchmark: durable-queue write and read throughput (MB/s) against raw sequential disk I/O of the
// same chunks measured in the same run (target: queue ≥ 50% of raw), and the acknowledgement delay the
// durable queue adds under its fsync policies (ack after fsync: the default `adaptive` group commit with
// 1, 64 and 512 concurrent writers, and the old timer-only `interval`).
//   npx tsc -b packages/pipeline && node bench/routing/run.mjs [--mb 256] [--repeat 3] [--dir /disk/to/test]
// The hub-level numbers (pass-through spans/s, receive → sink delay) are in hub.mjs.
// Reads follow the writes, so they are served from the page cache (no privileges to drop it here).
import { closeSync, fsyncSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeRequest } from '../../packages/core/dist/index.js';
import { spanBatch } from '../../packages/pipeline/dist/exporters/testing/spans.js';
import { DurableQueue, queueConfigSchema } from '../../packages/pipeline/dist/index.js';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const MB = 1024 * 1024;
const TOTAL_MB = Number(arg('mb', 256));
const root = mkdtempSync(join(arg('dir', tmpdir()), 'sy-bench-routing-'));

// 64 distinct OTLP requests of 100 spans, cycled.
const payloads = Array.from({ length: 64 }, (_, i) => encodeRequest(spanBatch(i * 100, 100), 'protobuf'));
const chunk = payloads[0].byteLength;
const count = Math.ceil((TOTAL_MB * MB) / chunk);
const totalBytes = payloads.reduce((a, p) => a + p.byteLength, 0) * (count / payloads.length);
const mbps = (bytes, ms) => bytes / MB / (ms / 1000);
const now = () => performance.now();
console.log(
  `payload ≈ ${chunk} bytes (100 spans), ${count} records, ${(totalBytes / MB).toFixed(0)} MiB per pass, dir ${root}`,
);

function rawWrite() {
  const path = join(root, 'raw.bin');
  const t0 = now();
  const fd = openSync(path, 'w');
  for (let i = 0; i < count; i++) writeSync(fd, payloads[i % payloads.length]);
  fsyncSync(fd);
  closeSync(fd);
  return { ms: now() - t0, path };
}

function rawRead(path) {
  const t0 = now();
  const fd = openSync(path, 'r');
  const buf = Buffer.allocUnsafe(chunk * 2);
  let pos = 0;
  for (let i = 0; i < count; i++) {
    const len = payloads[i % payloads.length].byteLength;
    readSync(fd, buf, 0, len, pos);
    pos += len;
  }
  closeSync(fd);
  return now() - t0;
}

const config = (over) => queueConfigSchema.parse({ maxBytes: 4 * TOTAL_MB * MB, ...over });

/** Writes `records` records from `concurrency` writers; returns the time and each enqueue's ack delay. */
async function queueWrite(dir, over, concurrency, records) {
  const q = new DurableQueue(dir, config(over), { name: 'bench', log: () => {} });
  const lat = [];
  const t0 = now();
  let next = 0;
  const writer = async () => {
    while (next < records) {
      const i = next++;
      const s = now();
      const r = await q.enqueueEncoded('traces', 100, payloads[i % payloads.length]);
      lat.push(now() - s);
      if (r.kind !== 'accepted') throw new Error(`enqueue ${r.kind}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, writer));
  await q.close(); // includes the final fsync
  return { ms: now() - t0, lat };
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

async function queueRead(dir) {
  const t00 = now();
  const q = new DurableQueue(dir, config({}), { name: 'bench', log: () => {} });
  const opened = now() - t00;
  const t0 = now();
  let n = 0;
  while (n < count) {
    const r = await q.next();
    await r.loadEncoded();
    q.ack(r);
    n++;
  }
  const ms = now() - t0;
  await q.close();
  return { ms, openMs: opened };
}

async function ackLatency(over, perSecond, seconds) {
  const dir = join(root, `lat-${over.fsync}`);
  const q = new DurableQueue(dir, config(over), { name: 'bench', log: () => {} });
  const lat = [];
  const pending = [];
  const t0 = now();
  for (let i = 0; i < perSecond * seconds; i++) {
    const due = t0 + (i * 1000) / perSecond;
    while (now() < due) await new Promise((r) => setTimeout(r, 1));
    const s = now();
    pending.push(
      q.enqueueEncoded('traces', 100, payloads[i % payloads.length]).then(() => lat.push(now() - s)),
    );
  }
  await Promise.all(pending);
  await q.close();
  rmSync(dir, { recursive: true, force: true });
  lat.sort((a, b) => a - b);
  const p = (q) => lat[Math.min(lat.length - 1, Math.floor(q * lat.length))].toFixed(1);
  return `p50 ${p(0.5)} ms, p99 ${p(0.99)} ms`;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const REPEAT = Number(arg('repeat', 3));
const pct = (x, base) => `${((100 * x) / base).toFixed(0)}%`;

// Ack after fsync (the default), adaptive group commit: writers × records written (1 writer waits for one
// fsync per record, so it gets fewer records to keep the run short).
const ADAPTIVE = [
  ['adaptive1', 1, Math.min(count, 2000)],
  ['adaptive64', 64, count],
  ['adaptive512', 512, count],
];

try {
  // Each repetition measures raw and queue back to back, so both see the same disk conditions; medians reported.
  const m = { rawW: [], rawR: [], qW: [], qOpen: [], qR: [] };
  const lat = {};
  for (const [key] of ADAPTIVE) {
    m[key] = [];
    lat[key] = { p50: [], p99: [] };
  }
  for (let rep = 0; rep < REPEAT; rep++) {
    const raw = rawWrite();
    m.rawW.push(mbps(totalBytes, raw.ms));
    m.rawR.push(mbps(totalBytes, rawRead(raw.path)));
    rmSync(raw.path);
    const dir = join(root, 'q');
    m.qW.push(mbps(totalBytes, (await queueWrite(dir, { ackAfterFsync: false }, 1, count)).ms));
    const r = await queueRead(dir);
    m.qOpen.push(mbps(totalBytes, r.openMs));
    m.qR.push(mbps(totalBytes, r.ms));
    rmSync(dir, { recursive: true, force: true });
    for (const [key, writers, records] of ADAPTIVE) {
      const w = await queueWrite(dir, {}, writers, records);
      m[key].push(mbps((totalBytes * records) / count, w.ms));
      lat[key].p50.push(quantile(w.lat, 0.5));
      lat[key].p99.push(quantile(w.lat, 0.99));
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const rawW = median(m.rawW);
  const rawR = median(m.rawR);
  const line = (label, xs, base, what) =>
    console.log(`${label}: ${median(xs).toFixed(0)} MB/s = ${pct(median(xs), base)} of raw ${what}`);
  const runs = m.rawW.map((x) => x.toFixed(0)).join(', ');
  console.log(`raw sequential write + fsync: ${rawW.toFixed(0)} MB/s (runs: ${runs})`);
  console.log(`raw sequential read (page cache): ${rawR.toFixed(0)} MB/s`);
  line('queue write, ack without waiting for fsync (fsync every 200 ms + on close)', m.qW, rawW, 'write');
  for (const [key, writers] of ADAPTIVE) {
    const perRun = m[key].map((x, i) => x / m.rawW[i]);
    const ratios = `${perRun.map((r) => pct(r, 1)).join(', ')} (median ${pct(median(perRun), 1)})`;
    line(`queue write, ack after fsync, adaptive, ${writers} writers`, m[key], rawW, 'write');
    console.log(
      `  ack delay p50 ${median(lat[key].p50).toFixed(1)} ms, p99 ${median(lat[key].p99).toFixed(1)} ms; per-run ratio to raw: ${ratios}`,
    );
  }
  line('queue open: recovery scan (read every segment, verify every CRC)', m.qOpen, rawR, 'read');
  line('queue read: in order, CRC check, ack, segment deletion', m.qR, rawR, 'read');
  // The old default, for comparison: ack after fsync on the 200 ms timer only bounds throughput by
  // writers × record size per round.
  const sample = 64 * 25;
  const w = await queueWrite(join(root, 'qi'), { fsync: 'interval' }, 64, sample);
  const interval = mbps((totalBytes * sample) / count, w.ms).toFixed(1);
  console.log(
    `queue write, ack after fsync, 64 writers, fsync: interval (timer only, 200 ms): ${interval} MB/s, ack delay p50 ${quantile(w.lat, 0.5).toFixed(1)} ms`,
  );
  console.log(`ack delay at 200 req/s, adaptive: ${await ackLatency({ fsync: 'adaptive' }, 200, 3)}`);
  console.log(`ack delay at 200 req/s, interval: ${await ackLatency({ fsync: 'interval' }, 200, 3)}`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
