// Closed-loop keep-alive load generator on raw sockets (a separate process from the service). Hand-written
// instead of node:http's client, which costs more CPU per request than the server under test and would cap
// the measured throughput on a 2-core machine. Each connection sends one GET, reads one response (headers +
// content-length body), records the latency, sends the next.
// Usage: node load.mjs PORT CONNECTIONS WARMUP_S DURATION_S  → prints {"rps":…,"p50":…,"p99":…} (ms)
import net from 'node:net';

const [port, connections = 32, warmupS = 2, durationS = 5] = process.argv.slice(2).map(Number);
const REQUEST = Buffer.from('GET /orders HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
const latencies = new Float64Array(4_000_000);
let count = 0;
let measuring = false;
let stopped = false;
let errors = 0;

function connect() {
  const socket = net.connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  let buf = '';
  let sentAt = 0n;
  const send = () => {
    sentAt = process.hrtime.bigint();
    socket.write(REQUEST);
  };
  socket.on('connect', send);
  socket.on('error', () => {
    errors++;
  });
  socket.setEncoding('latin1');
  socket.on('data', (chunk) => {
    buf += chunk;
    for (;;) {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const m = /content-length: *(\d+)/i.exec(buf.slice(0, end));
      const total = end + 4 + (m ? Number(m[1]) : 0);
      if (buf.length < total) return;
      buf = buf.slice(total);
      if (measuring && count < latencies.length)
        latencies[count++] = Number(process.hrtime.bigint() - sentAt) / 1e6;
      if (stopped) {
        socket.destroy();
        return;
      }
      send();
    }
  });
}

for (let i = 0; i < connections; i++) connect();
await new Promise((r) => setTimeout(r, warmupS * 1000));
measuring = true;
process.stdout.write('measuring\n'); // the orchestrator samples the service's CPU time now and at the end
const t0 = process.hrtime.bigint();
await new Promise((r) => setTimeout(r, durationS * 1000));
measuring = false;
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
stopped = true;
const sorted = latencies.slice(0, count).sort();
const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
process.stdout.write(
  `${JSON.stringify({ rps: count / seconds, p50: q(0.5), p99: q(0.99), requests: count, errors })}\n`,
);
process.exit(0);
