/**
 * Pass-through: when no processor changes the data, OTLP → OTLP forwarding sends the bytes the hub received
 * (through the memory queue and through the durable queue alike) instead of re-encoding them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type HubProcess, startHubProcess } from '../helpers/hub-process.js';

const dir = mkdtempSync(join(tmpdir(), 'sy-pass-'));
const received = new Map<string, Buffer[]>();
let upstream: Server;
let hub: HubProcess;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const key = req.url ?? '';
      received.set(key, [...(received.get(key) ?? []), Buffer.concat(chunks)]);
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  const cfg = join(dir, 'switchyard.yaml');
  writeFileSync(
    cfg,
    [
      'exporters:',
      `  mem: { type: otlp_http, endpoint: "${base}/mem", compression: none }`,
      `  disk: { type: otlp_http, endpoint: "${base}/disk", compression: none, durable: true }`,
      'routes:',
      '  - { signals: [traces], exporters: [mem, disk] }',
      '',
    ].join('\n'),
  );
  hub = await startHubProcess(['--config', cfg]);
}, 60_000);

afterAll(async () => {
  expect(await hub?.stop()).toBe(0);
  upstream?.close();
  rmSync(dir, { recursive: true, force: true });
});

function officialRequestBytes(): Uint8Array {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'pass' }),
    spanProcessors: [new SimpleSpanProcessor(memory)],
  });
  const tracer = provider.getTracer('pass-through');
  for (let i = 0; i < 5; i++) tracer.startSpan(`op-${i}`, { attributes: { i, odd: i % 2 === 1 } }).end();
  return ProtobufTraceSerializer.serializeRequest(memory.getFinishedSpans())!;
}

describe('OTLP pass-through', () => {
  it('forwards the received protobuf bytes unchanged through memory and durable queues', async () => {
    const sent = officialRequestBytes();
    const res = await fetch(`${hub.otlpHttp}/v1/traces`, {
      method: 'POST',
      body: sent,
      headers: { 'content-type': 'application/x-protobuf' },
    });
    expect(res.status).toBe(200);
    const bodies = await eventually(async () => {
      const mem = received.get('/mem/v1/traces');
      const disk = received.get('/disk/v1/traces');
      return mem && disk ? { mem, disk } : undefined;
    });
    expect(Buffer.compare(bodies.mem[0]!, Buffer.from(sent))).toBe(0);
    expect(Buffer.compare(bodies.disk[0]!, Buffer.from(sent))).toBe(0);
  });
});
