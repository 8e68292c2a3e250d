/**
 * @module Test support: an in-memory TelemetryStore holding spans, logs and metric series, for
 * adapter tests while the DuckDB store is built. Only the read methods the query layer uses work.
 */
import type { InstrumentationScope, Resource } from '@switchyard/core';
import type {
  ChangeEvent,
  LogQuery,
  MetricDescriptor,
  MetricQuery,
  MetricSeries,
  ServiceSummary,
  StoredLog,
  StoredSpan,
  TelemetryStore,
  TraceQuery,
  TraceSummary,
} from '@switchyard/store';

export const resourceOf = (service: string): Resource => ({
  attributes: { 'service.name': service },
  droppedAttributesCount: 0,
});
export const SCOPE: InstrumentationScope = {
  name: 't',
  version: '',
  attributes: {},
  droppedAttributesCount: 0,
};

export class MemoryStore implements TelemetryStore {
  spans: StoredSpan[] = [];
  logs: StoredLog[] = [];
  metrics: (MetricSeries & { type?: MetricDescriptor['type'] })[] = [];
  metricQueries: MetricQuery[] = [];

  async open(): Promise<void> {}
  async append(): Promise<void> {}
  async recordChangeEvent(): Promise<ChangeEvent> {
    throw new Error('not supported');
  }
  async getTrace(traceId: string): Promise<StoredSpan[]> {
    return this.spans.filter((s) => s.traceId === traceId);
  }
  async findTraces(q: TraceQuery): Promise<TraceSummary[]> {
    const ids = [...new Set(this.spans.map((s) => s.traceId))];
    const out: TraceSummary[] = [];
    for (const id of ids) {
      const spans = this.spans.filter((s) => s.traceId === id);
      const services = [...new Set(spans.map((s) => String(s.resource.attributes['service.name'])))].sort();
      if (q.service !== undefined && !services.includes(q.service)) continue;
      let start = spans[0]!.startTimeUnixNano;
      let end = 0n;
      for (const s of spans) {
        if (s.startTimeUnixNano < start) start = s.startTimeUnixNano;
        if (s.endTimeUnixNano > end) end = s.endTimeUnixNano;
      }
      if (q.startNs !== undefined && start < q.startNs) continue;
      if (q.endNs !== undefined && start >= q.endNs) continue;
      const errorCount = spans.filter((s) => s.status.code === 2).length;
      if (q.status === 'error' && errorCount === 0) continue;
      if (q.minDurationNs !== undefined && end - start < q.minDurationNs) continue;
      const root = spans.find((s) => s.parentSpanId === '') ?? spans[0]!;
      out.push({
        traceId: id,
        rootService: String(root.resource.attributes['service.name']),
        rootName: root.name,
        startTimeUnixNano: start,
        durationNs: end - start,
        spanCount: spans.length,
        errorCount,
        services,
      });
    }
    return out.sort((a, b) => Number(b.startTimeUnixNano - a.startTimeUnixNano)).slice(0, q.limit);
  }
  async findLogs(q: LogQuery): Promise<StoredLog[]> {
    return this.logs
      .filter((l) => q.service === undefined || l.resource.attributes['service.name'] === q.service)
      .filter((l) => q.minSeverity === undefined || l.severityNumber >= q.minSeverity)
      .filter((l) => q.text === undefined || String(l.body).toLowerCase().includes(q.text.toLowerCase()))
      .slice(0, q.limit);
  }
  async queryMetrics(q: MetricQuery): Promise<MetricSeries[]> {
    this.metricQueries.push(q);
    return this.metrics.filter(
      (m) => m.name === q.name && (q.service === undefined || m.labels.service === q.service),
    );
  }
  async metricNames(): Promise<MetricDescriptor[]> {
    return this.metrics.map((m) => ({
      name: m.name,
      type: m.type ?? 'gauge',
      unit: '',
      description: '',
      services: [m.labels.service ?? ''],
    }));
  }
  async services(): Promise<ServiceSummary[]> {
    const names = new Set(this.spans.map((s) => String(s.resource.attributes['service.name'])));
    return [...names].map((name) => ({
      name,
      spanCount: 0,
      errorCount: 0,
      logCount: 0,
      lastSeenUnixNano: 0n,
    }));
  }
  async changeEvents(): Promise<ChangeEvent[]> {
    return [];
  }
  async enforceRetention() {
    return { deletedSpans: 0, deletedLogs: 0, deletedPoints: 0 };
  }
  async stats() {
    return { bytes: 0, spans: this.spans.length, logs: this.logs.length, points: 0 };
  }
  async close(): Promise<void> {}
}
