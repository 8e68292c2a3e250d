import type { Attributes } from './attributes.js';
import type { InstrumentationScope, Resource } from './resource.js';

/** OTLP AggregationTemporality: 0 unspecified, 1 delta, 2 cumulative. */
export const Temporality = { UNSPECIFIED: 0, DELTA: 1, CUMULATIVE: 2 } as const;
export type Temporality = (typeof Temporality)[keyof typeof Temporality];

export interface Exemplar {
  filteredAttributes: Attributes;
  timeUnixNano: bigint;
  /** bigint for asInt, number for asDouble. */
  value: bigint | number;
  spanId: string;
  traceId: string;
}

interface PointBase {
  attributes: Attributes;
  startTimeUnixNano: bigint;
  timeUnixNano: bigint;
  flags: number;
}

/** Gauge/Sum point: `value` is bigint for asInt, number for asDouble. */
export interface NumberDataPoint extends PointBase {
  value: bigint | number;
  exemplars: Exemplar[];
}

export interface HistogramDataPoint extends PointBase {
  count: bigint;
  sum?: number;
  bucketCounts: bigint[];
  explicitBounds: number[];
  exemplars: Exemplar[];
  min?: number;
  max?: number;
}

export interface ExponentialHistogramBuckets {
  offset: number;
  bucketCounts: bigint[];
}

export interface ExponentialHistogramDataPoint extends PointBase {
  count: bigint;
  sum?: number;
  scale: number;
  zeroCount: bigint;
  positive: ExponentialHistogramBuckets;
  negative: ExponentialHistogramBuckets;
  exemplars: Exemplar[];
  min?: number;
  max?: number;
  zeroThreshold: number;
}

export interface SummaryDataPoint extends PointBase {
  count: bigint;
  sum: number;
  quantileValues: { quantile: number; value: number }[];
}

export type MetricData =
  | { type: 'gauge'; dataPoints: NumberDataPoint[] }
  | {
      type: 'sum';
      aggregationTemporality: Temporality;
      isMonotonic: boolean;
      dataPoints: NumberDataPoint[];
    }
  | { type: 'histogram'; aggregationTemporality: Temporality; dataPoints: HistogramDataPoint[] }
  | {
      type: 'exponentialHistogram';
      aggregationTemporality: Temporality;
      dataPoints: ExponentialHistogramDataPoint[];
    }
  | { type: 'summary'; dataPoints: SummaryDataPoint[] };

export type MetricType = MetricData['type'];

export interface Metric {
  name: string;
  description: string;
  unit: string;
  metadata: Attributes;
  /** `undefined` only for a metric whose data field was absent on the wire. */
  data: MetricData | undefined;
}

export interface ScopeMetrics {
  scope: InstrumentationScope;
  metrics: Metric[];
  schemaUrl: string;
}

export interface ResourceMetrics {
  resource: Resource;
  scopeMetrics: ScopeMetrics[];
  schemaUrl: string;
}

/** Body of an ExportMetricsServiceRequest. */
export interface MetricsData {
  resourceMetrics: ResourceMetrics[];
}
