/**
 * @module A loopback HTTP (or HTTPS) server for vendor-format exporter tests: records every request (method,
 * path, headers, raw body) and answers with what a validator returns — a strict endpoint answers 400 with the
 * reason when the request does not have the documented shape.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

export interface CapturedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface CaptureReply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface CaptureServerOptions {
  /** Serve HTTPS with this PEM key and certificate (for exporters that only speak HTTPS). */
  tls?: { key: string | Buffer; cert: string | Buffer };
}

export class CaptureServer {
  readonly requests: CapturedRequest[] = [];
  /** Replace to validate requests or script failures (may be async). Default: 200 with an empty body. */
  responder: (req: CapturedRequest) => CaptureReply | Promise<CaptureReply> = () => ({ status: 200 });
  private readonly server: http.Server;

  constructor(private readonly options: CaptureServerOptions = {}) {
    this.server = options.tls ? https.createServer(options.tls, this.handle) : http.createServer(this.handle);
  }

  private readonly handle = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const captured = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      this.requests.push(captured);
      const send = (reply: CaptureReply) => {
        res.writeHead(reply.status, reply.headers ?? {});
        res.end(reply.body ?? '');
      };
      const fail = (err: unknown) =>
        send({ status: 400, body: err instanceof Error ? err.message : String(err) });
      try {
        Promise.resolve(this.responder(captured)).then(send, fail);
      } catch (err) {
        fail(err);
      }
    });
  };

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `${this.options.tls ? 'https' : 'http'}://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
