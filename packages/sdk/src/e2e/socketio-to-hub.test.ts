/**
 * End to end through the real hub: an ESM app run with the zero-code entry (`node --import
 * @switchyard/sdk/register`) starts a socket.io server, connects a socket.io-client to it, emits an event and
 * waits for the ack, then has the server emit an event back, all inside one `work` span. The hub shows the
 * socket.io instrumentation's receive (CONSUMER) and send (PRODUCER) spans with the messaging attributes it
 * documents (`messaging.system` socket.io, `messaging.destination` the namespace, `messaging.operation`
 * receive, `messaging.socket.io.event_name`); the server-side emit inside `work` is its child. With the
 * `socketio` switch off by env the same app produces no socket.io span.
 * Needs the built SDK (`npx tsc -b packages/sdk`); socket.io and socket.io-client are devDependencies.
 */
import { describe, expect, it } from 'vitest';
import { useHubProcess } from '../../../../test/helpers/hub-process.js';
import { findSpan, runInstrumentedApp, spansOf } from '../test-support/instrumented-app.js';

const PRODUCER = 4;
const CONSUMER = 5;

const hub = useHubProcess();

/** The client's `ping` is acked by the server; the server's `news` (emitted inside `work`) reaches the client. */
const APP = `
import { trace } from '@opentelemetry/api';
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { io as connect } from 'socket.io-client';
const http = createServer();
const io = new Server(http);
const serverSocket = new Promise((resolve) => io.on('connection', (socket) => {
  socket.on('ping', (text, ack) => ack('pong:' + text));
  resolve(socket);
}));
await new Promise((r) => http.listen(0, '127.0.0.1', r));
const client = connect('http://127.0.0.1:' + http.address().port, { transports: ['websocket'] });
const news = new Promise((resolve) => client.on('news', resolve));
await trace.getTracer('app').startActiveSpan('work', async (span) => {
  const answer = await client.timeout(5000).emitWithAck('ping', 'hi');
  if (answer !== 'pong:hi') throw new Error('socket.io answered wrong: ' + answer);
  (await serverSocket).emit('news', 'hello');
  if ((await news) !== 'hello') throw new Error('socket.io news wrong');
  span.end();
});
client.close();
io.close();
`;

async function run(service: string, env: Record<string, string> = {}) {
  const { code, output } = await runInstrumentedApp(APP, 'mjs', {
    OTEL_EXPORTER_OTLP_ENDPOINT: hub().otlpHttp,
    OTEL_SERVICE_NAME: service,
    ...env,
  });
  expect(code, output).toBe(0);
}

describe('socket.io spans through the hub', () => {
  it('a received event and a server emit give receive and send spans with the messaging attributes', async () => {
    await run('e2e-socketio');
    const spans = await spansOf(hub().api, 'e2e-socketio', 3);
    const work = findSpan(spans, 'work span', (s) => s.name === 'work');
    const receive = findSpan(
      spans,
      'socket.io receive span of ping',
      (s) => s.attributes['messaging.socket.io.event_name'] === 'ping',
    );
    expect(receive).toMatchObject({
      name: 'receive /',
      kind: CONSUMER,
      attributes: {
        'messaging.system': 'socket.io',
        'messaging.destination': '/',
        'messaging.operation': 'receive',
      },
    });
    const send = findSpan(
      spans,
      'socket.io send span of news',
      (s) => s.attributes['messaging.socket.io.event_name'] === 'news',
    );
    expect(send).toMatchObject({
      name: 'send /',
      kind: PRODUCER,
      attributes: {
        'messaging.system': 'socket.io',
        'messaging.destination': '/',
        'messaging.socket.io.namespace': '/',
      },
    });
    // socket.io carries no trace context from the client: the receive span starts a trace of its own.
    expect(receive.traceId).not.toBe(work.traceId);
    expect(send.traceId).toBe(work.traceId);
    expect(send.parentSpanId).toBe(work.spanId);
  });

  it('with the socketio switch off by env the same app produces no socket.io span', async () => {
    await run('e2e-socketio-off', { OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'socketio' });
    // What is left: `work` and the node:http client span of the client's websocket upgrade (`GET`).
    const spans = await spansOf(hub().api, 'e2e-socketio-off', 2);
    expect(spans.map((s) => s.name).sort()).toEqual(['GET', 'work']);
  });
});
