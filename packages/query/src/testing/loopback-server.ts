/**
 * @module Test support: an HTTP server on 127.0.0.1 that answers from a route table with the
 * responses a real API documents, and records every request so tests can check its exact shape.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface Reply {
  status?: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
  /** Delay before answering, ms. */
  delayMs?: number;
}

export type Route = (req: RecordedRequest) => Reply | undefined;

export interface Loopback {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Starts a server; `routes` maps `METHOD /path` to a reply (or a function of the request). */
export async function startLoopback(routes: Record<string, Reply | Route>): Promise<Loopback> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const rec: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(rec);
      const route = routes[`${rec.method} ${rec.path}`];
      const reply = typeof route === 'function' ? route(rec) : route;
      const send = (): void => {
        if (!reply) {
          res.writeHead(404, { 'content-type': 'text/plain' }).end(`no route for ${rec.method} ${rec.path}`);
          return;
        }
        const body = reply.text ?? JSON.stringify(reply.json ?? null);
        res.writeHead(reply.status ?? 200, {
          'content-type': reply.text !== undefined ? 'text/plain' : 'application/json',
          ...reply.headers,
        });
        res.end(body);
      };
      if (reply?.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
