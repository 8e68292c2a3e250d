/**
 * @module Model → staged rows (see csv-buffer.ts), one function per signal. Column order follows schema.ts.
 */
import type { Attributes, AttrValue, LogsData, MetricsData, TraceData } from '@switchyard/core';
import { attributesToJson, attributesToPlainJson, attrValueToJson } from '@switchyard/core';
import { type CsvBuffer, NULL_FIELD, FIELD_SEP as S, textField } from './csv-buffer.js';
import {
  expHistogramPointJson,
  histogramPointJson,
  numberPointJson,
  summaryPointJson,
} from './point-codec.js';
import type { ResourceRegistry } from './resource-registry.js';

type SpanOf = TraceData['resourceSpans'][number]['scopeSpans'][number]['spans'][number];

const SEP = 0x1f;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Typed JSON of one value; same text as `attrValueToJson` (arrays written element by element). */
function writeValue(out: CsvBuffer, v: AttrValue): void {
  switch (typeof v) {
    case 'string':
      out.json(v);
      return;
    case 'boolean':
      out.raw(v ? 'true' : 'false');
      return;
    case 'bigint':
      out.raw(v <= MAX_SAFE && v >= -MAX_SAFE ? v.toString() : attrValueToJson(v));
      return;
    default:
      break;
  }
  if (Array.isArray(v)) {
    out.char(0x5b); // [
    for (let i = 0; i < v.length; i++) {
      if (i > 0) out.char(0x2c);
      writeValue(out, v[i] as AttrValue);
    }
    out.char(0x5d);
  } else out.raw(attrValueToJson(v));
}

/** Typed JSON of an attribute map, written straight into the buffer; same text as `attributesToJson`. */
function writeAttributes(out: CsvBuffer, a: Attributes): void {
  out.char(0x7b); // {
  let first = true;
  for (const key in a) {
    if (!first) out.char(0x2c);
    first = false;
    out.json(key);
    out.char(0x3a); // :
    writeValue(out, a[key] as AttrValue);
  }
  out.char(0x7d); // }
}

/** `[{"t":"<ns>","n":<name>,"a":<attributes>,"d":<dropped>},…]` */
function writeEvents(out: CsvBuffer, events: SpanOf['events']): void {
  out.char(0x5b);
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    out.raw(i > 0 ? ',{"t":"' : '{"t":"');
    out.raw(e.timeUnixNano.toString());
    out.raw('","n":');
    out.json(e.name);
    out.raw(',"a":');
    writeAttributes(out, e.attributes);
    out.raw(',"d":');
    out.uint(e.droppedAttributesCount);
    out.char(0x7d);
  }
  out.char(0x5d);
}

/** `[{"tr":<trace>,"sp":<span>,"ts":<state>,"a":<attributes>,"d":<dropped>,"f":<flags>},…]` */
function writeLinks(out: CsvBuffer, links: SpanOf['links']): void {
  out.char(0x5b);
  for (let i = 0; i < links.length; i++) {
    const l = links[i]!;
    out.raw(i > 0 ? ',{"tr":' : '{"tr":');
    out.json(l.traceId);
    out.raw(',"sp":');
    out.json(l.spanId);
    out.raw(',"ts":');
    out.json(l.traceState);
    out.raw(',"a":');
    writeAttributes(out, l.attributes);
    out.raw(',"d":');
    out.uint(l.droppedAttributesCount);
    out.raw(',"f":');
    out.uint(l.flags);
    out.char(0x7d);
  }
  out.char(0x5d);
}

/**
 * Hot path: each span's fields are written straight into the staging buffer (see CsvBuffer's
 * field writers), in schema.ts column order.
 */
export function encodeSpans(data: TraceData, registry: ResourceRegistry, out: CsvBuffer): void {
  for (const rs of data.resourceSpans) {
    const { id: resourceId, service } = registry.resourceId(rs.resource);
    const svc = textField(service);
    for (const ss of rs.scopeSpans) {
      const scopeId = registry.scopeId(ss.scope);
      const ids = `${svc}${S}${resourceId}${S}${scopeId}${S}`;
      for (const s of ss.spans) {
        const row = out.startRow();
        out.text(s.traceId);
        out.char(SEP);
        out.text(s.spanId);
        out.char(SEP);
        out.text(s.parentSpanId);
        out.char(SEP);
        out.text(s.traceState);
        out.char(SEP);
        out.uint(s.flags >>> 0);
        out.char(SEP);
        out.text(s.name);
        out.char(SEP);
        out.raw(String(s.kind));
        out.char(SEP);
        out.raw(s.startTimeUnixNano.toString());
        out.char(SEP);
        out.raw(s.endTimeUnixNano.toString());
        out.char(SEP);
        out.raw((s.endTimeUnixNano - s.startTimeUnixNano).toString());
        out.char(SEP);
        out.raw(String(s.status.code));
        out.char(SEP);
        out.text(s.status.message);
        out.char(SEP);
        out.raw(ids);
        writeAttributes(out, s.attributes);
        out.char(SEP);
        out.uint(s.droppedAttributesCount);
        out.char(SEP);
        writeEvents(out, s.events);
        out.char(SEP);
        out.uint(s.droppedEventsCount);
        out.char(SEP);
        writeLinks(out, s.links);
        out.char(SEP);
        out.uint(s.droppedLinksCount);
        out.endRow(row);
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
