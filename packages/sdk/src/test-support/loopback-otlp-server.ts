/**
 * Test support: a strict OTLP/HTTP endpoint on 127.0.0.1 that records every request (path, headers,
 * decoded body) and answers with a configurable status. Only accepts the paths it is told to expect.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { decodeRequest, itemCount, type Signal, type TelemetryBatch } from '@switchyard/core';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  signal?: Signal;
  batch?: TelemetryBatch;
  /** The raw body (decompressed), for non-OTLP formats. */
  body: Buffer;
  /** The body exactly as received (still compressed), for checking request signatures. */
  wire: Buffer;
  items: number;
}

export interface LoopbackOtlpServer {
  url: string;
  requests: RecordedRequest[];
  /** Status for the next responses (default 200). */
  status: number;
  itemsFor(signal: Signal): number;
  batches(signal: Signal): TelemetryBatch[];
  close(): Promise<void>;
}

function signalOf(path: string, paths: Record<Signal, string>): Signal | undefined {
  for (const s of ['traces', 'metrics', 'logs'] as const) if (paths[s] === path) return s;
  return undefined;
}

export async function startLoopbackOtlpServer(
  paths: Record<Signal, string> = { traces: '/v1/traces', metrics: '/v1/metrics', logs: '/v1/logs' },
  /** 'raw': accept any body on the signal paths without decoding it as OTLP (e.g. Zipkin JSON). */
  format: 'otlp' | 'raw' = 'otlp',
): Promise<LoopbackOtlpServer> {
  const requests: RecordedRequest[] = [];
  const state = { status: 200 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0]!;
      const signal = signalOf(path, paths);
      const rec: RecordedRequest = {
        method: req.method ?? '',
        path,
        headers: req.headers,
        signal,
        body: Buffer.concat(chunks),
        wire: Buffer.concat(chunks),
        items: 0,
      };
      requests.push(rec);
      if (!signal || req.method !== 'POST') {
        res.writeHead(404).end();
        return;
      }
      try {
        if (req.headers['content-encoding'] === 'gzip') rec.body = gunzipSync(rec.body);
        if (format === 'raw') {
          res.writeHead(state.status).end();
          return;
        }
        const body = rec.body;
        const json = String(req.headers['content-type']).includes('json');
        rec.batch = decodeRequest(signal, body, json ? 'json' : 'protobuf');
        rec.items = itemCount(rec.batch);
      } catch {
        res.writeHead(400).end();
        return;
      }
      res.writeHead(state.status, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get status() {
      return state.status;
    },
    set status(v: number) {
      state.status = v;
    },
    itemsFor: (signal) =>
      requests.filter((r) => r.signal === signal && r.batch).reduce((n, r) => n + r.items, 0),
    batches: (signal) => requests.filter((r) => r.signal === signal && r.batch).map((r) => r.batch!),
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections(); // do not wait for idle keep-alive sockets to time out
      }),
  };
}
