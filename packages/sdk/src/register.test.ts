/**
 * The zero-code entry on an ESM app: `node --import @switchyard/sdk/register app.mjs` instruments
 * `import http from 'node:http'` (server and client spans in one trace) and flushes on exit.
 * Runs the built entry (dist/register.js): build first (`npx tsc -p packages/sdk`).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { type LoopbackOtlpServer, startLoopbackOtlpServer } from './test-support/loopback-otlp-server.js';

const REGISTER = fileURLToPath(new URL('../dist/register.js', import.meta.url));

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

function run(script: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', REGISTER, script], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.on('exit', (code) => resolve({ code, output }));
  });
}

const GRPC_APP = `
import grpc from '@grpc/grpc-js';
const path = '/demo.Echo/Say';
const def = { Say: { path, requestStream: false, responseStream: false,
  requestSerialize: (b) => b, requestDeserialize: (b) => b, responseSerialize: (b) => b, responseDeserialize: (b) => b } };
const server = new grpc.Server();
server.addService(def, { Say: (call, cb) => cb(null, call.request) });
const port = await new Promise((r, j) => server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? j(e) : r(p))));
const Client = grpc.makeGenericClientConstructor(def, 'Echo');
const client = new Client('127.0.0.1:' + port, grpc.credentials.createInsecure());
await new Promise((r, j) => client.Say(Buffer.from('hi'), (e) => (e ? j(e) : r())));
client.close();
server.forceShutdown();
`;

describe('@switchyard/sdk/register', () => {
  it('instruments @grpc/grpc-js imported by an ESM app (client and server spans of a unary call, one trace)', async () => {
    expect(existsSync(REGISTER), 'build the package first: npx tsc -p packages/sdk').toBe(true);
    server = await startLoopbackOtlpServer();
    // Inside the package, so the app resolves @grpc/grpc-js from the workspace's node_modules.
    const dir = mkdtempSync(join(fileURLToPath(new URL('..', import.meta.url)), '.test-app-'));
    try {
      const script = join(dir, 'grpc-app.mjs');
      writeFileSync(script, GRPC_APP);
      const { code, output } = await run(script, {
        OTEL_EXPORTER_OTLP_ENDPOINT: server.url,
        OTEL_SERVICE_NAME: 'grpc-app',
        OTEL_METRICS_EXPORTER: 'none',
        SWITCHYARD_CONFIG: '',
      });
      expect(code, output).toBe(0);
      const spans = server
        .batches('traces')
        .flatMap((b) => (b.signal === 'traces' ? b.data.resourceSpans : []))
        .flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans));
      const srv = spans.find((s) => s.attributes['rpc.system'] === 'grpc' && s.kind === 2);
      expect(srv?.name, output).toBe('grpc.demo.Echo/Say');
      expect(srv?.attributes['rpc.service']).toBe('demo.Echo');
      // The client comes from the default import's makeGenericClientConstructor (see grpc-esm-instrumentation).
      const cli = spans.find((s) => s.attributes['rpc.system'] === 'grpc' && s.kind === 3);
      expect(cli?.name, output).toBe('grpc.demo.Echo/Say');
      expect(srv?.traceId).toBe(cli?.traceId);
      expect(srv?.parentSpanId).toBe(cli?.spanId);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('instruments node:http imported by an ESM app and flushes on exit', async () => {
    expect(existsSync(REGISTER), 'build the package first: npx tsc -p packages/sdk').toBe(true);
    server = await startLoopbackOtlpServer();
    const dir = mkdtempSync(join(tmpdir(), 'sy-esm-'));
    const script = join(dir, 'app.mjs');
    writeFileSync(script, APP);
    const { code, output } = await run(script, {
      OTEL_EXPORTER_OTLP_ENDPOINT: server.url,
      OTEL_SERVICE_NAME: 'esm-app',
      OTEL_METRICS_EXPORTER: 'none',
      SWITCHYARD_CONFIG: '',
    });
    expect(code, output).toBe(0);
    const spans = server
      .batches('traces')
      .flatMap((b) => (b.signal === 'traces' ? b.data.resourceSpans : []))
      .flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans.map((s) => ({ s, rs }))));
    const serverSpan = spans.find(({ s }) => s.kind === 2);
    const clientSpan = spans.find(({ s }) => s.kind === 3);
    expect(serverSpan?.s.attributes['url.path']).toBe('/orders');
    expect(clientSpan).toBeDefined();
    expect(serverSpan!.s.traceId).toBe(clientSpan!.s.traceId);
    expect(serverSpan!.s.parentSpanId).toBe(clientSpan!.s.spanId);
    expect(serverSpan!.rs.resource.attributes['service.name']).toBe('esm-app');
  });
});
