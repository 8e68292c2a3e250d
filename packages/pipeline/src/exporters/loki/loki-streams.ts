/**
 * @module OTLP logs → Loki push API streams (`POST /loki/api/v1/push`, JSON):
 *   {"streams":[{"stream":{<labels>},"values":[["<ns timestamp>","<line>",{<structured metadata>}]]}]}
 * - stream labels come from a configured list of resource attributes (dots → underscores, like Loki 3's
 *   own OTLP ingestion: `service.name` → `service_name`); keep it to low-cardinality attributes
 * - the line is the body (text as-is, structured bodies as JSON)
 * - `structuredMetadata: true` (Loki ≥ 2.9 with it enabled, the Loki 3 default) puts severity, trace and span
 *   ids and the log attributes in the entry's metadata; `false` writes the line as a JSON object holding
 *   body, severity, ids and attributes instead
 * - entries are ordered by timestamp within each stream; a record without a timestamp uses its observed time
 */
import { attrValueToPlainJson, type LogsData, type Resource } from '@switchyard/core';
import { attributesText, attrText } from '../attr-text.js';

export type LokiEntry = [string, string] | [string, string, Record<string, string>];

export interface LokiStream {
  stream: Record<string, string>;
  values: LokiEntry[];
}

export interface LokiFormat {
  /** Resource attribute keys that become stream labels. */
  labels: readonly string[];
  structuredMetadata: boolean;
}

function labelName(key: string): string {
  const s = key.replace(/[^a-zA-Z0-9_]/g, '_');
  return /^[0-9]/.test(s) ? `_${s}` : s;
}

function streamLabels(resource: Resource, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) {
    const v = resource.attributes[k];
    if (v === undefined || v === null) continue;
    const text = attrText(v);
    if (text !== '') out[labelName(k)] = text;
  }
  // Loki rejects a stream with no labels at all.
  if (Object.keys(out).length === 0) out.service_name = 'unknown_service';
  return out;
}

export function toLokiStreams(data: LogsData, format: LokiFormat): LokiStream[] {
  const streams = new Map<string, { stream: LokiStream; ts: bigint[] }>();
  for (const rl of data.resourceLogs) {
    const labels = streamLabels(rl.resource, format.labels);
    const key = JSON.stringify(Object.entries(labels).sort());
    let entry = streams.get(key);
    if (!entry) {
      entry = { stream: { stream: labels, values: [] }, ts: [] };
      streams.set(key, entry);
    }
    for (const sl of rl.scopeLogs) {
      for (const r of sl.logRecords) {
        const ts = r.timeUnixNano !== 0n ? r.timeUnixNano : r.observedTimeUnixNano;
        const body = typeof r.body === 'string' ? r.body : JSON.stringify(attrValueToPlainJson(r.body));
        const meta: Record<string, string> = {};
        if (r.severityText) meta.severity_text = r.severityText;
        if (r.severityNumber) meta.severity_number = String(r.severityNumber);
        if (r.traceId) meta.trace_id = r.traceId;
        if (r.spanId) meta.span_id = r.spanId;
        if (format.structuredMetadata) {
          for (const [k, v] of Object.entries(attributesText(r.attributes))) meta[labelName(k)] = v;
          entry.stream.values.push(
            Object.keys(meta).length > 0 ? [ts.toString(), body, meta] : [ts.toString(), body],
          );
        } else {
          const line = JSON.stringify({ body, ...meta, attributes: attributesText(r.attributes) });
          entry.stream.values.push([ts.toString(), line]);
        }
        entry.ts.push(ts);
      }
    }
  }
  const out: LokiStream[] = [];
  for (const { stream, ts } of streams.values()) {
    if (stream.values.length === 0) continue;
    const order = stream.values
      .map((_, i) => i)
      .sort((a, b) => (ts[a]! < ts[b]! ? -1 : ts[a]! > ts[b]! ? 1 : a - b));
    stream.values = order.map((i) => stream.values[i]!);
    out.push(stream);
  }
  return out;
}
