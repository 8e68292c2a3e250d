/**
 * @module Test support for the auto-instrumentation tests: writes an app's source (ESM or CJS) and runs it as a
 * child process with the zero-code entry (`node --import <dist/register.js> app.mjs|app.cjs`), exporting
 * OTLP/HTTP to a real hub (or a loopback OTLP server), and reads the app's spans back from the hub's HTTP API. The app is written inside packages/sdk so it
 * resolves express, fastify, @grpc/grpc-js, pg, ioredis … from the workspace's node_modules.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventually, getJson } from '../../../../test/helpers/hub-process.js';

export const REGISTER = fileURLToPath(new URL('../../dist/register.js', import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** A span as the hub's `/api/traces/:id` returns it (the fields these tests read). */
export interface HubSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** OTLP span kind: 2 server, 3 client. */
  kind: number;
  attributes: Record<string, unknown>;
  scope?: { name: string };
}

export interface AppRun {
  code: number | null;
  output: string;
}

/** Import lines for ESM or require lines for CJS. */
function header(ext: 'mjs' | 'cjs', imports: Record<string, string>): string {
  return Object.entries(imports)
    .map(([name, pkg]) =>
      ext === 'mjs' ? `import ${name} from '${pkg}';` : `const ${name} = require('${pkg}');`,
    )
    .join('\n');
}

/** An app's source: its imports, then the body (the same for both; CJS has no top-level await, so wrapped). */
export function appSource(ext: 'mjs' | 'cjs', imports: Record<string, string>, body: string): string {
  const main =
    ext === 'mjs'
      ? body
      : `(async () => {\n${body}\n})().catch((e) => { console.error(e); process.exit(1); });`;
  return `${header(ext, imports)}\n${main}\n`;
}

/** A grpc echo server and a unary call to it from a client of the same app (needs `grpc` imported). */
export const GRPC_ECHO_BODY = `
const def = { Say: { path: '/demo.Echo/Say', requestStream: false, responseStream: false,
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

/** Runs `source` as `app.<ext>` with the register entry; resolves when it exits (killed after 30 s). */
export function runInstrumentedApp(
  source: string,
  ext: 'mjs' | 'cjs',
  env: Record<string, string>,
): Promise<AppRun> {
  if (!existsSync(REGISTER)) throw new Error(`build the SDK first (npx tsc -b packages/sdk): ${REGISTER}`);
  const dir = mkdtempSync(join(PACKAGE_DIR, '.test-app-'));
  const script = join(dir, `app.${ext}`);
  writeFileSync(script, source);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', REGISTER, script], {
      env: {
        PATH: process.env.PATH ?? '',
        SWITCHYARD_CONFIG: '',
        OTEL_METRICS_EXPORTER: 'none',
        OTEL_LOGS_EXPORTER: 'none',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const append = (d: Buffer): void => {
      output += d.toString();
    };
    child.stdout.on('data', append);
    child.stderr.on('data', append);
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, output });
    });
  });
}

/** Every span of `service` in the hub, once at least `min` have arrived. */
export async function spansOf(api: string, service: string, min: number): Promise<HubSpan[]> {
  return eventually(async () => {
    const list = await getJson(`${api}/api/traces?service=${encodeURIComponent(service)}&limit=100`);
    if (list.status !== 200) return undefined;
    const bySpanId = new Map<string, HubSpan>();
    for (const traceId of new Set((list.body.traces as Array<{ traceId: string }>).map((t) => t.traceId))) {
      const r = await getJson(`${api}/api/traces/${traceId}`);
      if (r.status === 200) for (const s of r.body.spans as HubSpan[]) bySpanId.set(s.spanId, s);
    }
    const spans = [...bySpanId.values()];
    return spans.length >= min ? spans : undefined;
  });
}

/** The one span matching `predicate`, with a readable failure listing what arrived. */
export function findSpan(spans: HubSpan[], what: string, predicate: (s: HubSpan) => boolean): HubSpan {
  const found = spans.find(predicate);
  if (!found)
    throw new Error(
      `no ${what} among: ${JSON.stringify(spans.map((s) => ({ name: s.name, kind: s.kind, attributes: s.attributes })))}`,
    );
  return found;
}
