/**
 * @module MCP over streamable HTTP at `/mcp` on the hub's API server, stateless: every POST gets a fresh
 * server and transport (tools are read-only, so there is no session state to keep). Before the MCP layer
 * sees a request: the Origin header must be in `allowedOrigins` (403 otherwise — DNS-rebinding defence;
 * requests without Origin, i.e. non-browser clients, pass), and when a bearer token is configured the
 * Authorization header must carry it (401 otherwise).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createMcpServer } from './create-mcp-server.js';
import type { McpTool } from './define-tool.js';
import type { TelemetryReader } from './telemetry-reader.js';

export interface McpHttpOptions {
  reader: TelemetryReader;
  tools: readonly McpTool[];
  /** Base URL of the hub API for links in results. */
  apiBase: () => string;
  /** Required as `Authorization: Bearer <token>` when set. */
  bearerToken?: string | undefined;
  /** Browser origins allowed to call; `*` allows any. Requests without an Origin header always pass. */
  allowedOrigins: readonly string[];
  log?: (line: string) => void;
}

/** Largest JSON-RPC request body accepted. */
const MAX_BODY_BYTES = 1024 * 1024;

export class McpHttpHandler {
  private readonly tokenDigest: Buffer | undefined;

  constructor(private readonly opts: McpHttpOptions) {
    this.tokenDigest = opts.bearerToken ? digest(opts.bearerToken) : undefined;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const origin = req.headers.origin;
    if (origin !== undefined && !this.originAllowed(origin)) {
      req.resume();
      return reject(res, 403, -32000, `origin ${origin} is not allowed`, {
        hint: 'add it to mcp.allowedOrigins',
      });
    }
    if (this.tokenDigest && !this.authorized(req.headers.authorization)) {
      req.resume();
      res.setHeader('WWW-Authenticate', 'Bearer realm="switchyard-mcp"');
      return reject(res, 401, -32001, 'missing or wrong bearer token');
    }
    if (req.method !== 'POST') {
      req.resume();
      // Stateless: no server-initiated stream (GET) and no session to delete (DELETE).
      res.setHeader('Allow', 'POST');
      return reject(res, 405, -32000, `${req.method} not allowed on /mcp; POST JSON-RPC messages`);
    }
    const server = createMcpServer({
      reader: this.opts.reader,
      tools: this.opts.tools,
      apiBase: this.opts.apiBase,
    });
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
      maxRequestBodySize: MAX_BODY_BYTES,
    });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(req, res);
    } catch (err) {
      this.opts.log?.(`mcp error: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) reject(res, 500, -32603, 'internal error');
    }
  }

  private originAllowed(origin: string): boolean {
    const allowed = this.opts.allowedOrigins;
    if (allowed.includes('*')) return true;
    const norm = origin.replace(/\/+$/, '').toLowerCase();
    return allowed.some((a) => a.replace(/\/+$/, '').toLowerCase() === norm);
  }

  private authorized(header: string | undefined): boolean {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (!m || !this.tokenDigest) return false;
    // Compare digests in constant time so the token cannot be guessed byte by byte from timings.
    return timingSafeEqual(digest(m[1]!), this.tokenDigest);
  }
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

function reject(
  res: ServerResponse,
  status: number,
  code: number,
  message: string,
  data?: Record<string, string>,
): void {
  const body = JSON.stringify({ jsonrpc: '2.0', error: { code, message, ...(data && { data }) }, id: null });
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
