/**
 * Span encoding micro-benchmark: CPU per span of OpenTelemetry's `ProtobufTraceSerializer`
 * (`@opentelemetry/otlp-transformer`) against the SDK's own encoder (packages/sdk/src/exporters/otlp-trace-encoder.ts)
 * on a batch of 512 HTTP server spans like the ones bench/sdk-overhead's service records (stable semconv
 * attributes, a correlation id each), recorded by the real OpenTelemetry SDK. Checks the bytes are equal first.
 *
 * Build first (`npx tsc -b packages/sdk`), then from the repo root: node bench/sdk-overhead/encode.mjs
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(`${root}packages/sdk/package.json`);
const {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} = require('@opentelemetry/sdk-trace-base');
const { ProtobufTraceSerializer } = require('@opentelemetry/otlp-transformer');
const { resourceFromAttributes } = require('@opentelemetry/resources');
const { encodeTraceRequest } = await import(`${root}packages/sdk/dist/exporters/otlp-trace-encoder.js`);

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({
  resource: resourceFromAttributes({
    'service.name': 'bench',
    'host.name': 'bench-host',
    'process.pid': process.pid,
    'process.runtime.name': 'nodejs',
    'telemetry.sdk.name': 'opentelemetry',
  }),
  spanProcessors: [new SimpleSpanProcessor(exporter)],
});
const tracer = provider.getTracer('@opentelemetry/instrumentation-http', '0.223.0');
for (let i = 0; i < 512; i++) {
  tracer
    .startSpan('GET', {
      kind: 1,
      attributes: {
        'http.request.method': 'GET',
        'url.scheme': 'http',
        'server.address': '127.0.0.1',
        'server.port': 40000,
        'network.peer.address': '127.0.0.1',
        'network.peer.port': 30000 + (i % 1000),
        'network.protocol.version': '1.1',
        'url.path': '/orders',
        'client.address': '127.0.0.1',
        'http.response.status_code': 200,
        'correlation.id': randomUUID(),
      },
    })
    .end();
}
const spans = exporter.getFinishedSpans();
const official = Buffer.from(ProtobufTraceSerializer.serializeRequest(spans));
const ours = Buffer.from(encodeTraceRequest(spans));
console.log(`512 spans, ${official.length} bytes, identical: ${official.equals(ours)}`);

const perSpan = (encode) => {
  for (let i = 0; i < 100; i++) encode(spans);
  const before = process.cpuUsage();
  const runs = 400;
  for (let i = 0; i < runs; i++) encode(spans);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / runs / spans.length;
};
for (let round = 1; round <= 3; round++) {
  const a = perSpan((s) => ProtobufTraceSerializer.serializeRequest(s));
  const b = perSpan(encodeTraceRequest);
  console.log(
    `round ${round}: otlp-transformer ${a.toFixed(2)} µs/span, switchyard ${b.toFixed(2)} µs/span (${(a / b).toFixed(2)}×)`,
  );
}
