/**
 * @module Prometheus scrape endpoint exporter (`type: prometheus`): keeps the latest value of every series it
 * is pushed (scrape-store.ts) and serves them in the text exposition format on its own HTTP listener
 * (`GET <path>`, gzip when the scraper accepts it). push() only updates memory, so it always succeeds at once;
 * traces and logs are ignored. The listener starts on creation (the factory calls `start`) or at the latest on
 * the first push; a failed bind is logged and retried on a later push, at most every 10 s.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { SwitchyardError, type TelemetryBatch } from '@switchyard/core';
import { type ExportResult, SUCCESS } from '../../component/export-result.js';
import type { Exporter } from '../../component/exporter.js';
import { type Log, stderrLog } from '../../queue/log.js';
import type { SelfMetrics } from '../../self/self-metrics.js';
import { DeltaAccumulator } from '../prometheus/delta-accumulator.js';
import { EXPOSITION_CONTENT_TYPE, renderExposition } from './exposition-format.js';
import { type ScrapeDropReason, ScrapeStore } from './scrape-store.js';

const gzipAsync = promisify(gzip);
const RETRY_LISTEN_MS = 10_000;

export interface PrometheusScrapeOptions {
  name: string;
  /** Interface to listen on (default in config: 127.0.0.1). */
  host: string;
  /** 0 picks a free port (see `port` after `start`). */
  port: number;
  /** URL path of the exposition, e.g. /metrics. */
  path: string;
  /** Series not updated for this long are no longer served. */
  expireAfterMs: number;
  /** Bound on held series (and on delta running totals); new series beyond it are dropped and counted. */
  maxSeries: number;
  metrics?: SelfMetrics;
  log?: Log;
}

export class PrometheusScrapeExporter implements Exporter {
  readonly name: string;
  private readonly store: ScrapeStore;
  private readonly log: Log;
  private readonly dropCounters = new Map<ScrapeDropReason, (by?: number) => void>();
  private server: Server | undefined;
  private listening: Promise<void> | undefined;
  private lastListenFailureMs = Number.NEGATIVE_INFINITY;
  private closed = false;

  constructor(private readonly options: PrometheusScrapeOptions) {
    this.name = options.name;
    this.log = options.log ?? stderrLog;
    const labels = { exporter: options.name };
    const evicted =
      options.metrics?.counter(
        'switchyard_prometheus_delta_series_evicted_total',
        'Delta series whose running total was evicted from the bounded map (they restart from zero)',
        labels,
      ) ?? (() => {});
    const expired =
      options.metrics?.counter(
        'switchyard_prometheus_scrape_series_expired_total',
        'Series a Prometheus scrape endpoint stopped serving because they were not updated in time',
        labels,
      ) ?? (() => {});
    this.store = new ScrapeStore({
      maxSeries: options.maxSeries,
      expireAfterMs: options.expireAfterMs,
      deltas: new DeltaAccumulator(options.maxSeries, evicted),
      onDrop: (reason, count) => this.drop(reason, count),
      onExpire: (count) => expired(count),
    });
  }

  /** Series currently served. */
  get seriesCount(): number {
    return this.store.size;
  }

  /** The bound port once listening (useful with `port: 0`). */
  get port(): number | undefined {
    const a = this.server?.address();
    return a !== null && typeof a === 'object' ? (a as AddressInfo).port : undefined;
  }

  /** The exposition text as a scrape would see it now. */
  render(): string {
    return renderExposition(this.store.snapshot());
  }

  /** Starts the listener (idempotent); rejects with a SwitchyardError when the address cannot be bound. */
  start(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.listening ??= this.listen().catch((err: unknown) => {
      this.listening = undefined;
      this.lastListenFailureMs = Date.now();
      throw err;
    });
    return this.listening;
  }

  /** Starts the listener without waiting; a failure is logged (push must stay instant and successful). */
  startInBackground(): void {
    if (this.listening !== undefined || this.closed) return;
    if (Date.now() - this.lastListenFailureMs < RETRY_LISTEN_MS) return;
    this.start().catch((err: unknown) => {
      this.log(err instanceof SwitchyardError ? err.describe() : `exporter ${this.name}: ${String(err)}`);
    });
  }

  private listen(): Promise<void> {
    const { host, port } = this.options;
    const server = createServer((req, res) => void this.handle(req, res));
    return new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) => {
        reject(
          new SwitchyardError(
            'EXPORTER_LISTEN_FAILED',
            `exporter ${this.name}: cannot listen on ${host}:${port}: ${err.message}`,
            {
              path: `exporters.${this.name}.port`,
              hint:
                err.code === 'EADDRINUSE' ? 'another process uses this port; choose another one' : undefined,
              cause: err,
            },
          ),
        );
      });
      server.listen(port, host, () => {
        if (this.closed) {
          server.close();
        } else {
          this.server = server;
          server.on('error', (err) => this.log(`exporter ${this.name}: scrape listener: ${err.message}`));
        }
        resolve();
      });
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const path = (req.url ?? '/').split('?', 1)[0];
      if (path !== this.options.path) {
        res
          .writeHead(404, { 'content-type': 'text/plain' })
          .end(`not found; metrics are at ${this.options.path}\n`);
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed\n');
        return;
      }
      const text = this.render();
      const headers: Record<string, string> = { 'content-type': EXPOSITION_CONTENT_TYPE };
      let body: Buffer = Buffer.from(text);
      if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
        body = await gzipAsync(body);
        headers['content-encoding'] = 'gzip';
      }
      headers['content-length'] = String(body.byteLength);
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`error: ${String(err)}\n`);
    }
  }

  async push(batch: TelemetryBatch): Promise<ExportResult> {
    this.startInBackground();
    if (batch.signal === 'metrics') this.store.ingest(batch.data);
    return SUCCESS;
  }

  private drop(reason: ScrapeDropReason, count: number): void {
    let c = this.dropCounters.get(reason);
    if (!c) {
      c =
        this.options.metrics?.counter(
          'switchyard_exporter_dropped_points_total',
          'Data points an exporter could not represent in its destination format',
          { exporter: this.name, reason },
        ) ?? (() => {});
      this.dropCounters.set(reason, c);
      this.log(`exporter ${this.name}: dropping data points (${reason}); counted in /metrics`);
    }
    c(count);
  }

  async shutdown(): Promise<void> {
    this.closed = true;
    await this.listening?.catch(() => {});
    const server = this.server;
    this.server = undefined;
    if (server === undefined) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}
