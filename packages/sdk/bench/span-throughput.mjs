/**
 * Synthetic span throughput of a configured SDK against a loopback OTLP sink, versus the no-op API in the
 * same run. Yields to the event loop every 200 spans so batch exports run as they would in a server.
 * Run after building: node packages/sdk/bench/span-throughput.mjs 1   (or 3 for three exporters)
 */
import http from 'node:http';
import { trace } from '@opentelemetry/api';
import { configureObservability } from '../dist/index.js';

const sink = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => res.end());
});
await new Promise((r) => sink.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${sink.address().port}`;
const N = 200_000;
async function run(label) {
  const tracer = trace.getTracer('bench');
  for (let i = 0; i < 20000; i++) tracer.startSpan('warm', { attributes: { i } }).end();
  const t = process.hrtime.bigint();
  for (let i = 0; i < N; i++) {
    tracer.startSpan('op', { attributes: { 'http.route': '/orders', i } }).end();
    if (i % 200 === 0) await new Promise((r) => setImmediate(r));
  }
  const ns = Number(process.hrtime.bigint() - t);
  console.log(`${label}: ${(N / (ns / 1e9)).toFixed(0)} spans/s (${(ns / N).toFixed(0)} ns/span)`);
  return ns;
}
const baseline = await run('no SDK (API no-op)');
const mode = process.argv[2] === '3' ? '3' : '1';
const exportTo =
  mode === '3'
    ? { otlp: { endpoint: url }, hub: { endpoint: url }, jaeger: { vars: { JAEGER_OTLP_ENDPOINT: url } } }
    : { hub: { endpoint: url } };
const h = configureObservability({
  configFile: false,
  env: {},
  exportTo,
  instrumentations: { http: false, undici: false },
  batch: { maxQueueSize: 4096 },
});
const withSdk = await run(`SDK, ${mode} exporter(s)`);
console.log(`cost ratio vs no-op: ${(withSdk / baseline).toFixed(1)}x`);
await h.forceFlush();
console.log(
  JSON.stringify(
    Object.values(h.exporters).map(({ name, sent, failed, dropped }) => ({ name, sent, failed, dropped })),
  ),
);
await h.shutdown();
sink.close();
sink.closeAllConnections();
