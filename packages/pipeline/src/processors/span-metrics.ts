/**
 * @module Span → RED metrics (`type: span_metrics`), so metric-only backends (Prometheus …) get request rate,
 * errors and duration per service and operation. A Consumer in the traces path: spans pass through to
 * `next` unchanged, and are aggregated per (service.name, span name, span kind, status code) into
 *   traces.span.metrics.calls     cumulative monotonic sum (unit 1)  → calls_total in Prometheus
 *   traces.span.metrics.duration  cumulative histogram (unit ms)      → duration_milliseconds_*
 * (the Collector spanmetrics connector's names). Every `intervalMs`, and on shutdown, the current totals are
 * sent as one metrics batch to `metrics` (route it to your metrics exporter). Cardinality is bounded by
 * `maxSeries`: further combinations are folded into one series per service with `otel.metric.overflow=true`.
 */
import {
  type Attributes,
  type Metric,
  type ResourceMetrics,
  serviceNameOf,
  type TelemetryBatch,
  Temporality,
} from '@switchyard/core';
import { z } from 'zod';
import type { ConsumeResult, Consumer, Lifecycle } from '../component/consumer.js';
import type { ComponentFactory } from '../component/factory.js';
import type { SelfMetrics } from '../self/self-metrics.js';

export const spanMetricsConfigSchema = z.strictObject({
  type: z.literal('span_metrics').default('span_metrics'),
  intervalMs: z.number().int().positive().default(15_000),
  /** Histogram bucket bounds in milliseconds. */
  bucketsMs: z
    .array(z.number().positive())
    .min(1)
    .default([2, 4, 6, 8, 10, 50, 100, 200, 400, 800, 1000, 1400, 2000, 5000, 10_000, 15_000]),
  maxSeries: z.number().int().positive().default(10_000),
});
export type SpanMetricsConfig = z.infer<typeof spanMetricsConfigSchema>;

const KIND_NAMES = [
  'SPAN_KIND_UNSPECIFIED',
  'SPAN_KIND_INTERNAL',
  'SPAN_KIND_SERVER',
  'SPAN_KIND_CLIENT',
  'SPAN_KIND_PRODUCER',
  'SPAN_KIND_CONSUMER',
];
const STATUS_NAMES = ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'];

interface Series {
  service: string;
  attributes: Attributes;
  calls: bigint;
  counts: bigint[];
  sumMs: number;
}

export class SpanMetricsConnector implements Consumer, Lifecycle {
  private readonly series = new Map<string, Series>();
  private readonly startNs = BigInt(Date.now()) * 1_000_000n;
  private readonly timer: NodeJS.Timeout;
  private readonly overflowed: (by?: number) => void;

  constructor(
    private readonly config: SpanMetricsConfig,
    private readonly next: Consumer,
    private readonly metricsOut: Consumer,
    selfMetrics?: SelfMetrics,
  ) {
    this.timer = setInterval(() => void this.flush(), config.intervalMs);
    this.timer.unref();
    this.overflowed =
      selfMetrics?.counter(
        'switchyard_span_metrics_overflow_total',
        'Spans folded into the overflow series',
      ) ?? (() => {});
  }

  consume(batch: TelemetryBatch, sizeBytes: number): Promise<ConsumeResult> {
    if (batch.signal === 'traces') this.record(batch);
    return this.next.consume(batch, sizeBytes);
  }

