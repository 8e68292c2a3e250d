/**
 * @module Prometheus remote write 1.0 exporter (`type: prometheus_remote_write`): metrics are translated
 * (metrics-to-prom.ts), encoded as a prompb WriteRequest, snappy-compressed and POSTed with the headers the
 * specification requires. Traces and logs pushed here are ignored (routes should send it metrics only).
 *
 * Responses follow the remote write specification: 2xx is success, 5xx and 429 are retried (honouring
 * Retry-After), every other status is permanent (the receiver rejected the data, e.g. out-of-order samples).
 *
 * The encoded body is cached per batch object, so a retry of the same batch resends the same bytes
 * without adding its deltas to the running totals a second time.
 */
import type { TelemetryBatch } from '@switchyard/core';
import { type ExportResult, SUCCESS } from '../../component/export-result.js';
import type { Exporter } from '../../component/exporter.js';
import { type Log, stderrLog } from '../../queue/log.js';
import type { SelfMetrics } from '../../self/self-metrics.js';
import { HttpPoster, postForResult } from '../http-post.js';
import { DeltaAccumulator } from './delta-accumulator.js';
import { type DropReason, metricsToPromSeries } from './metrics-to-prom.js';
import { snappyCompress } from './snappy.js';
import { encodeWriteRequest } from './write-request.js';

export interface PrometheusRemoteWriteOptions {
  name: string;
  /** Full URL of the receiver, e.g. http://127.0.0.1:9090/api/v1/write. */
  endpoint: string;
  headers: Record<string, string>;
  /** Send exponential histograms as native histograms (false: drop and count them). */
  nativeHistograms: boolean;
  /** Bound on the delta → cumulative running-total map. */
  maxDeltaSeries: number;
  metrics?: SelfMetrics;
  log?: Log;
}

export class PrometheusRemoteWriteExporter implements Exporter {
  readonly name: string;
  private readonly url: URL;
  private readonly http = new HttpPoster();
  private readonly deltas: DeltaAccumulator;
  private readonly encoded = new WeakMap<TelemetryBatch, Uint8Array>();
  private readonly dropCounters = new Map<DropReason, (by?: number) => void>();
  private readonly log: Log;

  constructor(private readonly options: PrometheusRemoteWriteOptions) {
    this.name = options.name;
    this.url = new URL(options.endpoint);
    this.log = options.log ?? stderrLog;
    const evicted =
      options.metrics?.counter(
        'switchyard_prometheus_delta_series_evicted_total',
        'Delta series whose running total was evicted from the bounded map (they restart from zero)',
        { exporter: options.name },
      ) ?? (() => {});
    this.deltas = new DeltaAccumulator(options.maxDeltaSeries, evicted);
  }

  /** Series currently holding a delta running total. */
  get deltaSeries(): number {
    return this.deltas.size;
  }

  /** The snappy-compressed WriteRequest for a metrics batch (undefined when nothing is left to send). */
  encode(batch: TelemetryBatch): Uint8Array | undefined {
    if (batch.signal !== 'metrics') return undefined;
    const cached = this.encoded.get(batch);
    if (cached) return cached.byteLength === 0 ? undefined : cached;
    const series = metricsToPromSeries(batch.data, {
      nativeHistograms: this.options.nativeHistograms,
      deltas: this.deltas,
      onDrop: (reason) => this.drop(reason),
    });
    const body = series.length === 0 ? new Uint8Array(0) : snappyCompress(encodeWriteRequest(series));
    this.encoded.set(batch, body);
    return body.byteLength === 0 ? undefined : body;
  }

  async push(batch: TelemetryBatch, signal?: AbortSignal): Promise<ExportResult> {
    const body = this.encode(batch);
    if (body === undefined) return SUCCESS;
    const headers = {
      ...this.options.headers,
      'content-encoding': 'snappy',
      'content-type': 'application/x-protobuf',
      'x-prometheus-remote-write-version': '0.1.0',
      'user-agent': 'switchyard-hub',
    };
    return postForResult(this.http, this.url, headers, body, signal);
  }

  private drop(reason: DropReason): void {
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
    c();
  }

  async shutdown(): Promise<void> {
    this.http.destroy();
  }
}
