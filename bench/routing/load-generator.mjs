#!/usr/bin/env node
// Load generator for bench/routing/hub.mjs, run as its own process so it does not share an event loop with
// the sink. Prints one JSON line with its results.
//   node load-generator.mjs throughput URL SECONDS CONCURRENCY   → { ok, spans, statuses, ms }
//   node load-generator.mjs probe URL COUNT PER_SECOND           → { sends: [[i, sentAt, ackedAt, status]] }
// Times are epoch milliseconds with sub-millisecond precision (performance.timeOrigin + now), comparable
// across processes on one machine.
import { loadPayloads, probePayload } from './payloads.mjs';

const [mode, url, a, b] = process.argv.slice(2);
const epoch = () => performance.timeOrigin + performance.now();
const post = async (body) => {
  const res = await fetch(`${url}/v1/traces`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-protobuf' },
  });
  await res.arrayBuffer();
  return res.status;
};

if (mode === 'throughput') {
  const payloads = loadPayloads();
  const seconds = Number(a);
  const concurrency = Number(b);
  const warmupEnd = performance.now() + 1000;
  const end = warmupEnd + seconds * 1000;
  let ok = 0;
  let n = 0;
  const statuses = {};
  const worker = async () => {
    while (performance.now() < end) {
      const status = await post(payloads[n++ % payloads.length]);
      statuses[status] = (statuses[status] ?? 0) + 1;
      // Only requests answered inside the measuring window count (the first second warms up).
      if (status === 200 && performance.now() >= warmupEnd && performance.now() < end) ok++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const sent = Object.values(statuses).reduce((x, y) => x + y, 0);
  console.log(JSON.stringify({ ok, spans: ok * 100, sentSpans: sent * 100, statuses, ms: seconds * 1000 }));
} else if (mode === 'probe') {
  const count = Number(a);
  const perSecond = Number(b);
  const sends = [];
  const pending = [];
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const due = t0 + (i * 1000) / perSecond;
    while (performance.now() < due) await new Promise((r) => setTimeout(r, 1));
    const body = probePayload(i);
    const sentAt = epoch();
    pending.push(post(body).then((status) => sends.push([i, sentAt, epoch(), status])));
  }
  await Promise.all(pending);
  console.log(JSON.stringify({ sends }));
} else {
  console.error('usage: load-generator.mjs throughput URL SECONDS CONCURRENCY | probe URL COUNT PER_SECOND');
  process.exit(2);
}
