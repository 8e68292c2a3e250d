/**
 * @module The hub's HTTP API server: routes, JSON responses, error → status mapping, health and /metrics.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ParameterError, SwitchyardError } from '@switchyard/core';
import type { SelfMetrics } from '@switchyard/pipeline';
import {
  type ApiContext,
  findLogs,
  findTraces,
  getTrace,
  listChangeEvents,
  listServices,
  metricNames,
  NotFoundError,
  queryMetrics,
  recordChangeEvent,
} from './handlers.js';

export interface HealthState {
  live(): boolean;
  ready(): boolean;
}

type Handler = (
  ctx: ApiContext,
  params: URLSearchParams,
  match: RegExpExecArray,
  body: unknown,
) => Promise<unknown>;

interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  handler: Handler;
}

const ROUTES: Route[] = [
  { method: 'GET', pattern: /^\/api\/services$/, handler: (c, p) => listServices(c, p) },
  { method: 'GET', pattern: /^\/api\/traces$/, handler: (c, p) => findTraces(c, p) },
  {
    method: 'GET',
    pattern: /^\/api\/traces\/([^/]+)$/,
    handler: (c, p, m) => getTrace(c, p, decodeURIComponent(m[1]!)),
  },
  { method: 'GET', pattern: /^\/api\/logs$/, handler: (c, p) => findLogs(c, p) },
  { method: 'GET', pattern: /^\/api\/metrics$/, handler: (c, p) => queryMetrics(c, p) },
  { method: 'GET', pattern: /^\/api\/metrics\/names$/, handler: (c, p) => metricNames(c, p) },
  { method: 'GET', pattern: /^\/api\/events$/, handler: (c, p) => listChangeEvents(c, p) },
  { method: 'POST', pattern: /^\/api\/events$/, handler: (c, _p, _m, b) => recordChangeEvent(c, b) },
];

const MAX_JSON_BODY = 64 * 1024;

function bigintReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, bigintReplacer);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BODY) throw new ParameterError('body', `larger than ${MAX_JSON_BODY} bytes`);
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (err) {
    throw new ParameterError('body', `is not valid JSON: ${(err as Error).message}`);
  }
}

export class ApiServer {
  private server: Server | undefined;

  constructor(
    private readonly ctx: ApiContext,
    private readonly health: HealthState,
    private readonly metrics: SelfMetrics,
    private readonly log: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
    /** Handles `/mcp` (MCP over streamable HTTP) when the hub enables it. */
    private readonly mcp?: { handle(req: IncomingMessage, res: ServerResponse): Promise<void> },
  ) {}

  async start(host: string, port: number): Promise<AddressInfo> {
    // keepAliveTimeout as on the OTLP receiver: with Node's 5 s default, a client reusing a connection idle
    // for about 5 s (a poller, a scraper) races the server closing it and gets "other side closed".
    const server = createServer(
      { requestTimeout: 60_000, headersTimeout: 20_000, keepAliveTimeout: 65_000 },
      (req, res) => {
        void this.handle(req, res);
      },
    );
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    return server.address() as AddressInfo;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      sendJson(res, 400, { error: { code: 'BAD_URL', message: 'malformed request URL' } });
      return;
    }
    const path = url.pathname;
    try {
      if (path === '/mcp' && this.mcp) return await this.mcp.handle(req, res);
      if (path === '/healthz')
        return sendJson(res, this.health.live() ? 200 : 503, {
          status: this.health.live() ? 'ok' : 'starting',
        });
      if (path === '/readyz')
        return sendJson(res, this.health.ready() ? 200 : 503, {
          status: this.health.ready() ? 'ready' : 'not ready',
        });
      if (path === '/api/pipeline' && req.method === 'GET')
        return sendJson(res, 200, { ready: this.health.ready(), metrics: this.metrics.snapshot() });
      if (path === '/metrics') {
        const text = this.metrics.renderPrometheus();
        res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
        res.end(text);
        return;
      }
      const candidates = ROUTES.filter((r) => r.pattern.test(path));
      if (candidates.length === 0) {
        req.resume();
        return sendJson(res, 404, {
          error: { code: 'NOT_FOUND', message: `no route for ${path}`, hint: 'see docs/api.md' },
        });
      }
      const route = candidates.find((r) => r.method === req.method);
      if (!route) {
        req.resume();
        res.setHeader('Allow', candidates.map((r) => r.method).join(', '));
        return sendJson(res, 405, {
          error: { code: 'METHOD_NOT_ALLOWED', message: `${req.method} not allowed on ${path}` },
        });
      }
      const body = route.method === 'POST' ? await readJson(req) : undefined;
      const result = await route.handler(this.ctx, url.searchParams, route.pattern.exec(path)!, body);
      sendJson(res, route.method === 'POST' ? 201 : 200, result);
    } catch (err) {
      if (err instanceof ParameterError)
        return sendJson(res, 400, {
          error: {
            code: err.code,
            parameter: err.parameter,
            message: err.message,
            ...(err.hint && { hint: err.hint }),
          },
        });
      if (err instanceof NotFoundError)
        return sendJson(res, 404, { error: { code: 'NOT_FOUND', message: err.message } });
      const message = err instanceof Error ? err.message : String(err);
      this.log(`api error on ${req.method} ${path}: ${message}`);
      const code = err instanceof SwitchyardError ? err.code : 'INTERNAL';
      if (!res.headersSent) sendJson(res, 500, { error: { code, message } });
    }
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
