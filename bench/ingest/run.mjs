#!/usr/bin/env node
// Ingest benchmark: spans/s for (1) protobuf decode only, (2) store append only, (3) the full path
// (OTLP/HTTP protobuf → hub process → DuckDB, acknowledged), as ratios to decode; hub RSS; request latency.
//   node bench/ingest/run.mjs [--seconds 20] [--concurrency 8]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { decodeTraces, encodeTraces } from '../../packages/core/dist/index.js';
import { DuckDbStore } from '../../packages/store/dist/index.js';
import { makeTraceData } from './spans.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const SECONDS = arg('seconds', 20);
const CONCURRENCY = arg('concurrency', 8);
const SPANS_PER_REQUEST = 100;
const DISTINCT = 300;

const bodies = Array.from({ length: DISTINCT }, (_, i) => encodeTraces(makeTraceData(i, SPANS_PER_REQUEST)));
const avgBytes = bodies.reduce((a, b) => a + b.length, 0) / bodies.length;
console.log(
  `request: ${SPANS_PER_REQUEST} spans, ${Math.round(avgBytes)} bytes protobuf (${Math.round(avgBytes / SPANS_PER_REQUEST)} B/span)`,
);

// 1. decode only
function benchDecode() {
  const runs = [];
  const cpus = [];
  for (let r = 0; r < 5; r++) {
    const t0 = process.hrtime.bigint();
    const cpu0 = process.cpuUsage();
    let spans = 0;
    for (let k = 0; k < 3; k++)
      for (const b of bodies) spans += decodeTraces(b).resourceSpans[0].scopeSpans[0].spans.length;
    runs.push(spans / (Number(process.hrtime.bigint() - t0) / 1e9));
    const cpu = process.cpuUsage(cpu0);
    cpus.push((cpu.user + cpu.system) / spans);
  }
  return { rate: median(runs), cpuUsPerSpan: median(cpus) };
}

// 2. store append only (decoded batches, group commit through many concurrent appends)
async function benchStore() {
  const dir = mkdtempSync(join(tmpdir(), 'sy-bench-store-'));
  const store = new DuckDbStore({ dataDir: dir, flushIntervalMs: 5, maxPendingRows: 20_000 });
  await store.open();
  const batches = bodies.map((b) => ({ signal: 'traces', data: decodeTraces(b) }));
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  let spans = 0;
  const deadline = Date.now() + Math.min(SECONDS, 10) * 1000;
  let i = 0;
  while (Date.now() < deadline) {
    const wave = [];
    for (let c = 0; c < CONCURRENCY * 4; c++) {
      wave.push(store.append(batches[i++ % batches.length]));
      spans += SPANS_PER_REQUEST;
    }
    await Promise.all(wave);
  }
  const rate = spans / (Number(process.hrtime.bigint() - t0) / 1e9);
  const cpu = process.cpuUsage(cpu0);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return { rate, cpuUsPerSpan: (cpu.user + cpu.system) / spans };
}

