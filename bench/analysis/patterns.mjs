#!/usr/bin/env node
// Log template mining benchmark: grouping accuracy on the Loghub-2k sets and throughput on 1M lines.
// Usage: npx tsc -b packages/analysis && node bench/analysis/patterns.mjs [--data DIR] [--lines N]
// Scores with /work/shared/bench/loghub_eval.py (GA, FGA, PA), default miner settings throughout.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogPatternMiner } from '../../packages/analysis/dist/index.js';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const dataDir = arg('--data', '/work/shared/bench/loghub-open');
const scorer = arg('--scorer', '/work/shared/bench/loghub_eval.py');
const totalLines = Number(arg('--lines', '1000000'));

/** Minimal RFC 4180 CSV parser (quoted fields, doubled quotes, embedded newlines). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else q = false;
      } else field += c;
    } else if (c === '"') q = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function contentOf(file) {
  const rows = parseCsv(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  const col = rows[0].indexOf('Content');
  return rows
    .slice(1)
    .filter((r) => r.length > col)
    .map((r) => r[col]);
}

const sets = readdirSync(dataDir)
  .filter((d) => existsSync(join(dataDir, d, `${d}_2k.log_structured.csv`)))
  .sort();
const out = mkdtempSync(join(tmpdir(), 'sy-patterns-bench-'));
const corpus = [];
const sums = { GA: 0, FGA: 0, PA: 0 };
console.log('set           GA      FGA     PA      truth  predicted');
for (const d of sets) {
  const truth = join(dataDir, d, `${d}_2k.log_structured.csv`);
  const lines = contentOf(truth);
  corpus.push(...lines);
  const miner = new LogPatternMiner();
  // variantId, resolved after the last line: it follows the final enumeration split (as --per-line does).
  const ids = lines.map((l) => miner.add(l).variantId);
  miner.compact();
  const pred = ids.map((id) => {
    const live = miner.resolve(id) ?? id;
    return JSON.stringify({ patternId: live, template: miner.template(live) ?? '' });
  });
  const predFile = join(out, `${d}.ndjson`);
  writeFileSync(predFile, `${pred.join('\n')}\n`);
  const r = JSON.parse(execFileSync('python3', [scorer, truth, predFile, '--json']).toString());
  sums.GA += r.GA;
  sums.FGA += r.FGA;
  sums.PA += r.PA ?? 0;
  const f = (x) => (x === undefined ? '-     ' : x.toFixed(4));
  console.log(
    `${d.padEnd(12)}  ${f(r.GA)}  ${f(r.FGA)}  ${f(r.PA)}  ${String(r.true_groups).padStart(5)}  ${String(r.pred_groups).padStart(9)}`,
  );
}
const n = sets.length;
console.log(
  `${'AVERAGE'.padEnd(12)}  ${(sums.GA / n).toFixed(4)}  ${(sums.FGA / n).toFixed(4)}  ${(sums.PA / n).toFixed(4)}`,
);

// Throughput: the sets' lines drawn at random with every digit run replaced by a random number.
let seed = 42;
const rnd = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed;
};
const big = new Array(totalLines);
for (let i = 0; i < totalLines; i++) {
  big[i] = corpus[rnd() % corpus.length].replace(/\d+/g, (m) => String(rnd() % 10 ** Math.min(m.length, 9)));
}
for (const extractParams of [false, true]) {
  const best = [];
  for (let rep = 0; rep < 3; rep++) {
    const miner = new LogPatternMiner({ extractParams });
    const t0 = performance.now();
    for (let i = 0; i < totalLines; i++) miner.add(big[i]);
    const s = (performance.now() - t0) / 1000;
    best.push({ rate: totalLines / s, counters: miner.counters() });
  }
  best.sort((a, b) => b.rate - a.rate);
  const b = best[0];
  console.log(
    `throughput ${totalLines} lines, params ${extractParams ? 'on ' : 'off'}: ${Math.round(b.rate).toLocaleString('en-US')} lines/s (best of 3; ${b.counters.patterns} patterns, heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MB)`,
  );
}
