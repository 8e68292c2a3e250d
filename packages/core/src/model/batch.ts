import type { LogsData } from './log.js';
import type { MetricsData } from './metric.js';
import type { TraceData } from './span.js';

export type Signal = 'traces' | 'metrics' | 'logs';
export const SIGNALS: readonly Signal[] = ['traces', 'metrics', 'logs'];

/**
 * The OTLP request bytes a batch was decoded from, kept while nothing has changed the data so OTLP → OTLP
 * forwarding (and the durable queue) can reuse them instead of re-encoding. Whoever changes `data` must drop it.
 */
export interface EncodedRequest {
  format: 'protobuf' | 'json';
  bytes: Uint8Array;
}

/** One unit of telemetry moving through the pipeline. */
export type TelemetryBatch =
  | { signal: 'traces'; data: TraceData; encoded?: EncodedRequest }
  | { signal: 'metrics'; data: MetricsData; encoded?: EncodedRequest }
  | { signal: 'logs'; data: LogsData; encoded?: EncodedRequest };

/** Number of items (spans, data points, log records) in a batch. */
export function itemCount(batch: TelemetryBatch): number {
  let n = 0;
  switch (batch.signal) {
    case 'traces':
      for (const rs of batch.data.resourceSpans) for (const ss of rs.scopeSpans) n += ss.spans.length;
      return n;
    case 'logs':
      for (const rl of batch.data.resourceLogs) for (const sl of rl.scopeLogs) n += sl.logRecords.length;
      return n;
    case 'metrics':
      for (const rm of batch.data.resourceMetrics)
        for (const sm of rm.scopeMetrics) for (const m of sm.metrics) n += m.data?.dataPoints.length ?? 0;
      return n;
  }
}
