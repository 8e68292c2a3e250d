/**
 * @module OTLP/HTTP receiver: POST /v1/traces, /v1/metrics, /v1/logs in protobuf or JSON, gzip or deflate,
 * answering per the OTLP spec (200 + partial_success, 400, 413, 415, 429/503 + Retry-After) in the request's
 * content type. CORS is configurable for browser senders.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeExportResponse, encodeRpcStatus, type OtlpFormat, type Signal } from '@switchyard/core';
import { ReceiverError } from './http-errors.js';
import type { IngestOutcome, OtlpIngest } from './otlp-ingest.js';
import { decompress, parseContentEncoding, readRawBody } from './read-body.js';

export interface OtlpHttpReceiverOptions {
  host: string;
  port: number;
  maxBodyBytes: number;
  cors: { allowedOrigins: string[]; allowedHeaders: string[]; maxAgeSeconds: number };
}

const PATHS: Record<string, Signal> = {
  '/v1/traces': 'traces',
  '/v1/metrics': 'metrics',
  '/v1/logs': 'logs',
};
const CONTENT_TYPES: Record<string, OtlpFormat> = {
  'application/x-protobuf': 'protobuf',
  'application/protobuf': 'protobuf',
  'application/json': 'json',
};
const GRPC_STATUS = { INVALID_ARGUMENT: 3, RESOURCE_EXHAUSTED: 8, UNAVAILABLE: 14 };

export function parseContentType(header: string | undefined): OtlpFormat {
  const base = (header ?? '').split(';')[0]!.trim().toLowerCase();
  const format = CONTENT_TYPES[base];
  if (!format)
    throw new ReceiverError(
      'UNSUPPORTED_MEDIA_TYPE',
      `unsupported Content-Type '${header ?? ''}'`,
      'send application/x-protobuf or application/json',
    );
  return format;
}

export class OtlpHttpReceiver {
  private server: Server | undefined;

  constructor(
    private readonly options: OtlpHttpReceiverOptions,
    private readonly ingest: OtlpIngest,
  ) {}

  async start(): Promise<AddressInfo> {
    const server = createServer(
      { requestTimeout: 60_000, headersTimeout: 20_000, keepAliveTimeout: 65_000 },
      (req, res) => {
        this.handle(req, res).catch((err: unknown) => {
          // Defensive: handle() answers every error itself; this only guards against a bug turning into a crash.
          if (!res.headersSent)
            this.reply(res, 400, 'json', encodeRpcStatus(GRPC_STATUS.INVALID_ARGUMENT, String(err), 'json'));
          else res.destroy();
        });
      },
    );
    server.on('clientError', (_err, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      else socket.destroy();
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => resolve());
    });
    return server.address() as AddressInfo;
  }

  private applyCors(req: IncomingMessage, res: ServerResponse): boolean {
    const origin = req.headers.origin;
    const allowed = this.options.cors.allowedOrigins;
    if (!origin || allowed.length === 0) return false;
    if (!allowed.includes('*') && !allowed.includes(origin)) return false;
    res.setHeader('Access-Control-Allow-Origin', allowed.includes('*') ? '*' : origin);
    res.setHeader('Vary', 'Origin');
    return true;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    const corsOk = this.applyCors(req, res);
    if (req.method === 'OPTIONS') {
      if (corsOk) {
        res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
        const headers = ['Content-Type', 'Content-Encoding', ...this.options.cors.allowedHeaders];
        const requested = req.headers['access-control-request-headers'];
        res.setHeader('Access-Control-Allow-Headers', requested ?? headers.join(', '));
        res.setHeader('Access-Control-Max-Age', String(this.options.cors.maxAgeSeconds));
      }
      res.writeHead(corsOk ? 204 : 403).end();
      return;
    }
    const signal = PATHS[path];
    if (!signal) {
      req.resume();
      this.replyError(
        res,
        'json',
        404,
        `no OTLP endpoint at ${path}; use /v1/traces, /v1/metrics or /v1/logs`,
      );
      return;
    }
    if (req.method !== 'POST') {
      req.resume();
      res.setHeader('Allow', 'POST, OPTIONS');
      this.replyError(res, 'json', 405, `method ${req.method} not allowed on ${path}; use POST`);
      return;
    }
    let format: OtlpFormat = 'json';
    try {
      format = parseContentType(req.headers['content-type']);
      const encoding = parseContentEncoding(req.headers['content-encoding']);
      const early = this.ingest.admit(Number(req.headers['content-length']) || 0);
      if (early) {
        req.resume();
        this.answer(res, signal, format, early);
        return;
      }
      const raw = await readRawBody(req, this.options.maxBodyBytes);
      const body = await decompress(raw, encoding, this.options.maxBodyBytes);
      this.answer(res, signal, format, await this.ingest.ingest(signal, body, format, 'http'));
    } catch (err) {
      if (err instanceof ReceiverError) {
        // Discard the rest of a body we will not use, so the client reads our answer instead of a reset.
        if (!req.complete) req.resume();
        this.replyError(
          res,
          err.code === 'UNSUPPORTED_MEDIA_TYPE' ? 'json' : format,
          err.status,
          err.message,
        );
        return;
      }
      throw err;
    }
  }

  private answer(res: ServerResponse, signal: Signal, format: OtlpFormat, outcome: IngestOutcome): void {
    switch (outcome.kind) {
      case 'ok': {
        const partial =
          outcome.rejected > 0 ? { rejected: outcome.rejected, errorMessage: outcome.message } : undefined;
        this.reply(res, 200, format, encodeExportResponse(signal, partial, format));
        return;
      }
      case 'invalid':
        this.replyError(res, format, 400, outcome.message);
        return;
      case 'refused':
        res.setHeader('Retry-After', String(Math.max(1, Math.ceil(outcome.retryAfterMs / 1000))));
        this.replyError(res, format, outcome.status, outcome.reason);
        return;
      case 'failed':
        // The data was not kept; 503 tells the sender to retry (never 500 for a condition that can pass).
        res.setHeader('Retry-After', '5');
        this.replyError(res, format, 503, `could not store the data: ${outcome.message}`);
        return;
    }
  }

  private replyError(res: ServerResponse, format: OtlpFormat, status: number, message: string): void {
    const code =
      status === 429
        ? GRPC_STATUS.RESOURCE_EXHAUSTED
        : status >= 500
          ? GRPC_STATUS.UNAVAILABLE
          : GRPC_STATUS.INVALID_ARGUMENT;
    this.reply(res, status, format, encodeRpcStatus(code, message, format));
  }

  private reply(res: ServerResponse, status: number, format: OtlpFormat, body: Uint8Array): void {
    res.writeHead(status, {
      'Content-Type': format === 'json' ? 'application/json' : 'application/x-protobuf',
      'Content-Length': body.length,
    });
    res.end(body);
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
  }
}
