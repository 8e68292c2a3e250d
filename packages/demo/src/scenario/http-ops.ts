import { LATENCY, type LatencySpec, SERVICE_ADDRESS } from './catalog.js';
import { Draft, plannedException, type RequestBuilder } from './op-builder.js';
import type { PlannedException, PlannedOp, ServiceName } from './plan.js';

const REASON: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  401: 'Unauthorized',
  402: 'Payment Required',
  404: 'Not Found',
  409: 'Conflict',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function reasonPhrase(code: number): string {
  return REASON[code] ?? 'Unknown';
}

export interface HttpOutcome {
  statusCode: number;
  /** Recorded on the server span when the status is 5xx. */
  exception?: PlannedException;
}

export interface HttpRequestSpec {
  method: string;
  /** Route template, e.g. `/inventory/{sku}`. */
  route: string;
  /** Concrete path, e.g. `/inventory/SKU-10231`. */
  path: string;
}

/**
 * A SERVER span in `service` handling `req`; `handler` plans the work inside and
 * returns the response status. Per HTTP semantic conventions only 5xx marks a server span as an error.
 */
export function serverOp(
  b: RequestBuilder,
  service: ServiceName,
  startMs: number,
  req: HttpRequestSpec,
  handler: (server: Draft) => HttpOutcome,
): PlannedOp {
  const addr = SERVICE_ADDRESS[service];
  const server = new Draft(b, service, `${req.method} ${req.route}`, 'server', startMs, {
    'http.request.method': req.method,
    'http.route': req.route,
    'url.path': req.path,
    'url.scheme': 'http',
    'server.address': addr.host,
    'server.port': addr.port,
    'network.protocol.version': '1.1',
  });
  server.work(LATENCY.handler);
  const outcome = handler(server);
  server.work(LATENCY.handler);
  server.op.attributes['http.response.status_code'] = outcome.statusCode;
  if (outcome.statusCode >= 500) {
    const exception =
      outcome.exception ??
      plannedException('HttpError', `${reasonPhrase(outcome.statusCode)}`, [
        `Router.handle (/app/src/http/router.ts:88:11)`,
      ]);
    server.op.attributes['error.type'] = String(outcome.statusCode);
    server.fail(exception);
    server.log('error', `${req.method} ${req.path} failed: ${exception.message}`, {
      'http.response.status_code': outcome.statusCode,
      'exception.type': exception.type,
      'exception.message': exception.message,
    });
  }
  server.op.measurement = {
    kind: 'http.server',
    route: req.route,
    method: req.method,
    statusCode: outcome.statusCode,
  };
  return server.end();
}

/**
 * A CLIENT span in the caller plus the callee's SERVER span under it (the executor carries
 * the context across with a W3C traceparent header). Returns the response status.
 */
export function httpCall(
  caller: Draft,
  target: ServiceName,
  req: HttpRequestSpec,
  handler: (server: Draft) => HttpOutcome,
): number {
  const addr = SERVICE_ADDRESS[target];
  const url = `http://${addr.host}:${addr.port}${req.path}`;
  const client = newChild(caller, `${req.method} ${req.route}`, 'client', {
    'http.request.method': req.method,
    'url.full': url,
    'url.template': req.route,
    'server.address': addr.host,
    'server.port': addr.port,
    'network.protocol.version': '1.1',
    'peer.service': target,
  });
  client.work(LATENCY.network);
  const server = client.add(serverOp(client.b, target, client.cursor, req, handler));
  client.work(LATENCY.network);
  const code = Number(server.attributes['http.response.status_code']);
  finishClient(client, req.method, url, code);
  client.op.measurement = {
    kind: 'http.client',
    serverAddress: addr.host,
    method: req.method,
    statusCode: code,
  };
  caller.add(client.end());
  return code;
}

/** A CLIENT span to a third-party HTTPS API (no server span: it is not ours). */
export function externalCall(
  caller: Draft,
  target: { host: string; port: number; url: string; template: string; peer: string },
  method: string,
  latency: LatencySpec,
  factor: number,
  statusCode: number,
  attributes: Record<string, string | number> = {},
): Draft {
  const client = newChild(caller, `${method} ${target.template}`, 'client', {
    'http.request.method': method,
    'url.full': target.url,
    'url.template': target.template,
    'server.address': target.host,
    'server.port': target.port,
    'network.protocol.version': '1.1',
    'peer.service': target.peer,
    ...attributes,
  });
  client.work(latency, factor);
  finishClient(client, method, target.url, statusCode);
  client.op.measurement = { kind: 'http.client', serverAddress: target.host, method, statusCode };
  return client;
}

function finishClient(client: Draft, method: string, url: string, code: number): void {
  client.op.attributes['http.response.status_code'] = code;
  if (code >= 400) {
    client.op.attributes['error.type'] = String(code);
    client.fail(
      plannedException('HttpError', `${method} ${url} responded ${code} ${reasonPhrase(code)}`, [
        'HttpClient.send (/app/node_modules/@demo/http-client/dist/client.js:214:15)',
        'process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
        'async HttpClient.request (/app/node_modules/@demo/http-client/dist/client.js:131:22)',
      ]),
    );
  }
}

/** A new span in the same service as `parent`, starting at its cursor (not yet attached). */
export function newChild(
  parent: Draft,
  name: string,
  kind: PlannedOp['kind'],
  attributes: PlannedOp['attributes'],
): Draft {
  return new Draft(parent.b, parent.service, name, kind, parent.cursor, attributes);
}
