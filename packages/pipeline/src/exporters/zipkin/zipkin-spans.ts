/**
 * @module OTLP spans → Zipkin v2 JSON spans, per the OpenTelemetry "OpenTelemetry to Zipkin" transformation:
 * - ids as lowercase hex; timestamp and duration in microseconds (duration at least 1)
 * - kind: SERVER/CLIENT/PRODUCER/CONSUMER; INTERNAL and UNSPECIFIED omit it
 * - localEndpoint.serviceName = service.name; remoteEndpoint.serviceName = peer.service (when set)
 * - span and resource attributes → string tags (span attributes win); scope → otel.scope.name/version
 * - status: OK → `otel.status_code=OK`; ERROR → `otel.status_code=ERROR` and `error=<description>`
 * - events → annotations {timestamp, value}: the event name, or `{"<name>":{attributes}}` when it has any
 * - dropped counts → otel.dropped_{attributes,events,links}_count tags
 */
import {
  type Attributes,
  attributesToPlainJson,
  SpanKind,
  StatusCode,
  serviceNameOf,
  type TraceData,
} from '@switchyard/core';
import { attributesText, nsToMicros } from '../attr-text.js';

export interface ZipkinSpan {
  traceId: string;
  id: string;
  parentId?: string;
  name: string;
  kind?: 'CLIENT' | 'SERVER' | 'PRODUCER' | 'CONSUMER';
  timestamp: number;
  duration: number;
  localEndpoint: { serviceName: string };
  remoteEndpoint?: { serviceName: string };
  annotations?: { timestamp: number; value: string }[];
  tags: Record<string, string>;
}

const KINDS: Partial<Record<number, ZipkinSpan['kind']>> = {
  [SpanKind.SERVER]: 'SERVER',
  [SpanKind.CLIENT]: 'CLIENT',
  [SpanKind.PRODUCER]: 'PRODUCER',
  [SpanKind.CONSUMER]: 'CONSUMER',
};

function resourceTags(attrs: Attributes): Record<string, string> {
  const tags = attributesText(attrs);
  delete tags['service.name'];
  return tags;
}

export function toZipkinSpans(data: TraceData): ZipkinSpan[] {
  const out: ZipkinSpan[] = [];
  for (const rs of data.resourceSpans) {
    const serviceName = serviceNameOf(rs.resource);
    const fromResource = resourceTags(rs.resource.attributes);
    for (const ss of rs.scopeSpans) {
      for (const s of ss.spans) {
        const tags: Record<string, string> = { ...fromResource };
        if (ss.scope.name) tags['otel.scope.name'] = ss.scope.name;
        if (ss.scope.version) tags['otel.scope.version'] = ss.scope.version;
        attributesText(s.attributes, tags);
        if (s.status.code === StatusCode.OK) tags['otel.status_code'] = 'OK';
        if (s.status.code === StatusCode.ERROR) {
          tags['otel.status_code'] = 'ERROR';
          tags.error = s.status.message;
        }
        if (s.droppedAttributesCount)
          tags['otel.dropped_attributes_count'] = String(s.droppedAttributesCount);
        if (s.droppedEventsCount) tags['otel.dropped_events_count'] = String(s.droppedEventsCount);
        if (s.droppedLinksCount) tags['otel.dropped_links_count'] = String(s.droppedLinksCount);
        const start = nsToMicros(s.startTimeUnixNano);
        const z: ZipkinSpan = {
          traceId: s.traceId,
          id: s.spanId,
          name: s.name,
          timestamp: start,
          duration: Math.max(1, nsToMicros(s.endTimeUnixNano) - start),
          localEndpoint: { serviceName },
          tags,
        };
        if (s.parentSpanId) z.parentId = s.parentSpanId;
        const kind = KINDS[s.kind];
        if (kind) z.kind = kind;
        const peer = s.attributes['peer.service'];
        if (typeof peer === 'string' && peer !== '') z.remoteEndpoint = { serviceName: peer };
        if (s.events.length > 0) {
          z.annotations = s.events.map((e) => ({
            timestamp: nsToMicros(e.timeUnixNano),
            value:
              Object.keys(e.attributes).length === 0
                ? e.name
                : JSON.stringify({ [e.name]: attributesToPlainJson(e.attributes) }),
          }));
        }
        out.push(z);
      }
    }
  }
  return out;
}
