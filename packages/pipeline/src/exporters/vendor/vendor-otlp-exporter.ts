/**
 * @module One vendor preset as a hub exporter: per accepted signal an OtlpHttpExporter with the preset's URL,
 * headers and request signing (AWS SigV4 per service, Google ADC). Before sending, metrics go through
 * cumulative → delta when the backend needs delta, and the resource attributes the backend needs
 * (gcp.project_id) are added where absent. Batches nothing changed keep their received bytes, so
 * OTLP → OTLP forwarding does not re-encode. A signal the backend does not accept is skipped and counted.
 */
import {
  type Attributes,
  type ConfigError,
  itemCount,
  type ResourceLogs,
  type ResourceMetrics,
  type ResourceSpans,
  type Signal,
  type TelemetryBatch,
} from '@switchyard/core';
import {
  type Authorizer,
  createGoogleAdcAuthorizer,
  createSigV4Authorizer,
  type ResolvedPreset,
  type ResolvedSignal,
  type VendorPreset,
} from '@switchyard/presets';
import { type ExportResult, SUCCESS } from '../../component/export-result.js';
import type { Exporter } from '../../component/exporter.js';
import { CumulativeToDelta } from '../../processors/cumulative-to-delta.js';
import { type Log, stderrLog } from '../../queue/log.js';
import type { SelfMetrics } from '../../self/self-metrics.js';
import { OtlpHttpExporter } from '../otlp-http-exporter.js';

export interface VendorOtlpExporterOptions {
  name: string;
  preset: VendorPreset;
  resolved: ResolvedPreset;
  /** Added to the preset's headers. */
  headers: Record<string, string>;
  compression: 'none' | 'gzip';
  maxDeltaSeries: number;
  metrics?: SelfMetrics;
  log?: Log;
}

type HasResource = { resource: { attributes: Attributes } };

/** Adds missing resource attributes; returns the batch itself when every resource already has them. */
function withResourceAttributes(batch: TelemetryBatch, attrs: Record<string, string>): TelemetryBatch {
  const entries = Object.entries(attrs);
  const lacks = (r: HasResource) => entries.some(([k]) => !(k in r.resource.attributes));
  const fill = <R extends HasResource>(r: R): R => {
    if (!lacks(r)) return r;
    const attributes = { ...r.resource.attributes };
    for (const [k, v] of entries) if (!(k in attributes)) attributes[k] = v;
    return { ...r, resource: { ...r.resource, attributes } };
  };
  switch (batch.signal) {
    case 'traces':
      if (!batch.data.resourceSpans.some(lacks)) return batch;
      return { signal: 'traces', data: { resourceSpans: batch.data.resourceSpans.map(fill<ResourceSpans>) } };
    case 'metrics':
      if (!batch.data.resourceMetrics.some(lacks)) return batch;
      return {
        signal: 'metrics',
        data: { resourceMetrics: batch.data.resourceMetrics.map(fill<ResourceMetrics>) },
      };
    case 'logs':
      if (!batch.data.resourceLogs.some(lacks)) return batch;
      return {
        signal: 'logs',
        data: {
          resourceLogs: batch.data.resourceLogs.map(fill<ResourceLogs>),
        },
      };
  }
}

export class VendorOtlpExporter implements Exporter {
  readonly name: string;
  private readonly senders = new Map<Signal, OtlpHttpExporter>();
  private readonly delta: CumulativeToDelta | undefined;
  private readonly skipped: (signal: Signal, items: number) => void;

  constructor(private readonly options: VendorOtlpExporterOptions) {
    const { name, preset, resolved, metrics } = options;
    this.name = name;
    const log = options.log ?? stderrLog;
    for (const [signal, target] of Object.entries(resolved.signals) as [Signal, ResolvedSignal][]) {
      this.senders.set(
        signal,
        new OtlpHttpExporter({
          name,
          endpoint: target.url,
          signalEndpoints: { [signal]: target.url },
          encoding: 'protobuf',
          compression: options.compression,
          headers: { ...target.headers, ...options.headers },
          authorize: this.authorizer(target, log),
          metrics,
          log,
        }),
      );
    }
    if (preset.temporality === 'delta')
      this.delta = new CumulativeToDelta(
        { type: 'cumulative_to_delta', maxSeries: options.maxDeltaSeries },
        `${name}/cumulative_to_delta`,
        metrics,
      );
    const counters = new Map<Signal, (by?: number) => void>();
    this.skipped = (signal, items) => {
      let c = counters.get(signal);
      if (!c) {
        c =
          metrics?.counter('switchyard_exporter_dropped_items_total', 'Items dropped without delivery', {
            exporter: name,
            reason: `${signal}_not_accepted`,
          }) ?? (() => {});
        counters.set(signal, c);
      }
      c(items);
    };
  }

  private authorizer(target: ResolvedSignal, log: Log): Authorizer | undefined {
    const auth = this.options.resolved.auth;
    if (!auth) return undefined;
    const owner = { exporter: this.name, configPath: `exporters.${this.name}` };
    const onConfigError = (e: ConfigError) => log(`${e.message}${e.hint ? ` (${e.hint})` : ''}`);
    if (auth.type === 'sigv4')
      return createSigV4Authorizer(owner, auth, target.signingService ?? '', onConfigError);
    return createGoogleAdcAuthorizer(owner, auth, onConfigError);
  }

  /** Signals this exporter sends (the others are skipped and counted). */
  get signals(): Signal[] {
    return [...this.senders.keys()];
  }

  async push(batch: TelemetryBatch, signal?: AbortSignal): Promise<ExportResult> {
    const sender = this.senders.get(batch.signal);
    if (!sender) {
      this.skipped(batch.signal, itemCount(batch));
      return SUCCESS;
    }
    let out: TelemetryBatch | null = batch;
    if (this.delta && out.signal === 'metrics') out = this.delta.process(out);
    if (!out) return SUCCESS;
    const attrs = this.options.resolved.resourceAttributes;
    if (Object.keys(attrs).length > 0) out = withResourceAttributes(out, attrs);
    return sender.push(out, signal);
  }

  async shutdown(): Promise<void> {
    await Promise.all([...this.senders.values()].map((s) => s.shutdown()));
  }
}
