/**
 * @module OTLP logs and spans → Elasticsearch documents, in the shape of Elastic's OTel-native mapping
 * (`@timestamp`, `body.text`/`body.structured`, `attributes`, `resource.attributes`, `scope`, ids), so the
 * built-in `logs-*.otel-*` / `traces-*.otel-*` data stream templates apply.
 */
import { attributesToPlainJson, attrValueToPlainJson, type TelemetryBatch } from '@switchyard/core';

function isoTime(ns: bigint): string {
  const ms = ns / 1_000_000n;
  const micros = (ns / 1000n) % 1000n;
  return new Date(Number(ms)).toISOString().replace('Z', `${micros.toString().padStart(3, '0')}Z`);
}

export function toEsDocuments(batch: TelemetryBatch): Record<string, unknown>[] {
  const docs: Record<string, unknown>[] = [];
  if (batch.signal === 'logs') {
    for (const rl of batch.data.resourceLogs) {
      const resource = { attributes: attributesToPlainJson(rl.resource.attributes) };
      for (const sl of rl.scopeLogs) {
        const scope = { name: sl.scope.name, version: sl.scope.version };
        for (const r of sl.logRecords) {
          const time = r.timeUnixNano !== 0n ? r.timeUnixNano : r.observedTimeUnixNano;
          const doc: Record<string, unknown> = {
            '@timestamp': isoTime(time),
            body:
              typeof r.body === 'string' ? { text: r.body } : { structured: attrValueToPlainJson(r.body) },
            severity_text: r.severityText,
            severity_number: r.severityNumber,
            attributes: attributesToPlainJson(r.attributes),
            resource,
            scope,
          };
          if (r.traceId) doc.trace_id = r.traceId;
          if (r.spanId) doc.span_id = r.spanId;
          docs.push(doc);
        }
      }
    }
  } else if (batch.signal === 'traces') {
    for (const rs of batch.data.resourceSpans) {
      const resource = { attributes: attributesToPlainJson(rs.resource.attributes) };
      for (const ss of rs.scopeSpans) {
        const scope = { name: ss.scope.name, version: ss.scope.version };
        for (const s of ss.spans) {
          docs.push({
            '@timestamp': isoTime(s.startTimeUnixNano),
            trace_id: s.traceId,
            span_id: s.spanId,
            parent_span_id: s.parentSpanId,
            name: s.name,
            kind: s.kind,
            duration: Number(s.endTimeUnixNano - s.startTimeUnixNano),
            status: { code: s.status.code, message: s.status.message },
            attributes: attributesToPlainJson(s.attributes),
            events: s.events.map((e) => ({
              '@timestamp': isoTime(e.timeUnixNano),
              name: e.name,
              attributes: attributesToPlainJson(e.attributes),
            })),
            resource,
            scope,
          });
        }
      }
    }
  }
  return docs;
}
