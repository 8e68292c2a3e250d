/**
 * The browser entry in real Chromium (headless, /usr/bin/chromium; .ci/run installs it): a page on one origin
 * loads the bundled `@switchyard/sdk/web`, calls an API on another origin with fetch and XMLHttpRequest, and
 * exports its spans to the real hub, which answers the CORS preflight for the page's origin. The API
 * continues each trace from the `traceparent` it received and reports its span to the hub with the Node SDK:
 * the hub then shows the browser span and the back-end span in one trace.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { rolldown } from 'rolldown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  getJson,
  type HubProcess,
  startHubProcess,
} from '../../../../test/helpers/hub-process.js';
import { configureObservability } from '../configure/configure-observability.js';
import type { ObservabilityHandle } from '../configure/observability-handle.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface ApiCall {
  path: string;
  traceparent?: string;
  origin?: string;
}

const servers: Server[] = [];
let hub: HubProcess;
let backend: ObservabilityHandle;
let pageOrigin = '';
let apiOrigin = '';
const apiCalls: ApiCall[] = [];
let pageResult: Promise<{ ok: boolean; error?: string }>;
const tmp = mkdtempSync(join(tmpdir(), 'sy-web-'));

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function bundleWebEntry(): Promise<string> {
  const bundle = await rolldown({
    input: new URL('./index.ts', import.meta.url).pathname,
    platform: 'browser',
    resolve: { extensionAlias: { '.js': ['.ts', '.js'] } },
    logLevel: 'warn',
  });
  const { output } = await bundle.generate({ format: 'esm' });
  return output[0].code;
}

function page(hubUrl: string): string {
  return `<!doctype html><title>shop</title><script type="module">
import { configureWebObservability } from '/sdk.js';
const report = (r) => navigator.sendBeacon('/done', JSON.stringify(r));
try {
  const h = configureWebObservability({
    serviceName: 'shop-web',
    endpoint: ${JSON.stringify(hubUrl)},
    propagateTraceHeaderTo: [${JSON.stringify(apiOrigin)}],
    batch: { scheduleDelayMillis: 200 },
  });
  const r = await fetch(${JSON.stringify(`${apiOrigin}/api/orders`)});
  await r.text();
  await new Promise((res) => {
    const x = new XMLHttpRequest();
    x.open('GET', ${JSON.stringify(`${apiOrigin}/api/cart`)});
    x.onloadend = res;
    x.send();
  });
  await new Promise((res) => setTimeout(res, 1000)); // fetch spans end once resource timing is in
  await h.forceFlush();
  report({ ok: true });
} catch (e) {
  report({ ok: false, error: String((e && e.stack) || e) });
}
</script>`;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  const code = await bundleWebEntry();
  let finish: (r: { ok: boolean; error?: string }) => void = () => {};
  pageResult = new Promise((r) => {
    finish = r;
  });
  let html = '';
  pageOrigin = await listen((req, res) => {
    if (req.url === '/sdk.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(code);
    else if (req.url === '/done') {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString();
      });
      req.on('end', () => {
        res.writeHead(204).end();
        finish(JSON.parse(body) as { ok: boolean; error?: string });
      });
    } else if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    else res.writeHead(404).end();
  });
  // The hub accepts browser exports from the page's origin only (CORS).
  const config = join(tmp, 'switchyard.yaml');
  writeFileSync(
    config,
    `receivers:\n  otlp:\n    http:\n      cors:\n        allowedOrigins: ['${pageOrigin}']\n`,
  );
  hub = await startHubProcess(['--config', config]);
  backend = configureObservability({
    configFile: false,
    env: {},
    serviceName: 'shop-api',
    instrumentations: { http: false, undici: false },
    exportTo: { hub: { endpoint: hub.otlpHttp } },
  });
  const tracer = trace.getTracer('shop-api');
  apiOrigin = await listen((req, res) => {
    const cors = {
      'access-control-allow-origin': pageOrigin,
      'access-control-allow-headers': 'traceparent, tracestate, baggage',
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end();
      return;
    }
    apiCalls.push({
      path: req.url ?? '',
      traceparent: String(req.headers.traceparent ?? ''),
      origin: req.headers.origin ?? '',
    });
    // What the server instrumentation does: continue the caller's trace.
    const parent = propagation.extract(context.active(), req.headers);
    tracer.startSpan(`GET ${req.url}`, { kind: SpanKind.SERVER }, parent).end();
    res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end('{"ok":true}');
  });
  html = page(hub.otlpHttp);
}, 90_000);

afterAll(async () => {
  await backend?.shutdown();
  await hub?.stop();
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
  rmSync(tmp, { recursive: true, force: true });
});

function runChromium(url: string): ChildProcess {
  return spawn(
    CHROMIUM,
    [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--no-default-browser-check',
      `--user-data-dir=${join(tmp, 'profile')}`,
      url,
    ],
    { stdio: 'ignore' },
  );
}

describe('@switchyard/sdk/web in Chromium', () => {
  it('joins browser fetch/XHR spans and back-end spans in one trace at the hub, through CORS', async () => {
    const browser = runChromium(`${pageOrigin}/`);
    let result: { ok: boolean; error?: string };
    try {
      result = await Promise.race([
        pageResult,
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('page did not finish in 45 s')), 45_000),
        ),
      ]);
    } finally {
      browser.kill('SIGKILL');
    }
    expect(result).toEqual({ ok: true });
    await backend.forceFlush();

    const byPath = (p: string) => apiCalls.find((c) => c.path === p)!;
    for (const path of ['/api/orders', '/api/cart']) {
      const call = byPath(path);
      expect(call.origin).toBe(pageOrigin);
      expect(call.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      const [, traceId, browserSpanId] = call.traceparent!.split('-');
      const spans = await eventually(async () => {
        const r = await getJson(`${hub.api}/api/traces/${traceId}`);
        const s =
          r.status === 200
            ? (r.body.spans as Array<{ resource: { attributes: Record<string, unknown> } }>)
            : [];
        return s.length >= 2 ? s : undefined;
      });
      const service = (s: { resource: { attributes: Record<string, unknown> } }) =>
        s.resource.attributes['service.name'];
      const front = spans.find((s) => service(s) === 'shop-web') as unknown as {
        spanId: string;
        resource: { attributes: Record<string, unknown> };
        attributes: Record<string, unknown>;
      };
      const back = spans.find((s) => service(s) === 'shop-api') as unknown as {
        parentSpanId: string;
        name: string;
      };
      expect(front.spanId).toBe(browserSpanId);
      expect(front.resource.attributes).toMatchObject({
        'telemetry.sdk.language': 'webjs',
        'telemetry.distro.name': '@switchyard/sdk/web',
      });
      expect(back.parentSpanId).toBe(front.spanId);
      expect(back.name).toBe(`GET ${path}`);
    }
  }, 90_000);
});
