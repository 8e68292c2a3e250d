/**
 * @module OTLP → Splunk HTTP Event Collector events (`POST /services/collector/event`), one JSON object per
 * item, concatenated (HEC's batch form):
 *   {"time":<epoch seconds, ms precision>,"host":…,"source":…,"sourcetype":…,"index":…,"event":…,"fields":{…}}
 * - logs: `event` is the body (text, or the structured value as JSON); `fields` hold resource and log
 *   attributes (as text), severity and trace/span ids
 * - traces: `event` is the span (ids, name, kind, start/end in ns, attributes, status, events); `fields`
 *   hold the resource attributes
 * - metrics: gauge and sum points as HEC metric events (`"event":"metric"`, `fields["metric_name:<name>"]`);
 *   other metric types are not sent and are reported to the caller to count
 * `host` is the resource's host.name when present.
 */
import {
  attributesToPlainJson,
  attrValueToPlainJson,
  type Resource,
  type TelemetryBatch,
} from '@switchyard/core';
import { attributesText } from '../attr-text.js';

export interface HecDefaults {
  index?: string;
  source?: string;
  sourcetype?: string;
}

export interface HecEvent {
  time: number;
  host?: string;
  source?: string;
  sourcetype?: string;
  index?: string;
  event: unknown;
  fields: Record<string, string | number>;
}

function nsToSeconds(ns: bigint): number {
  return Number(ns / 1_000_000n) / 1000;
}

function envelope(resource: Resource, time: bigint, d: HecDefaults): Omit<HecEvent, 'event' | 'fields'> {
  const e: Omit<HecEvent, 'event' | 'fields'> = { time: nsToSeconds(time) };
  const host = resource.attributes['host.name'];
  if (typeof host === 'string' && host !== '') e.host = host;
  if (d.source) e.source = d.source;
  if (d.sourcetype) e.sourcetype = d.sourcetype;
  if (d.index) e.index = d.index;
  return e;
}

/** HEC events for a batch, and the number of metric points that have no HEC form. */
export function toHecEvents(
  batch: TelemetryBatch,
  d: HecDefaults,
): { events: HecEvent[]; unsupported: number } {
  const events: HecEvent[] = [];
  let unsupported = 0;
  switch (batch.signal) {
    case 'logs':
      for (const rl of batch.data.resourceLogs) {
        const base = attributesText(rl.resource.attributes);
        for (const sl of rl.scopeLogs) {
          for (const r of sl.logRecords) {
            const fields: Record<string, string | number> = attributesText(r.attributes, { ...base });
            if (r.severityText) fields['otel.log.severity.text'] = r.severityText;
            if (r.severityNumber) fields['otel.log.severity.number'] = r.severityNumber;
            if (r.traceId) fields.trace_id = r.traceId;
            if (r.spanId) fields.span_id = r.spanId;
            const time = r.timeUnixNano !== 0n ? r.timeUnixNano : r.observedTimeUnixNano;
            const event = typeof r.body === 'string' ? r.body : attrValueToPlainJson(r.body);
            events.push({ ...envelope(rl.resource, time, d), event, fields });
          }
        }
      }
      break;
    case 'traces':
      for (const rs of batch.data.resourceSpans) {
        const fields = attributesText(rs.resource.attributes);
        for (const ss of rs.scopeSpans) {
          for (const s of ss.spans) {
            const event = {
              trace_id: s.traceId,
              span_id: s.spanId,
              parent_span_id: s.parentSpanId,
              name: s.name,
              kind: s.kind,
              start_time: s.startTimeUnixNano.toString(),
              end_time: s.endTimeUnixNano.toString(),
              attributes: attributesToPlainJson(s.attributes),
              status: { code: s.status.code, message: s.status.message },
              events: s.events.map((e) => ({
                time: e.timeUnixNano.toString(),
                name: e.name,
                attributes: attributesToPlainJson(e.attributes),
              })),
            };
            events.push({ ...envelope(rs.resource, s.startTimeUnixNano, d), event, fields: { ...fields } });
          }
        }
      }
      break;
    case 'metrics':
      for (const rm of batch.data.resourceMetrics) {
        const base = attributesText(rm.resource.attributes);
        for (const sm of rm.scopeMetrics) {
          for (const m of sm.metrics) {
            if (m.data?.type !== 'gauge' && m.data?.type !== 'sum') {
              unsupported += m.data?.dataPoints.length ?? 0;
              continue;
            }
            for (const p of m.data.dataPoints) {
              const fields: Record<string, string | number> = attributesText(p.attributes, { ...base });
              fields[`metric_name:${m.name}`] = Number(p.value);
              events.push({ ...envelope(rm.resource, p.timeUnixNano, d), event: 'metric', fields });
            }
          }
        }
      }
      break;
  }
  return { events, unsupported };
}