  private record(batch: Extract<TelemetryBatch, { signal: 'traces' }>): void {
    const bounds = this.config.bucketsMs;
    for (const rs of batch.data.resourceSpans) {
      const service = serviceNameOf(rs.resource);
      for (const ss of rs.scopeSpans) {
        for (const s of ss.spans) {
          let key = `${service}\u0000${s.name}\u0000${s.kind}\u0000${s.status.code}`;
          let entry = this.series.get(key);
          if (!entry) {
            if (this.series.size >= this.config.maxSeries) {
              this.overflowed();
              key = `${service}\u0000\u0001overflow`;
              entry = this.series.get(key);
            }
            if (!entry) {
              const attributes: Attributes = key.endsWith('\u0001overflow')
                ? { 'otel.metric.overflow': true }
                : {
                    span_name: s.name,
                    span_kind: KIND_NAMES[s.kind] ?? String(s.kind),
                    status_code: STATUS_NAMES[s.status.code] ?? String(s.status.code),
                  };
              entry = {
                service,
                attributes,
                calls: 0n,
                counts: new Array<bigint>(bounds.length + 1).fill(0n),
                sumMs: 0,
              };
              this.series.set(key, entry);
            }
          }
          const ms = Number(s.endTimeUnixNano - s.startTimeUnixNano) / 1e6;
          entry.calls++;
          entry.sumMs += ms;
          let i = 0;
          while (i < bounds.length && ms > bounds[i]!) i++;
          entry.counts[i]!++;
        }
      }
    }
  }

  /** The current totals as a metrics batch (one resource per service), or null when no span was seen. */
  snapshot(nowNs: bigint = BigInt(Date.now()) * 1_000_000n): TelemetryBatch | null {
    if (this.series.size === 0) return null;
    const byService = new Map<string, Series[]>();
    for (const s of this.series.values()) {
      const list = byService.get(s.service);
      if (list) list.push(s);
      else byService.set(s.service, [s]);
    }
    const resourceMetrics: ResourceMetrics[] = [...byService].map(([service, list]) => {
      const base = { startTimeUnixNano: this.startNs, timeUnixNano: nowNs, flags: 0 };
      const calls: Metric = {
        name: 'traces.span.metrics.calls',
        description: 'Spans seen, per service, operation, kind and status',
        unit: '1',
        metadata: {},
        data: {
          type: 'sum',
          aggregationTemporality: Temporality.CUMULATIVE,
          isMonotonic: true,
          dataPoints: list.map((s) => ({
            ...base,
            attributes: { ...s.attributes },
            value: s.calls,
            exemplars: [],
          })),
        },
      };
      const duration: Metric = {
        name: 'traces.span.metrics.duration',
        description: 'Span durations, per service, operation, kind and status',
        unit: 'ms',
        metadata: {},
        data: {
          type: 'histogram',
          aggregationTemporality: Temporality.CUMULATIVE,
          dataPoints: list.map((s) => ({
            ...base,
            attributes: { ...s.attributes },
            count: s.calls,
            sum: s.sumMs,
            bucketCounts: [...s.counts],
            explicitBounds: [...this.config.bucketsMs],
            exemplars: [],
          })),
        },
      };
      return {
        resource: { attributes: { 'service.name': service }, droppedAttributesCount: 0 },
        scopeMetrics: [
          {
            scope: {
              name: 'switchyard.span_metrics',
              version: '',
              attributes: {},
              droppedAttributesCount: 0,
            },
            metrics: [calls, duration],
            schemaUrl: '',
          },
        ],
        schemaUrl: '',
      };
    });
    return { signal: 'metrics', data: { resourceMetrics } };
  }

  async flush(): Promise<ConsumeResult | undefined> {
    const batch = this.snapshot();
    if (!batch) return undefined;
    return this.metricsOut.consume(batch, 0);
  }

  async shutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}

export const spanMetricsFactory: ComponentFactory<
  SpanMetricsConfig,
  SpanMetricsConnector,
  { next: Consumer; metrics: Consumer; selfMetrics?: SelfMetrics }
> = {
  type: 'span_metrics',
  kind: 'processor',
  stability: { traces: 'alpha' },
  configSchema: spanMetricsConfigSchema,
  createDefaultConfig: () => spanMetricsConfigSchema.parse({}),
  create: (config, { next, metrics, selfMetrics }) =>
    new SpanMetricsConnector(config, next, metrics, selfMetrics),
};
