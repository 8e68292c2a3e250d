#!/usr/bin/env node
// One command for the analysis benchmarks: NAB score + anomaly throughput, Loghub GA per set + pattern
// throughput, and trace-analysis time for large traces — printed in one run.
//   npx tsc -b packages/analysis packages/hub && node bench/analysis/run.mjs
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { analyzeTrace, generateSyntheticTrace, renderWaterfall } from '../../packages/analysis/dist/index.js';

const here = import.meta.dirname;
for (const script of ['anomaly.mjs', 'patterns.mjs']) {
  console.log(`\n=== ${script} ===`);
  const r = spawnSync(process.execPath, [resolve(here, script)], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = 1;
}

console.log('\n=== trace analysis ===');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const n of [1_000, 10_000, 100_000]) {
  const spans = generateSyntheticTrace({ spanCount: n, seed: 42 });
  const times = [];
  const renders = [];
  for (let i = 0; i < (n >= 100_000 ? 3 : 9); i++) {
    const t0 = performance.now();
    const a = analyzeTrace(spans);
    times.push(performance.now() - t0);
    const t1 = performance.now();
    renderWaterfall(spans, a, { width: 120 });
    renders.push(performance.now() - t1);
  }
  console.log(
    `${String(n).padStart(7)} spans: analyzeTrace median ${median(times).toFixed(1)} ms (best ${Math.min(...times).toFixed(1)}), ` +
      `renderWaterfall median ${median(renders).toFixed(1)} ms; ${(n / (median(times) / 1000)).toFixed(0)} spans/s`,
  );
}
