/**
 * SDK overhead benchmark: an HTTP service (service.cjs) under closed-loop keep-alive load from a separate
 * process (load.mjs), in five modes — no instrumentation; plain OpenTelemetry zero-code
 * (`--require @opentelemetry/auto-instrumentations-node/register`, OTLP exporters); dd-trace without an agent
 * (`--require dd-trace/init`, agent URL = the sink); Switchyard's zero-code
 * entry (`--import @switchyard/sdk/register`) with one exporter; and with three — on a trivial handler and
 * on one doing ~1 ms of CPU work. Every exporter points at a loopback sink in this process. Rounds rotate the
 * mode order; medians over rounds are printed, with ratios to the uninstrumented run of the same round.
 *
 * Build first (`npx tsc -b packages/sdk`), then from the repo root:
 *   node bench/sdk-overhead/run.mjs [--rounds 5] [--duration 5] [--warmup 2] [--connections 32] [--handlers trivial,cpu]
 *     [--modes dd,sy1,sy3]   (none and otel always run)
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const ROUNDS = Number(arg('rounds', 5));
const DURATION = Number(arg('duration', 5));
const WARMUP = Number(arg('warmup', 2));
const CONNECTIONS = Number(arg('connections', 32));
const HANDLERS = String(arg('handlers', 'trivial,cpu')).split(',');
// none and otel are always run: every ratio is taken against them.
const ONLY = arg('modes', undefined)?.split(',');

// One calibration for all modes: the cpu handler does the same work per request in every run.
const WORK_ITERATIONS = createRequire(import.meta.url)('./work.cjs').calibrate();

// The sink: accepts every export, counts requests per path. It also stands in for the Datadog agent:
// dd-trace sends its traces to /v0.4/traces (or /v0.5) with the number of traces in `X-Datadog-Trace-Count`
// and expects a JSON body back (the agent's sampling rates; `{}` keeps its defaults).
const received = {};
let ddTraces = 0;
const sink = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const path = req.url.split('?')[0];
    received[path] = (received[path] ?? 0) + 1;
    if (path === '/v0.4/traces' || path === '/v0.5/traces') {
      ddTraces += Number(req.headers['x-datadog-trace-count'] ?? 0);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    } else res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
  });
});
sink.keepAliveTimeout = 60_000;
await new Promise((r) => sink.listen(0, '127.0.0.1', r));
const sinkUrl = `http://127.0.0.1:${sink.address().port}`;

const dir = mkdtempSync(join(tmpdir(), 'sy-bench-'));
const yaml = (exportTo) => `sdk:\n  serviceName: bench\n  exportTo:\n${exportTo}\n`;
writeFileSync(join(dir, 'sy1.yaml'), yaml(`    hub: { endpoint: ${sinkUrl} }`));
writeFileSync(
  join(dir, 'sy3.yaml'),
  yaml(
    `    hub: { endpoint: ${sinkUrl} }\n    otlp: { endpoint: ${sinkUrl} }\n    jaeger: { vars: { JAEGER_OTLP_ENDPOINT: ${sinkUrl} } }`,
  ),
);

const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !k.startsWith('OTEL_') && !k.startsWith('SWITCHYARD_')),
);
const MODES = {
  none: { label: 'no instrumentation', args: [], env: {} },
  otel: {
    label: 'OpenTelemetry zero-code',
    args: ['--require', '@opentelemetry/auto-instrumentations-node/register'],
    env: {
      OTEL_SERVICE_NAME: 'bench',
      OTEL_EXPORTER_OTLP_ENDPOINT: sinkUrl,
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_METRICS_EXPORTER: 'otlp',
      OTEL_LOGS_EXPORTER: 'otlp',
    },
  },
  // dd-trace 5 (v6 needs Node 22) without an agent: its agent URL is the sink, which accepts its traces.
  dd: {
    label: 'dd-trace (no agent)',
    args: ['--require', 'dd-trace/init'],
    env: { DD_SERVICE: 'bench', DD_TRACE_AGENT_URL: sinkUrl },
  },
  sy1: {
    label: 'Switchyard, 1 exporter',
    args: ['--import', '@switchyard/sdk/register'],
    env: { SWITCHYARD_CONFIG: join(dir, 'sy1.yaml') },
  },
  sy3: {
    label: 'Switchyard, 3 exporters',
    args: ['--import', '@switchyard/sdk/register'],
    env: { SWITCHYARD_CONFIG: join(dir, 'sy3.yaml') },
  },
};

// Two cores: pin the service to CPU 0 and the load generator to CPU 1 when taskset exists.
const pin = cpus().length >= 2 && spawnSync('taskset', ['--version']).status === 0;
const pinned = (cpu, cmd, args) => (pin ? ['taskset', ['-c', String(cpu), cmd, ...args]] : [cmd, args]);

function startService(mode, handler) {
  const m = MODES[mode];
  const [cmd, args] = pinned(0, process.execPath, [...m.args, join(here, 'service.cjs')]);
  const child = spawn(cmd, args, {
    cwd: root,
    env: { ...cleanEnv, ...m.env, HANDLER: handler, WORK_ITERATIONS: String(WORK_ITERATIONS) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m2 = /ready (\d+)/.exec(out);
      if (m2) resolve({ child, port: Number(m2[1]) });
    });
    child.on('exit', (code) =>
      reject(new Error(`service (${mode}) exited ${code}: ${stderr.slice(0, 2000)}`)),
    );
  });
}

// CPU time (user + system, all threads) the service used, from /proc: on a shared machine the service's own
// CPU per request is a steadier overhead measure than throughput, which other tenants' load also moves.
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim()) || 100;
function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return Number.NaN;
  }
}

function runLoad(port, servicePid) {
  const [cmd, args] = pinned(1, process.execPath, [
    join(here, 'load.mjs'),
    port,
    CONNECTIONS,
    WARMUP,
    DURATION,
  ]);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let cpuStart = Number.NaN;
    child.stdout.on('data', (d) => {
      out += d;
      if (Number.isNaN(cpuStart) && out.includes('measuring\n')) cpuStart = cpuSeconds(servicePid);
    });
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`load exited ${code}`));
      const cpu = cpuSeconds(servicePid) - cpuStart;
      const r = JSON.parse(out.slice(out.indexOf('{')));
      resolve({ ...r, cpuUsPerRequest: (cpu * 1e6) / r.requests });
    });
  });
}

async function measure(mode, handler) {
  const { child, port } = await startService(mode, handler);
  try {
    return await runLoad(port, child.pid);
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const modes = Object.keys(MODES).filter((m) => !ONLY || m === 'none' || m === 'otel' || ONLY.includes(m));
const results = {}; // handler → mode → [{rps, p99}]
console.log(
  `sdk-overhead: ${ROUNDS} rounds × ${DURATION}s (+${WARMUP}s warm-up), ${CONNECTIONS} connections, ` +
    `${pin ? 'service on CPU 0, load on CPU 1' : 'no CPU pinning'}, Node ${process.version}, ${cpus().length} cores, cpu handler ${WORK_ITERATIONS} iterations (~1 ms)`,
);
for (let round = 0; round < ROUNDS; round++) {
  for (const handler of HANDLERS) {
    results[handler] ??= {};
    const order = modes.map((_, i) => modes[(i + round) % modes.length]);
    for (const mode of order) {
      const r = await measure(mode, handler);
      results[handler][mode] ??= [];
      results[handler][mode].push(r);
      console.log(
        `  round ${round + 1} ${handler.padEnd(7)} ${mode.padEnd(4)} ${r.rps.toFixed(0).padStart(6)} req/s  p99 ${r.p99.toFixed(2)} ms  cpu ${r.cpuUsPerRequest.toFixed(1)} µs/req${r.errors ? `  errors ${r.errors}` : ''}`,
      );
    }
  }
}

const rows = [];
for (const handler of HANDLERS) {
  const byMode = results[handler];
  const base = byMode.none;
  for (const mode of modes) {
    const runs = byMode[mode];
    const ratios = runs.map((r, i) => r.rps / base[i].rps);
    const vsOtel = runs.map((r, i) => r.rps / byMode.otel[i].rps);
    // Capacity from CPU per request: how many requests a core could serve, relative to the baseline.
    const cpuVsNone = runs.map((r, i) => base[i].cpuUsPerRequest / r.cpuUsPerRequest);
    const cpuVsOtel = runs.map((r, i) => byMode.otel[i].cpuUsPerRequest / r.cpuUsPerRequest);
    rows.push({
      handler,
      mode: MODES[mode].label,
      rps: median(runs.map((r) => r.rps)),
      p99: median(runs.map((r) => r.p99)),
      cpu: median(runs.map((r) => r.cpuUsPerRequest)),
      vsNone: median(ratios),
      vsOtel: median(vsOtel),
      cpuVsNone: median(cpuVsNone),
      cpuVsOtel: median(cpuVsOtel),
    });
  }
}
console.log('\nmedians over rounds (ratios are per round, against the runs of the same round):');
console.log(
  '| handler | mode | req/s | p99 ms | req/s × uninstr. | req/s × OTel | CPU µs/req | capacity × uninstr. | capacity × OTel |',
);
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows)
  console.log(
    `| ${r.handler} | ${r.mode} | ${r.rps.toFixed(0)} | ${r.p99.toFixed(2)} | ${r.vsNone.toFixed(2)} | ${r.vsOtel.toFixed(2)} | ${r.cpu.toFixed(1)} | ${r.cpuVsNone.toFixed(2)} | ${r.cpuVsOtel.toFixed(2)} |`,
  );
console.log("(capacity = CPU µs per request of the baseline ÷ this mode's: requests one core could serve)");
console.log(`\nsink received (requests per path): ${JSON.stringify(received)}`);
if (modes.includes('dd')) console.log(`dd-trace traces received by the sink: ${ddTraces}`);
sink.close();
sink.closeAllConnections();
