/**
 * End to end through the real hub: apps run as child processes with the zero-code entry
 * (`node --import @switchyard/sdk/register`), as ESM and as CJS, and their auto-instrumentation spans are
 * read back from the hub's HTTP API — express and fastify server spans with `http.route`, fetch (undici)
 * and node:http client spans in the same trace as the server span they called, and grpc client + server
 * spans in one trace. Then the switches: instrumentations turned off by env produce no spans.
 * Needs the built SDK (`npx tsc -b packages/sdk`).
 */
import { describe, expect, it } from 'vitest';
import { useHubProcess } from '../../../../test/helpers/hub-process.js';
import {
  appSource,
  findSpan,
  GRPC_ECHO_BODY,
  type HubSpan,
  runInstrumentedApp,
  spansOf,
} from '../test-support/instrumented-app.js';

const SERVER = 2;
const CLIENT = 3;

const hub = useHubProcess();

/** Calls the app's own `/users/1` with fetch and `/users/2` with node:http. */
const CALL_SELF = `
const base = 'http://127.0.0.1:' + port;
const viaFetch = await fetch(base + '/users/1');
if ((await viaFetch.json()).id !== '1') throw new Error('fetch answered wrong');
await new Promise((resolve, reject) => http.get(base + '/users/2', (res) => { res.resume(); res.on('end', resolve); }).on('error', reject));
`;

const EXPRESS_BODY = `
const server = express();
server.get('/users/:id', (req, res) => res.json({ id: req.params.id }));
const listener = await new Promise((r) => { const l = server.listen(0, '127.0.0.1', () => r(l)); });
const port = listener.address().port;
${CALL_SELF}
listener.close();
`;

const FASTIFY_BODY = `
const server = Fastify();
server.get('/users/:id', async (req) => ({ id: req.params.id }));
await server.listen({ port: 0, host: '127.0.0.1' });
const port = server.server.address().port;
${CALL_SELF}
await server.close();
`;

async function run(service: string, source: string, ext: 'mjs' | 'cjs', env: Record<string, string> = {}) {
  const { code, output } = await runInstrumentedApp(source, ext, {
    OTEL_EXPORTER_OTLP_ENDPOINT: hub().otlpHttp,
    OTEL_SERVICE_NAME: service,
    ...env,
  });
  expect(code, output).toBe(0);
  return output;
}

/** The server span of `/users/<id>` and the client span that called it, checked to be parent and child. */
function callPair(spans: HubSpan[], id: string): { server: HubSpan; client: HubSpan } {
  const server = findSpan(
    spans,
    `server span of /users/${id}`,
    (s) => s.kind === SERVER && s.attributes['url.path'] === `/users/${id}`,
  );
  const client = findSpan(
    spans,
    `client span of /users/${id}`,
    (s) => s.kind === CLIENT && String(s.attributes['url.full']).endsWith(`/users/${id}`),
  );
  expect(server.traceId).toBe(client.traceId);
  expect(server.parentSpanId).toBe(client.spanId);
  return { server, client };
}

