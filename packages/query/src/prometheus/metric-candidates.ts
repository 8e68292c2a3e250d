/**
 * @module Which Prometheus metrics answer an intent, in order of preference: OpenTelemetry semantic
 * conventions (current, then legacy), client-library conventions, span-metrics connectors, and
 * Prometheus's own metrics. Metric discovery picks the first that the server actually has.
 */

/** A request counter, and how to select its failed requests. */
export interface CounterCandidate {
  metric: string;
  error: { label: string; op: '=' | '=~'; value: string };
  /** Label naming the service on this metric, when it differs from the source's default. */
  serviceLabel?: string;
}

/** A latency histogram (`<base>_bucket/_sum/_count`) and the factor converting its unit to ms. */
export interface HistogramCandidate {
  base: string;
  toMs: number;
  serviceLabel?: string;
}

/** A CPU or memory metric: counters are rated, gauges read as is. */
export interface ResourceCandidate {
  metric: string;
  kind: 'counter' | 'gauge';
  unit: string;
}

const SERVER_5XX = { op: '=~', value: '5..' } as const;
const SPAN_ERROR = { label: 'status_code', op: '=', value: 'STATUS_CODE_ERROR' } as const;

export const ERROR_RATE_CANDIDATES: readonly CounterCandidate[] = [
  {
    metric: 'http_server_request_duration_seconds_count',
    error: { label: 'http_response_status_code', ...SERVER_5XX },
  },
  { metric: 'http_server_duration_milliseconds_count', error: { label: 'http_status_code', ...SERVER_5XX } },
  { metric: 'http_server_duration_seconds_count', error: { label: 'http_status_code', ...SERVER_5XX } },
  { metric: 'http_requests_total', error: { label: 'status', ...SERVER_5XX } },
  { metric: 'http_requests_total', error: { label: 'code', ...SERVER_5XX } },
  { metric: 'traces_span_metrics_calls_total', error: SPAN_ERROR, serviceLabel: 'service_name' },
  { metric: 'traces_spanmetrics_calls_total', error: SPAN_ERROR, serviceLabel: 'service' },
  { metric: 'calls_total', error: SPAN_ERROR, serviceLabel: 'service_name' },
  { metric: 'prometheus_http_requests_total', error: { label: 'code', ...SERVER_5XX } },
];

export const LATENCY_CANDIDATES: readonly HistogramCandidate[] = [
  { base: 'http_server_request_duration_seconds', toMs: 1000 },
  { base: 'http_server_duration_milliseconds', toMs: 1 },
  { base: 'http_server_duration_seconds', toMs: 1000 },
  { base: 'http_request_duration_seconds', toMs: 1000 },
  { base: 'traces_span_metrics_duration_seconds', toMs: 1000, serviceLabel: 'service_name' },
  { base: 'traces_spanmetrics_latency', toMs: 1000, serviceLabel: 'service' },
  { base: 'duration_milliseconds', toMs: 1, serviceLabel: 'service_name' },
  { base: 'prometheus_http_request_duration_seconds', toMs: 1000 },
];

/** Throughput: any request counter (histogram `_count`s included), same order. */
export const THROUGHPUT_CANDIDATES: readonly { metric: string; serviceLabel?: string }[] = [
  { metric: 'http_server_request_duration_seconds_count' },
  { metric: 'http_server_duration_milliseconds_count' },
  { metric: 'http_server_duration_seconds_count' },
  { metric: 'http_requests_total' },
  { metric: 'http_request_duration_seconds_count' },
  { metric: 'traces_span_metrics_calls_total', serviceLabel: 'service_name' },
  { metric: 'traces_spanmetrics_calls_total', serviceLabel: 'service' },
  { metric: 'calls_total', serviceLabel: 'service_name' },
  { metric: 'prometheus_http_requests_total' },
];

export const CPU_CANDIDATES: readonly ResourceCandidate[] = [
  { metric: 'process_cpu_seconds_total', kind: 'counter', unit: 'cores' },
  { metric: 'process_cpu_time_seconds_total', kind: 'counter', unit: 'cores' },
  { metric: 'container_cpu_usage_seconds_total', kind: 'counter', unit: 'cores' },
  { metric: 'process_cpu_utilization_ratio', kind: 'gauge', unit: 'ratio' },
  { metric: 'process_cpu_utilization', kind: 'gauge', unit: 'ratio' },
];

export const MEMORY_CANDIDATES: readonly ResourceCandidate[] = [
  { metric: 'process_resident_memory_bytes', kind: 'gauge', unit: 'bytes' },
  { metric: 'process_memory_usage_bytes', kind: 'gauge', unit: 'bytes' },
  { metric: 'container_memory_working_set_bytes', kind: 'gauge', unit: 'bytes' },
  { metric: 'process_memory_usage', kind: 'gauge', unit: 'bytes' },
];
