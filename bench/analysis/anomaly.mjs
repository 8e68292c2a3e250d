#!/usr/bin/env node
/**
 * Anomaly detector benchmark, one command (build first: `npx tsc -b packages/hub`):
 *
 *   node bench/analysis/anomaly.mjs [--sensitivity medium] [--skip-speed] [--skip-nab] [--keep]
 *
 * 1. Runs the detector over every series of the NAB subset (NAB_DIR, default /work/shared/bench/nab-open),
 *    writes timestamp,value,anomaly_score CSVs to a temp dir and scores them with nab_score.py
 *    (NAB_SCORER, default /work/shared/bench/nab_score.py): standard / low-FP / low-FN profiles.
 * 2. Throughput of the library on a generated 1M-point series (points/s).
 * 3. End-to-end time of `switchyard analyze anomalies` on that series written as CSV.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAnomalyDetector, parseTimestampMs } from '../../packages/analysis/dist/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const sensitivity = opt('--sensitivity', 'medium');
const nabDir = process.env.NAB_DIR ?? '/work/shared/bench/nab-open';
const scorer = process.env.NAB_SCORER ?? '/work/shared/bench/nab_score.py';
const work = mkdtempSync(join(tmpdir(), 'switchyard-anomaly-bench-'));

function listCsv(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listCsv(p));
    else if (name.endsWith('.csv')) out.push(p);
  }
  return out.sort();
}

function runNab() {
  const dataDir = join(nabDir, 'data');
  const resultsDir = join(work, 'nab-results');
  let points = 0;
  const t0 = performance.now();
  for (const file of listCsv(dataDir)) {
    const lines = readFileSync(file, 'utf8').split(/\r?\n/);
    const header = lines[0].split(',');
    const ti = header.indexOf('timestamp');
    const vi = header.indexOf('value');
    const det = createAnomalyDetector({ sensitivity });
    const out = ['timestamp,value,anomaly_score'];
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i];
      if (line.trim() === '') continue;
      const cols = line.split(',');
      const score = det.update(parseTimestampMs(cols[ti]), Number(cols[vi]));
      out.push(`${cols[ti]},${cols[vi]},${score.toFixed(6)}`);
      points++;
    }
    const dest = join(resultsDir, relative(dataDir, file));
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(dest, out.join('\n') + '\n');
  }
  const ms = performance.now() - t0;
  console.log(`NAB subset: ${points} points scored in ${ms.toFixed(0)} ms (results in ${resultsDir})`);
  const res = execFileSync(
    'python3',
    [scorer, '--data', dataDir, '--windows', join(nabDir, 'windows.json'), '--results', resultsDir, '--json'],
    { encoding: 'utf8' },
  );
  const scores = JSON.parse(res);
  for (const [profile, r] of Object.entries(scores)) {
    console.log(`  ${profile.padEnd(20)} ${r.score.toFixed(2)}  (threshold ${r.threshold.toFixed(4)})`);
  }
  return scores;
}

/** Deterministic synthetic metric: daily cycle, noise, occasional spikes and shifts. */
function* syntheticSeries(n) {
  let seed = 12345;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const start = Date.UTC(2024, 0, 1);
  let level = 100;
  for (let i = 0; i < n; i++) {
    const t = start + i * 60_000;
    if (i % 50_000 === 25_000) level += 30;
    const daily = 20 * Math.sin((2 * Math.PI * (t % 86_400_000)) / 86_400_000);
    const spike = i % 9973 === 0 ? 80 : 0;
    yield [t, level + daily + spike + (rand() - 0.5) * 10];
  }
}

async function runSpeed() {
  const N = 1_000_000;
  const pts = new Float64Array(2 * N);
  let i = 0;
  for (const [t, v] of syntheticSeries(N)) {
    pts[2 * i] = t;
    pts[2 * i + 1] = v;
    i++;
  }
  const det = createAnomalyDetector({ sensitivity });
  const t0 = performance.now();
  let sum = 0;
  for (let k = 0; k < N; k++) sum += det.update(pts[2 * k], pts[2 * k + 1]);
  const ms = performance.now() - t0;
  console.log(
    `library: ${N} points in ${ms.toFixed(0)} ms = ${Math.round(N / (ms / 1000))} points/s (score sum ${sum.toFixed(1)}, ${det.events().length} events)`,
  );

  const csv = join(work, 'synthetic-1m.csv');
  const ws = createWriteStream(csv);
  ws.write('timestamp,value\n');
  let buf = '';
  for (let k = 0; k < N; k++) {
    buf += `${new Date(pts[2 * k]).toISOString()},${pts[2 * k + 1].toFixed(4)}\n`;
    if (buf.length > 1 << 20) {
      if (!ws.write(buf)) await new Promise((r) => ws.once('drain', r));
      buf = '';
    }
  }
  ws.write(buf);
  await new Promise((r) => ws.end(r));
  const bin = join(root, 'packages/hub/bin/switchyard.js');
  const cliArgs = ['analyze', 'anomalies', csv, '--sensitivity', sensitivity];
  const timeRun = (argv) => {
    const c0 = performance.now();
    const run = spawnSync('node', argv, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
    return { ms: performance.now() - c0, run };
  };
  let { ms: cms, run } = timeRun([bin, ...cliArgs]);
  let how = 'switchyard analyze anomalies';
  if (run.status !== 0) {
    // The full CLI imports every command; if another part of the hub is mid-change and does not load,
    // time the same command mounted alone (same code path from argv parsing to stdout).
    console.log(`full CLI did not start (exit ${run.status}): ${String(run.stderr).split('\n')[0]}`);
    const alone = `import { Command } from '${join(root, 'node_modules/commander/esm.mjs')}';
      import { analyzeCommand } from '${join(root, 'packages/hub/dist/cli/commands/analyze.js')}';
      await new Command('switchyard').addCommand(analyzeCommand()).parseAsync(process.argv);`;
    const script = join(work, 'analyze-alone.mjs');
    writeFileSync(script, alone);
    ({ ms: cms, run } = timeRun([script, ...cliArgs]));
    how = 'analyze command mounted alone';
    if (run.status !== 0) {
      console.log(`CLI failed (exit ${run.status}): ${run.stderr}`);
      return;
    }
  }
  console.log(
    `CLI end-to-end (${how}): ${N} rows in ${cms.toFixed(0)} ms = ${Math.round(N / (cms / 1000))} points/s`,
  );
}

try {
  if (!flag('--skip-nab')) runNab();
  if (!flag('--skip-speed')) await runSpeed();
} finally {
  if (!flag('--keep')) rmSync(work, { recursive: true, force: true });
}