describe.each(['mjs', 'cjs'] as const)('auto-instrumentation through the hub (%s app)', (ext) => {
  it('express: server spans carry http.route; fetch and node:http client spans share their traces', async () => {
    const service = `e2e-express-${ext}`;
    await run(service, appSource(ext, { express: 'express', http: 'node:http' }, EXPRESS_BODY), ext);
    const spans = await spansOf(hub().api, service, 4);
    // One client span per call: express's require('http') must not patch node:http a second time.
    expect(spans.filter((s) => s.kind === CLIENT)).toHaveLength(2);
    for (const id of ['1', '2']) {
      const { server } = callPair(spans, id);
      expect(server.attributes['http.route']).toBe('/users/:id');
      expect(server.name).toBe('GET /users/:id');
    }
    // express's own spans (router/middleware/handler) are children in the same traces.
    const handler = findSpan(
      spans,
      'express request handler',
      (s) => s.attributes['express.type'] === 'request_handler',
    );
    expect(handler.attributes['http.route']).toBe('/users/:id');
  });

  it('fastify: server spans carry http.route; fetch and node:http client spans share their traces', async () => {
    const service = `e2e-fastify-${ext}`;
    await run(service, appSource(ext, { Fastify: 'fastify', http: 'node:http' }, FASTIFY_BODY), ext);
    const spans = await spansOf(hub().api, service, 4);
    for (const id of ['1', '2']) {
      const { server } = callPair(spans, id);
      expect(server.attributes['http.route']).toBe('/users/:id');
      const request = findSpan(
        spans,
        `fastify request span of /users/${id}`,
        (s) =>
          s.attributes['fastify.root'] === '@fastify/otel' && s.attributes['url.path'] === `/users/${id}`,
      );
      expect(request.traceId).toBe(server.traceId);
      expect(request.parentSpanId).toBe(server.spanId);
    }
  });

  it('grpc: a generic client call gives a client span and a server span in one trace', async () => {
    const service = `e2e-grpc-${ext}`;
    await run(service, appSource(ext, { grpc: '@grpc/grpc-js' }, GRPC_ECHO_BODY), ext);
    const spans = await spansOf(hub().api, service, 2);
    const server = findSpan(
      spans,
      'grpc server span',
      (s) => s.kind === SERVER && s.attributes['rpc.system'] === 'grpc',
    );
    const client = findSpan(
      spans,
      'grpc client span',
      (s) => s.kind === CLIENT && s.attributes['rpc.system'] === 'grpc',
    );
    expect(client.name).toBe('grpc.demo.Echo/Say');
    expect(client.attributes['rpc.service']).toBe('demo.Echo');
    expect(server.traceId).toBe(client.traceId);
    expect(server.parentSpanId).toBe(client.spanId);
  });
});

describe('instrumentation switches through the hub', () => {
  it('OTEL_NODE_DISABLED_INSTRUMENTATIONS: no spans from express, fastify, undici or grpc; http still on', async () => {
    const service = 'e2e-switches-off';
    // Each body in its own block: they declare the same names.
    const body = `{${EXPRESS_BODY}}\n{${FASTIFY_BODY}}\n{${GRPC_ECHO_BODY}}`;
    await run(
      service,
      appSource(
        'mjs',
        { express: 'express', Fastify: 'fastify', http: 'node:http', grpc: '@grpc/grpc-js' },
        body,
      ),
      'mjs',
      {
        OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'express,fastify,undici,grpc',
      },
    );
    // Only node:http remains: a server span per request (4) and a client span per http.get (2).
    const spans = await spansOf(hub().api, service, 6);
    expect(spans.filter((s) => s.attributes['rpc.system'] === 'grpc')).toEqual([]);
    expect(
      spans.filter(
        (s) =>
          'express.type' in s.attributes || 'fastify.root' in s.attributes || 'hook.name' in s.attributes,
      ),
    ).toEqual([]);
    expect(spans.filter((s) => s.attributes['http.route'] !== undefined)).toEqual([]);
    const clients = spans.filter((s) => s.kind === CLIENT);
    expect(clients.map((s) => String(s.attributes['url.full']).replace(/:\d+/, ''))).toEqual([
      'http://127.0.0.1/users/2',
      'http://127.0.0.1/users/2',
    ]);
    expect(spans.filter((s) => s.kind === SERVER)).toHaveLength(4);
  });

  it('OTEL_NODE_ENABLED_INSTRUMENTATIONS=grpc: only grpc spans, none from http, express or undici', async () => {
    const service = 'e2e-switches-only-grpc';
    const body = `{${EXPRESS_BODY}}\n{${GRPC_ECHO_BODY}}`;
    await run(
      service,
      appSource('mjs', { express: 'express', http: 'node:http', grpc: '@grpc/grpc-js' }, body),
      'mjs',
      {
        OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'grpc',
      },
    );
    const spans = await spansOf(hub().api, service, 2);
    expect(spans.map((s) => s.name).sort()).toEqual(['grpc.demo.Echo/Say', 'grpc.demo.Echo/Say']);
  });
});
