/**
 * @module Test support: a strict fake Application Insights ingestion endpoint (Breeze) over HTTPS with the
 * self-signed 127.0.0.1 certificate of packages/sdk's fixtures. It checks the documented request —
 * POST /v2.1/track, JSON (optionally gzip) array of envelopes with name, time, iKey, tags and data
 * {baseType, baseData} with the fields each base type requires — and answers 400 with the reason otherwise.
 * Served by a CaptureServer over TLS.
 */
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { gunzipSync } from 'node:zlib';
import { type CapturedRequest, type CaptureReply, CaptureServer } from '../testing/capture-server.js';

export interface Envelope {
  name: string;
  time: string;
  iKey: string;
  tags: Record<string, string>;
  data: { baseType: string; baseData: Record<string, unknown> };
}

const fixture = (name: string) =>
  readFileSync(new URL(`../../../../sdk/src/test-support/fixtures/${name}`, import.meta.url));

/** An agent that trusts the fixture certificate (no process-wide TLS settings). */
export function trustingAgent(): Agent {
  return new Agent({ ca: fixture('localhost-cert.pem') });
}

/** .NET TimeSpan text: [d.]hh:mm:ss[.fffffff] (the SDK writes up to 7 fractional digits). */
const DURATION = /^(\d+\.)?\d{2}:\d{2}:\d{2}(\.\d{1,7})?$/;
const NAMES: Record<string, string> = {
  RequestData: 'Microsoft.ApplicationInsights.Request',
  RemoteDependencyData: 'Microsoft.ApplicationInsights.RemoteDependency',
  MessageData: 'Microsoft.ApplicationInsights.Message',
  MetricData: 'Microsoft.ApplicationInsights.Metric',
  EventData: 'Microsoft.ApplicationInsights.Event',
  ExceptionData: 'Microsoft.ApplicationInsights.Exception',
};

function need(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}

/** Throws the first way an envelope departs from the Breeze schema. */
export function validateEnvelope(e: Envelope, iKey: string): void {
  need(e.iKey === iKey, `iKey ${e.iKey}`);
  need(typeof e.time === 'string' && !Number.isNaN(Date.parse(e.time)), 'time must be an ISO date');
  need(typeof e.tags === 'object' && e.tags !== null, 'tags');
  const { baseType, baseData } = e.data ?? {};
  need(NAMES[baseType] !== undefined && e.name === NAMES[baseType], `name ${e.name} for ${baseType}`);
  need(typeof baseData?.ver === 'number', 'baseData.ver');
  switch (baseType) {
    case 'RequestData':
      need(typeof baseData.id === 'string' && baseData.id !== '', 'request id');
      need(typeof baseData.responseCode === 'string', 'request responseCode');
      need(typeof baseData.success === 'boolean', 'request success');
      need(DURATION.test(String(baseData.duration)), `request duration ${baseData.duration}`);
      break;
    case 'RemoteDependencyData':
      need(typeof baseData.name === 'string', 'dependency name');
      need(DURATION.test(String(baseData.duration)), `dependency duration ${baseData.duration}`);
      break;
    case 'MessageData':
      need(typeof baseData.message === 'string', 'message');
      break;
    case 'MetricData': {
      const metrics = baseData.metrics as { name: unknown; value: unknown }[];
      need(Array.isArray(metrics) && metrics.length > 0, 'metrics');
      for (const m of metrics) need(typeof m.name === 'string' && typeof m.value === 'number', 'metric');
      break;
    }
  }
}

export class BreezeServer {
  readonly envelopes: Envelope[] = [];
  /** Replace to script failures; default accepts everything. A 206 accepts the first `accepted` envelopes. */
  reply: () => { status: number; headers?: Record<string, string>; accepted?: number } = () => ({
    status: 200,
  });
  private readonly server = new CaptureServer({
    tls: { key: fixture('localhost-key.pem'), cert: fixture('localhost-cert.pem') },
  });

  constructor(private readonly iKey: string) {
    this.server.responder = (req) => this.handle(req);
  }

  /** `METHOD path` of every request received. */
  get paths(): string[] {
    return this.server.requests.map((r) => `${r.method} ${r.path}`);
  }

  private handle(req: CapturedRequest): CaptureReply {
    try {
      need(req.method === 'POST' && req.path === '/v2.1/track', `route ${req.method} ${req.path}`);
      const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(req.body) : req.body;
      const envelopes = JSON.parse(body.toString()) as Envelope[];
      need(Array.isArray(envelopes) && envelopes.length > 0, 'body must be a non-empty array');
      for (const e of envelopes) validateEnvelope(e, this.iKey);
      const { status, headers, accepted } = this.reply();
      const n = envelopes.length;
      const kept = status === 200 ? n : status === 206 ? Math.min(n, accepted ?? n) : 0;
      this.envelopes.push(...envelopes.slice(0, kept));
      // Breeze's partial-success body: one error per rejected envelope, by index.
      const errors =
        status === 206
          ? envelopes
              .slice(kept)
              .map((_, i) => ({ index: kept + i, statusCode: 400, message: 'Invalid field' }))
          : [];
      return {
        status,
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ itemsReceived: n, itemsAccepted: kept, errors }),
      };
    } catch (err) {
      return {
        status: 400,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ itemsReceived: 0, itemsAccepted: 0, errors: [{ message: String(err) }] }),
      };
    }
  }

  /** The base URL once started. */
  url = '';

  async start(): Promise<string> {
    this.url = await this.server.start();
    return this.url;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }
}
