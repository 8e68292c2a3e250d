#!/usr/bin/env node
// Hub routing benchmark: the real hub process (`switchyard up`, which also commits everything to its
// embedded store) receiving OTLP/HTTP protobuf from a load generator in another process and forwarding to
// an OTLP sink server in this process, with no processors, so the received bytes are forwarded as they came
// (pass-through, checked: the sink recognises every body byte for byte as a sent request or a
// concatenation of sent requests). Baselines in the same run: the load generator posting straight to the
// sink, and the same route with an attribute transform that forces decoding and re-encoding.
// Then the send → sink delay of single requests through a memory queue vs a durable queue (default adaptive
// fsync), and the senders' ack delay.
//   npx tsc -b && node bench/routing/hub.mjs [--repeat 3] [--seconds 5] [--concurrency 16]
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { loadPayloads, PayloadMatcher, probePayload } from './payloads.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const REPEAT = arg('repeat', 3);
const SECONDS = arg('seconds', 5);
const CONCURRENCY = arg('concurrency', 16);
const PROBES = arg('probes', 300);
const PROBE_RATE = arg('probe-rate', 50);
const here = import.meta.dirname;
const CLI = resolve(here, '../../packages/hub/bin/switchyard.js');
const GENERATOR = join(here, 'load-generator.mjs');
const root = mkdtempSync(join(tmpdir(), 'sy-bench-hub-'));
const epoch = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The OTLP sink: answers 200, recognises pass-through bodies and notes when each probe arrived. */
class Sink {
  constructor() {
    this.load = new PayloadMatcher(loadPayloads());
    this.probes = new PayloadMatcher(Array.from({ length: PROBES }, (_, i) => probePayload(i)));
    this.reset();
    this.server = createServer((req, res) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const at = epoch();
        const body = Buffer.concat(chunks);
        this.requests++;
        const load = this.load.match(body);
        if (load) this.identicalSpans += load.length * 100;
        else {
          const probes = this.probes.match(body);
          if (probes) for (const i of probes) this.arrivals.set(i, at);
          else this.reencoded++;
        }
        res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      });
    });
  }
  reset() {
    this.requests = 0;
    this.identicalSpans = 0;
    this.reencoded = 0;
    this.arrivals = new Map();
  }
  async start() {
    await new Promise((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${this.server.address().port}`;
  }
  stop() {
    this.server.closeAllConnections();
    this.server.close();
  }
}

async function startHub(name, sinkUrl, { durable = false, reencode = false } = {}) {
  const dir = join(root, name);
  const cfg = `${dir}.yaml`;
  writeFileSync(
    cfg,
    [
      ...(reencode
        ? [
            'processors:',
            '  transforms:',
            '    - { type: attributes, actions: [{ action: insert, key: bench.reencoded, value: "yes" }] }',
          ]
        : []),
      'exporters:',
      `  sink: { type: otlp_http, endpoint: "${sinkUrl}", compression: none, durable: ${durable} }`,
      'routes:',
      '  - { signals: [traces], exporters: [sink] }',
      '',
    ].join('\n'),
  );
  const child = spawn(
    process.execPath,
    [
      CLI,
      'up',
      '--data-dir',
      dir,
      '--port',
      '0',
      '--otlp-http-port',
      '0',
      '--otlp-grpc-port',
      '0',
      '--config',
      cfg,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } },
  );
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise((r) => child.once('exit', r));
  for (let waited = 0; !/OTLP\/gRPC receiver\s+\S+/.test(out); waited += 50) {
    if (child.exitCode !== null || waited > 60_000) throw new Error(`hub did not start:\n${out}`);
    await sleep(50);
  }
  return {
    /** CPU seconds the hub process has used (user + system, from /proc; clock ticks of 10 ms). */
    cpuSeconds() {
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
    otlp: /OTLP\/HTTP receiver\s+(\S+)/.exec(out)[1],
    api: /HTTP API \+ health\s+(\S+)/.exec(out)[1],
    async sentSpans() {
      const text = await (await fetch(`${this.api}/metrics`)).text();
      const line = text
        .split('\n')
        .find((l) => l.startsWith('switchyard_exporter_sent_items_total{') && l.includes('"sink"'));
      return line ? Number(line.split(' ').at(-1)) : 0;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function generate(...args) {
  const { stdout } = await promisify(execFile)(process.execPath, [GENERATOR, ...args.map(String)], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const k = (x) => `${(x / 1000).toFixed(1)}k`;

/** Spans/s the senders got 200 for; with a hub, also waits until the sink has everything. */
async function throughput(sink, target, hub) {
  sink.reset();
  const cpu0 = hub?.cpuSeconds();
  const r = await generate('throughput', target, SECONDS, CONCURRENCY);
  const acked = (r.statuses['200'] ?? 0) * 100;
  if (hub) {
    for (let waited = 0; (await hub.sentSpans()) < acked; waited += 200) {
      if (waited > 60_000) throw new Error(`sink got ${await hub.sentSpans()} of ${acked} spans`);
      await sleep(200);
    }
  }
  // Hub CPU per span, receive to delivery: steadier than spans/s on a shared machine.
  const cpuUs = hub ? ((hub.cpuSeconds() - cpu0) * 1e6) / acked : 0;
  return {
    spansPerSec: r.spans / (r.ms / 1000),
    cpuUs,
    acked,
    identical: sink.identicalSpans,
    reencoded: sink.reencoded,
  };
}

/** Sender ack delay and send → sink arrival delay for PROBES single requests at PROBE_RATE per second. */
async function probe(sink, hub) {
  sink.reset();
  const { sends } = await generate('probe', hub.otlp, PROBES, PROBE_RATE);
  for (let waited = 0; sink.arrivals.size < PROBES && waited < 30_000; waited += 50) await sleep(50);
  const ack = sends.map(([, sent, acked]) => acked - sent);
  const delivered = sends
    .filter(([i]) => sink.arrivals.has(i))
    .map(([i, sent]) => sink.arrivals.get(i) - sent);
  return { ack, delivered, missing: PROBES - delivered.length };
}

const sink = new Sink();
const sinkUrl = await sink.start();
const m = { direct: [], pass: [], durable: [], reencode: [] };
const cpu = { pass: [], durable: [], reencode: [] };
const HUB_ROWS = [
  ['pass', {}],
  ['durable', { durable: true }],
  ['reencode', { reencode: true }],
];
const delay = { memory: { ack: [], e2e: [] }, durable: { ack: [], e2e: [] } };
const checks = [];
try {
  for (let rep = 0; rep < REPEAT; rep++) {
    m.direct.push((await throughput(sink, sinkUrl)).spansPerSec);
    // Rotated each run, so no row always runs first (cold caches) or last.
    for (const [key, opts] of [...HUB_ROWS.slice(rep % 3), ...HUB_ROWS.slice(0, rep % 3)]) {
      const hub = await startHub(`${key}-${rep}`, sinkUrl, opts);
      const r = await throughput(sink, hub.otlp, hub);
      await hub.stop();
      m[key].push(r.spansPerSec);
      cpu[key].push(r.cpuUs);
      checks.push(
        `${key}: ${r.acked} spans acked, ${r.identical} arrived byte-identical, ${r.reencoded} re-encoded bodies`,
      );
    }
    const kinds = [
      ['memory', false],
      ['durable', true],
    ];
    for (const [key, durable] of rep % 2 ? kinds.reverse() : kinds) {
      const hub = await startHub(`probe-${key}-${rep}`, sinkUrl, { durable });
      const r = await probe(sink, hub);
      await hub.stop();
      if (r.missing > 0) throw new Error(`${r.missing} probes did not arrive (${key})`);
      for (const [q, xs] of [
        ['ack', r.ack],
        ['e2e', r.delivered],
      ]) {
        delay[key][q].push([quantile(xs, 0.5), quantile(xs, 0.99)]);
      }
    }
  }
  const direct = median(m.direct);
  console.log(
    `${REPEAT} runs, ${SECONDS} s each, ${CONCURRENCY} concurrent senders of 100-span protobuf requests; medians`,
  );
  console.log(`load generator → sink directly: ${k(direct)} spans/s (runs: ${m.direct.map(k).join(', ')})`);
  for (const [key, label] of [
    ['pass', 'hub, memory queue, pass-through'],
    ['durable', 'hub, durable queue, pass-through'],
    ['reencode', 'hub, memory queue, attribute transform (decode + re-encode)'],
  ]) {
    // Ratios are taken within each run (rows of one run are seconds apart, runs minutes apart on a shared
    // machine whose load changes), then the median of those ratios is reported.
    const vsDirect = median(m[key].map((x, i) => x / m.direct[i]));
    const vsPass = median(m[key].map((x, i) => x / m.pass[i]));
    console.log(
      `${label}: ${k(median(m[key]))} spans/s; ${vsDirect.toFixed(2)}× direct, ${vsPass.toFixed(2)}× pass-through (runs: ${m[key].map(k).join(', ')})`,
    );
    const cpuVsPass = median(cpu[key].map((x, i) => x / cpu.pass[i]));
    console.log(
      `  hub CPU ${median(cpu[key]).toFixed(1)} µs/span; ${cpuVsPass.toFixed(2)}× pass-through (runs: ${cpu[key].map((x) => x.toFixed(1)).join(', ')})`,
    );
  }
  for (const c of checks) console.log(`  check ${c}`);
  const fmt = (pairs) =>
    `p50 ${median(pairs.map((p) => p[0])).toFixed(1)} ms, p99 ${median(pairs.map((p) => p[1])).toFixed(1)} ms`;
  console.log(`${PROBES} single 10-span requests at ${PROBE_RATE}/s, per queue kind:`);
  for (const key of ['memory', 'durable']) {
    console.log(`${key} queue: sender ack ${fmt(delay[key].ack)}; send → sink ${fmt(delay[key].e2e)}`);
  }
} finally {
  sink.stop();
  rmSync(root, { recursive: true, force: true });
}