// 3. full path against a hub process
async function benchFull() {
  const dir = mkdtempSync(join(tmpdir(), 'sy-bench-hub-'));
  const cli = resolve(import.meta.dirname, '../../packages/hub/bin/switchyard.js');
  const child = spawn(
    process.execPath,
    // HUB_NODE_FLAGS: extra node flags for the hub, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
    [
      ...(process.env.HUB_NODE_FLAGS?.split(' ').filter(Boolean) ?? []),
      cli,
      'up',
      '--data-dir',
      dir,
      '--port',
      '0',
      '--otlp-http-port',
      '0',
      '--otlp-grpc-port',
      '0',
      // HUB_ARGS: extra `switchyard up` arguments, e.g. "--config /tmp/hub.yaml".
      ...(process.env.HUB_ARGS?.split(' ').filter(Boolean) ?? []),
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  while (!/OTLP\/HTTP receiver\s+(\S+)/.test(out)) {
    if (child.exitCode !== null) throw new Error(out);
    await sleep(50);
  }
  const url = new URL(`${/OTLP\/HTTP receiver\s+(\S+)/.exec(out)[1]}/v1/traces`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies = [];
  let accepted = 0;
  let refused = 0;
  let maxRss = 0;
  // Hub CPU time (user+system, all threads incl. DuckDB's) from /proc/<pid>/stat, in clock ticks.
  // The main (JS) thread's share separately: it bounds throughput on its own, as DuckDB's threads do.
  const ticks = (path) => {
    try {
      const f = readFileSync(path, 'utf8').split(') ')[1].split(' ');
      return Number(f[11]) + Number(f[12]);
    } catch {
      return 0;
    }
  };
  const hubCpuTicks = () => ({
    all: ticks(`/proc/${child.pid}/stat`),
    main: ticks(`/proc/${child.pid}/task/${child.pid}/stat`),
  });
  let cpuStart = { all: 0, main: 0 };
  let cpuEnd = { all: 0, main: 0 };
  let cpuClient0 = process.cpuUsage();
  const rssTimer = setInterval(() => {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]);
      maxRss = Math.max(maxRss, kb * 1024);
    } catch {}
  }, 200);
  const post = (body) =>
    new Promise((res, rej) => {
      const t0 = process.hrtime.bigint();
      const req = http.request(
        url,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/x-protobuf', 'content-length': body.length },
        },
        (r) => {
          r.resume();
          r.on('end', () => res({ status: r.statusCode, ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
        },
      );
      req.on('error', rej);
      req.end(body);
    });
  const warmupEnd = Date.now() + 2000;
  const end = warmupEnd + SECONDS * 1000;
  let i = 0;
  let measuredStart = 0n;
  const worker = async () => {
    while (Date.now() < end) {
      const r = await post(bodies[i++ % bodies.length]);
      if (Date.now() < warmupEnd) continue;
      if (!measuredStart) {
        measuredStart = process.hrtime.bigint();
        cpuStart = hubCpuTicks();
        cpuClient0 = process.cpuUsage();
      }
      if (r.status === 200) {
        accepted += SPANS_PER_REQUEST;
        latencies.push(r.ms);
      } else {
        refused++;
        await sleep(50);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = Number(process.hrtime.bigint() - measuredStart) / 1e9;
  cpuEnd = hubCpuTicks();
  const cpuClient = process.cpuUsage(cpuClient0);
  clearInterval(rssTimer);
  agent.destroy();
  const stopT0 = Date.now();
  if (process.env.BENCH_HUB_LOG) writeFileSync(process.env.BENCH_HUB_LOG, out);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  const stopMs = Date.now() - stopT0;
  rmSync(dir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  return {
    rate: accepted / elapsed,
    refused,
    p50: latencies[Math.floor(latencies.length * 0.5)],
    p99: latencies[Math.floor(latencies.length * 0.99)],
    maxRss,
    stopMs,
    // clock ticks are 10 ms on Linux (CLK_TCK = 100)
    cpuUsPerSpan: ((cpuEnd.all - cpuStart.all) * 10_000) / accepted,
    mainUsPerSpan: ((cpuEnd.main - cpuStart.main) * 10_000) / accepted,
    cpuCores: (cpuEnd.all - cpuStart.all) / 100 / elapsed,
    clientUsPerSpan: (cpuClient.user + cpuClient.system) / accepted,
  };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
const fmt = (n) => Math.round(n).toLocaleString('en-US');

const us = (n) => `${n.toFixed(1)} µs CPU/span`;
const only = process.env.BENCH_ONLY; // 'full' skips the in-process stages
const dec = only === 'full' ? { rate: Number.NaN, cpuUsPerSpan: Number.NaN } : benchDecode();
const decode = dec.rate;
console.log(`decode only      ${fmt(decode)} spans/s  (baseline 1.00)  ${us(dec.cpuUsPerSpan)}`);
const st = only === 'full' ? { rate: Number.NaN, cpuUsPerSpan: Number.NaN } : await benchStore();
const store = st.rate;
console.log(
  `store append     ${fmt(store)} spans/s  (${(store / decode).toFixed(2)} × decode)  ${us(st.cpuUsPerSpan)}`,
);
const full = await benchFull();
console.log(
  `full path        ${fmt(full.rate)} spans/s  (${(full.rate / decode).toFixed(2)} × decode, ${(full.rate / store).toFixed(2)} × store)  ` +
    `concurrency ${CONCURRENCY}, ${SECONDS}s`,
);
console.log(
  `request latency  p50 ${full.p50?.toFixed(1)} ms, p99 ${full.p99?.toFixed(1)} ms; refused requests ${full.refused}`,
);
console.log(
  `hub CPU          ${us(full.cpuUsPerSpan)}, main thread ${us(full.mainUsPerSpan)} (${full.cpuCores.toFixed(2)} cores busy); ` +
    `load generator ${us(full.clientUsPerSpan)}`,
);
console.log(`hub peak RSS     ${(full.maxRss / 1024 / 1024).toFixed(0)} MiB; drain+stop ${full.stopMs} ms`);
console.log(
  `target           ≥ 50,000 spans/s full path with RSS < 1 GiB → ${full.rate >= 50_000 && full.maxRss < 2 ** 30 ? 'MET' : 'MISSED'}`,
);
