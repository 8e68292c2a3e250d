// The service under load: node:http, one route. CommonJS on purpose, so plain OpenTelemetry's zero-code
// `--require …/register` really instruments it (it records nothing from the same app written as ESM).
// HANDLER=trivial answers at once; HANDLER=cpu does ~1 ms of CPU work first.
const http = require('node:http');

const handler = process.env.HANDLER === 'cpu' ? 'cpu' : 'trivial';
const { work } = require('./work.cjs');
// HANDLER=cpu: WORK_ITERATIONS iterations, calibrated once by run.mjs to ~1 ms of CPU for every mode.
const ITERATIONS = Number(process.env.WORK_ITERATIONS || 0);
const spin = () => work(ITERATIONS);

const server = http.createServer((_req, res) => {
  if (handler === 'cpu') spin();
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' });
  res.end('ok');
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`ready ${server.address().port}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 300);
});
