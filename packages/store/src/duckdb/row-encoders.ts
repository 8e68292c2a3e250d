/**
 * @module Model → staged rows (see csv-buffer.ts), one function per signal. Column order follows schema.ts.
 */
import type { AttrValue, LogsData, MetricsData, TraceData } from '@switchyard/core';
import { attributesToJson, attributesToPlainJson, attrValueToJson } from '@switchyard/core';
import { type CsvBuffer, NULL_FIELD, FIELD_SEP as S, textField } from './csv-buffer.js';
import {
  expHistogramPointJson,
  histogramPointJson,
  numberPointJson,
  summaryPointJson,
} from './point-codec.js';
import type { ResourceRegistry } from './resource-registry.js';

function eventsJson(
  events: TraceData['resourceSpans'][number]['scopeSpans'][number]['spans'][number]['events'],
): string {
  if (events.length === 0) return '[]';
  let out = '[';
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (i > 0) out += ',';
    out += `{"t":"${e.timeUnixNano}","n":${JSON.stringify(e.name)},"a":${attributesToJson(e.attributes)},"d":${e.droppedAttributesCount}}`;
  }
  return out + ']';
}

function linksJson(
  links: TraceData['resourceSpans'][number]['scopeSpans'][number]['spans'][number]['links'],
): string {
  if (links.length === 0) return '[]';
  let out = '[';
  for (let i = 0; i < links.length; i++) {
    const l = links[i]!;
    if (i > 0) out += ',';
    out +=
      `{"tr":${JSON.stringify(l.traceId)},"sp":${JSON.stringify(l.spanId)},"ts":${JSON.stringify(l.traceState)},` +
      `"a":${attributesToJson(l.attributes)},"d":${l.droppedAttributesCount},"f":${l.flags}}`;
  }
  return out + ']';
}

/** Hot path: one string concatenation per span, copied straight into the staging buffer. */
export function encodeSpans(data: TraceData, registry: ResourceRegistry, out: CsvBuffer): void {
  for (const rs of data.resourceSpans) {
    const { id: resourceId, service } = registry.resourceId(rs.resource);
    const svc = textField(service);
    for (const ss of rs.scopeSpans) {
      const scopeId = registry.scopeId(ss.scope);
      const ids = S + resourceId + S + scopeId + S;
      for (const s of ss.spans) {
        out.push(
          textField(s.traceId) +
            S +
            textField(s.spanId) +
            S +
            textField(s.parentSpanId) +
            S +
            textField(s.traceState) +
            S +
            (s.flags >>> 0) +
            S +
            textField(s.name) +
            S +
            s.kind +
            S +
            s.startTimeUnixNano +
            S +
            s.endTimeUnixNano +
            S +
            (s.endTimeUnixNano - s.startTimeUnixNano) +
            S +
            s.status.code +
            S +
            textField(s.status.message) +
            S +
            svc +
            ids +
            attributesToJson(s.attributes) +
            S +
            s.droppedAttributesCount +
            S +
            eventsJson(s.events) +
            S +
            s.droppedEventsCount +
            S +
            linksJson(s.links) +
            S +
            s.droppedLinksCount,
        );
      }
    }
  }
}

/** Text rendering of a log body for substring search and display. */
export function bodyText(body: AttrValue): string {
  if (typeof body === 'string') return body;
  if (body === null) return '';
  return JSON.stringify(attributesToPlainJson({ b: body }).b);
}

export function encodeLogs(data: LogsData, registry: ResourceRegistry, out: CsvBuffer): void {
  for (const rl of data.resourceLogs) {
    const { id: resourceId, service } = registry.resourceId(rl.resource);
    const tail = S + textField(service) + S + resourceId + S;
    for (const sl of rl.scopeLogs) {
      const scopeId = registry.scopeId(sl.scope);
      for (const l of sl.logRecords) {
        const ts = l.timeUnixNano !== 0n ? l.timeUnixNano : l.observedTimeUnixNano;
        out.push(
          ts +
            S +
            l.timeUnixNano +
            S +
            l.observedTimeUnixNano +
            S +
            l.severityNumber +
            S +
            textField(l.severityText) +
            S +
            attrValueToJson(l.body) +
            S +
            textField(bodyText(l.body)) +
            S +
            attributesToJson(l.attributes) +
            S +
            l.droppedAttributesCount +
            S +
            (l.flags >>> 0) +
            S +
            textField(l.traceId) +
            S +
            textField(l.spanId) +
            S +
            textField(l.eventName) +
            tail +
            scopeId,
        );
      }
    }
  }
}

function doubleField(v: number | bigint): string {
  const n = Number(v);
  if (Number.isNaN(n)) return 'nan';
  if (n === Number.POSITIVE_INFINITY) return 'inf';
  if (n === Number.NEGATIVE_INFINITY) return '-inf';
  return String(n);
}

export function encodeMetrics(data: MetricsData, registry: ResourceRegistry, out: CsvBuffer): void {
  for (const rm of data.resourceMetrics) {
    const { id: resourceId, service } = registry.resourceId(rm.resource);
    for (const sm of rm.scopeMetrics) {
      const scopeId = registry.scopeId(sm.scope);
      for (const m of sm.metrics) {
        const d = m.data;
        if (d === undefined) continue;
        const temporality = d.type === 'gauge' || d.type === 'summary' ? 0 : d.aggregationTemporality;
        const monotonic = d.type === 'sum' ? d.isMonotonic : false;
        const head =
          S +
          textField(service) +
          S +
          resourceId +
          S +
          scopeId +
          S +
          textField(m.name) +
          S +
          d.type +
          S +
          textField(m.unit) +
          S +
          textField(m.description) +
          S +
          temporality +
          S +
          monotonic +
          S;
        for (const p of d.dataPoints) {
          let value: string;
          let point: string;
          switch (d.type) {
            case 'gauge':
            case 'sum': {
              const np = p as (typeof d.dataPoints)[number];
              value = doubleField(np.value);
              point = numberPointJson(np);
              break;
            }
            case 'histogram':
              value = NULL_FIELD;
              point = histogramPointJson(p as (typeof d.dataPoints)[number]);
              break;
            case 'exponentialHistogram':
              value = NULL_FIELD;
              point = expHistogramPointJson(p as (typeof d.dataPoints)[number]);
              break;
            case 'summary':
              value = NULL_FIELD;
              point = summaryPointJson(p as (typeof d.dataPoints)[number]);
              break;
          }
          out.push(
            p.timeUnixNano +
              S +
              p.startTimeUnixNano +
              head +
              attributesToJson(p.attributes) +
              S +
              value +
              S +
              point,
          );
        }
      }
    }
  }
}
