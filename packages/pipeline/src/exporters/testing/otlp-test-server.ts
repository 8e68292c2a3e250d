/**
 * @module A loopback OTLP/HTTP server for tests: decodes every request (protobuf or JSON, gzip or not) with
 * the core codec, records it, and answers as a script says — a status with headers, or a connection reset.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { decodeRequest, type OtlpFormat, type Signal, type TelemetryBatch } from '@switchyard/core';

export interface ReceivedRequest {
  signal: Signal;
  format: OtlpFormat;
  gzip: boolean;
  headers: http.IncomingHttpHeaders;
  batch: TelemetryBatch;
}

export type Reply =
  | { status: number; headers?: Record<string, string>; body?: Uint8Array | string }
  | { reset: true };

export type Responder = (req: ReceivedRequest, n: number) => Reply;

export class OtlpTestServer {
  /** Every decoded request, whatever the reply. */
  readonly requests: ReceivedRequest[] = [];
  /** Requests answered with a status below 300. */
  readonly delivered: ReceivedRequest[] = [];
  /** Replace to change behaviour mid-test. */
  responder: Responder = () => ({ status: 200 });
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  private count = 0;

  async start(port = 0): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const signal = (req.url ?? '').split('/').pop() as Signal;
      const gzip = req.headers['content-encoding'] === 'gzip';
      const raw = Buffer.concat(chunks);
      const format: OtlpFormat = req.headers['content-type']?.includes('json') ? 'json' : 'protobuf';
      const batch = decodeRequest(signal, gzip ? gunzipSync(raw) : raw, format);
      const received = { signal, format, gzip, headers: req.headers, batch };
      this.requests.push(received);
      const reply = this.responder(received, this.count++);
      if ('reset' in reply) {
        req.socket.destroy();
        return;
      }
      if (reply.status < 300) this.delivered.push(received);
      res.writeHead(reply.status, reply.headers ?? {});
      res.end(reply.body ?? '');
    });
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
