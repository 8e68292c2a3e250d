import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import {
  Metadata,
  Server,
  ServerCredentials,
  type ServerUnaryCall,
  type ServiceDefinition,
  type sendUnaryData,
  status,
} from '@grpc/grpc-js';
import { decodeRequest, encodeExportResponse, type Signal, type TelemetryBatch } from '@switchyard/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SelfMetrics } from '../self/self-metrics.js';
import { OTLP_GRPC_METHODS, OtlpGrpcExporter } from './otlp-grpc-exporter.js';
import { spanBatch, spanIds } from './testing/spans.js';

type Handler = (call: ServerUnaryCall<Buffer, Buffer>, cb: sendUnaryData<Uint8Array>) => void;

let server: Server;
let endpoint: string;
let handler: Handler;
const got: { batch: TelemetryBatch; metadata: Metadata }[] = [];
const exporters: OtlpGrpcExporter[] = [];

function service(signal: Signal): ServiceDefinition {
  return {
    Export: {
      path: OTLP_GRPC_METHODS[signal],
      requestStream: false,
      responseStream: false,
      requestSerialize: (b: Buffer) => b,
      requestDeserialize: (b: Buffer) => b,
      responseSerialize: (b: Uint8Array) => Buffer.from(b),
      responseDeserialize: (b: Buffer) => b,
    },
  } as ServiceDefinition;
}

beforeEach(async () => {
  got.length = 0;
  handler = (_call, cb) => cb(null, encodeExportResponse('traces', undefined, 'protobuf'));
  server = new Server();
  for (const signal of ['traces', 'metrics', 'logs'] as const) {
    server.addService(service(signal), {
      Export: (call: ServerUnaryCall<Buffer, Buffer>, cb: sendUnaryData<Uint8Array>) => {
        got.push({ batch: decodeRequest(signal, call.request, 'protobuf'), metadata: call.metadata });
        handler(call, cb);
      },
    });
  }
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  endpoint = `http://127.0.0.1:${port}`;
});

afterEach(async () => {
  for (const e of exporters.splice(0)) await e.shutdown();
  server.forceShutdown();
});

function exporter(compression: 'none' | 'gzip' = 'none', metrics?: SelfMetrics): OtlpGrpcExporter {
  const e = new OtlpGrpcExporter({
    name: 'g',
    endpoint,
    compression,
    headers: { 'X-Tenant': 'acme' },
    metrics,
    log: () => {},
  });
  exporters.push(e);
  return e;
}

/** Hand-encoded google.rpc.Status{code, details:[Any{RetryInfo{retry_delay{seconds, nanos}}}]}. */
function statusWithRetryInfo(code: number, seconds: number, nanos: number): Buffer {
  const len = (field: number, b: Buffer): Buffer =>
    Buffer.concat([Buffer.from([(field << 3) | 2, b.length]), b]);
  const duration = Buffer.from([0x08, seconds, 0x10, ...varint(nanos)]);
  const retryInfo = len(1, duration);
  const any = Buffer.concat([
    len(1, Buffer.from('type.googleapis.com/google.rpc.RetryInfo')),
    len(2, retryInfo),
  ]);
  return Buffer.concat([Buffer.from([0x08, code]), len(3, any)]);
}
function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}

describe('OtlpGrpcExporter', () => {
  it('exports spans with metadata headers, and with gzip', async () => {
    expect(await exporter().push(spanBatch(1, 4))).toEqual({ kind: 'success' });
    expect(await exporter('gzip').push(spanBatch(5, 2))).toEqual({ kind: 'success' });
    expect(got.map((g) => spanIds(g.batch))).toEqual([spanIds(spanBatch(1, 4)), spanIds(spanBatch(5, 2))]);
    expect(got[0]!.metadata.get('x-tenant')).toEqual(['acme']);
  });

  it('sends gzip-compressed messages on the wire when compression is gzip', async () => {
    // grpc-js servers hide the encoding, so look at the raw HTTP/2 request: header and frame flag byte.
    const seen: { encoding: unknown; compressedFlag: number | undefined }[] = [];
    const raw = http2.createServer();
    raw.on('stream', (stream, headers) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        seen.push({ encoding: headers['grpc-encoding'], compressedFlag: Buffer.concat(chunks)[0] });
        stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
        stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
        stream.end(Buffer.from([0, 0, 0, 0, 0]));
      });
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
    try {
      expect(await exporter('gzip').push(spanBatch(1, 50))).toEqual({ kind: 'success' });
      expect(seen).toEqual([{ encoding: 'gzip', compressedFlag: 1 }]);
    } finally {
      for (const e of exporters.splice(0)) await e.shutdown();
      await new Promise((resolve) => raw.close(resolve));
    }
  });

  it('counts rejected items of a partial success', async () => {
    const metrics = new SelfMetrics();
    handler = (_c, cb) =>
      cb(null, encodeExportResponse('traces', { rejected: 3, errorMessage: 'x' }, 'protobuf'));
    expect((await exporter('none', metrics).push(spanBatch(1, 4))).kind).toBe('success');
    expect(
      metrics.value('switchyard_exporter_rejected_items_total', { exporter: 'g', signal: 'traces' }),
    ).toBe(3);
  });

  it('treats UNAVAILABLE as retryable and RESOURCE_EXHAUSTED as retryable only with RetryInfo', async () => {
    const e = exporter();
    handler = (_c, cb) => cb({ code: status.UNAVAILABLE, details: 'draining' });
    expect(await e.push(spanBatch(1, 1))).toEqual({
      kind: 'retryable',
      message: 'gRPC UNAVAILABLE: draining',
    });

    handler = (_c, cb) => {
      const md = new Metadata();
      md.set('grpc-status-details-bin', statusWithRetryInfo(8, 2, 500_000_000));
      cb({ code: status.RESOURCE_EXHAUSTED, details: 'slow down', metadata: md });
    };
    const withInfo = await e.push(spanBatch(1, 1));
    expect(withInfo).toEqual({
      kind: 'retryable',
      message: 'gRPC RESOURCE_EXHAUSTED: slow down',
      retryAfterMs: 2500,
    });

    handler = (_c, cb) => cb({ code: status.RESOURCE_EXHAUSTED, details: 'quota' });
    expect((await e.push(spanBatch(1, 1))).kind).toBe('permanent');
  });

  it('treats INVALID_ARGUMENT and UNAUTHENTICATED as permanent', async () => {
    const e = exporter();
    handler = (_c, cb) => cb({ code: status.INVALID_ARGUMENT, details: 'bad' });
    expect((await e.push(spanBatch(1, 1))).kind).toBe('permanent');
    handler = (_c, cb) => cb({ code: status.UNAUTHENTICATED, details: 'no token' });
    expect((await e.push(spanBatch(1, 1))).kind).toBe('permanent');
  });

  it('cancels the call when the signal aborts, as a retryable failure', async () => {
    handler = () => {};
    const controller = new AbortController();
    const pending = exporter().push(spanBatch(1, 1), controller.signal);
    setTimeout(() => controller.abort(), 50);
    const r = await pending;
    expect(r.kind === 'retryable' && r.message).toContain('CANCELLED');
  });

  it('reports an unreachable server as retryable', async () => {
    server.forceShutdown();
    const r = await exporter().push(spanBatch(1, 1));
    expect(r.kind === 'retryable' && r.message).toContain('UNAVAILABLE');
  });
});
