/**
 * The zero-code entry on an ESM app: `node --import @switchyard/sdk/register app.mjs` instruments
 * `import http from 'node:http'` (server and client spans in one trace) and flushes on exit.
 * Runs the built entry (dist/register.js): build first (`npx tsc -p packages/sdk`).
 */
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { appSource, GRPC_ECHO_BODY, REGISTER, runInstrumentedApp } from './test-support/instrumented-app.js';
import { type LoopbackOtlpServer, startLoopbackOtlpServer } from './test-support/loopback-otlp-server.js';

const APP = `
import http from 'node:http';
const server = http.createServer((req, res) => res.end('ok'));
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = 'http://127.0.0.1:' + server.address().port + '/orders';
await new Promise((r) => http.get(url, (res) => { res.resume(); res.on('end', r); }));
server.close();
`;

let server: LoopbackOtlpServer | undefined;
afterEach(async () => {
  await server?.close();
});

const GRPC_APP = appSource('mjs', { grpc: '@grpc/grpc-js' }, GRPC_ECHO_BODY);

/** Runs an ESM app with the register entry against a loopback OTLP server; its spans with their resource. */
async function runApp(source: string, service: string) {
  expect(existsSync(REGISTER), 'build the package first: npx tsc -p packages/sdk').toBe(true);
  server = await startLoopbackOtlpServer();
  // runInstrumentedApp writes the app inside the package, so it resolves @grpc/grpc-js from the workspace.
  const { code, output } = await runInstrumentedApp(source, 'mjs', {
    OTEL_EXPORTER_OTLP_ENDPOINT: server.url,
    OTEL_SERVICE_NAME: service,
  });
  expect(code, output).toBe(0);
  const spans = server
    .batches('traces')
    .flatMap((b) => (b.signal === 'traces' ? b.data.resourceSpans : []))
    .flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans.map((s) => ({ s, rs }))));
  return { output, spans };
}

describe('@switchyard/sdk/register', () => {
  it('instruments @grpc/grpc-js imported by an ESM app (client and server spans of a unary call, one trace)', async () => {
    const run = await runApp(GRPC_APP, 'grpc-app');
    const { output } = run;
    const spans = run.spans.map(({ s }) => s);
    const srv = spans.find((s) => s.attributes['rpc.system'] === 'grpc' && s.kind === 2);
    expect(srv?.name, output).toBe('grpc.demo.Echo/Say');
    expect(srv?.attributes['rpc.service']).toBe('demo.Echo');
    // The client comes from the default import's makeGenericClientConstructor (see grpc-esm-instrumentation).
    const cli = spans.find((s) => s.attributes['rpc.system'] === 'grpc' && s.kind === 3);
    expect(cli?.name, output).toBe('grpc.demo.Echo/Say');
    expect(srv?.traceId).toBe(cli?.traceId);
    expect(srv?.parentSpanId).toBe(cli?.spanId);
  });

  it('instruments node:http imported by an ESM app and flushes on exit', async () => {
    const { spans } = await runApp(APP, 'esm-app');
    const serverSpan = spans.find(({ s }) => s.kind === 2);
    const clientSpan = spans.find(({ s }) => s.kind === 3);
    expect(serverSpan?.s.attributes['url.path']).toBe('/orders');
    expect(clientSpan).toBeDefined();
    expect(serverSpan!.s.traceId).toBe(clientSpan!.s.traceId);
    expect(serverSpan!.s.parentSpanId).toBe(clientSpan!.s.spanId);
    expect(serverSpan!.rs.resource.attributes['service.name']).toBe('esm-app');
  });
});
