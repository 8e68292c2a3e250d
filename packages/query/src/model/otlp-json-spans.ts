/**
 * @module Lenient reader of OTLP/JSON traces as sources return them (Tempo's `batches` or
 * `resourceSpans`, hex or base64 ids, enum names or numbers) → spans for analysis.
 */
import type { AnalysisSpan } from '@switchyard/analysis';
import { asArray, isRecord, type JsonRecord, num, str } from '../http/json-shape.js';

const KINDS: Record<string, number> = {
  SPAN_KIND_UNSPECIFIED: 0,
  SPAN_KIND_INTERNAL: 1,
  SPAN_KIND_SERVER: 2,
  SPAN_KIND_CLIENT: 3,
  SPAN_KIND_PRODUCER: 4,
  SPAN_KIND_CONSUMER: 5,
};
const STATUS: Record<string, number> = { STATUS_CODE_UNSET: 0, STATUS_CODE_OK: 1, STATUS_CODE_ERROR: 2 };

/** Hex ids pass through (lowercased); anything else is taken as base64, as protobuf JSON encodes bytes. */
export function idToHex(id: string, hexLength: number): string {
  if (id === '') return '';
  if (id.length === hexLength && /^[0-9a-fA-F]+$/.test(id)) return id.toLowerCase();
  return Buffer.from(id, 'base64').toString('hex');
}

/** OTLP/JSON AnyValue → plain JS value. */
export function anyValue(v: unknown): unknown {
  if (!isRecord(v)) return null;
  if ('stringValue' in v) return str(v.stringValue);
  if ('intValue' in v) return num(v.intValue);
  if ('doubleValue' in v) return num(v.doubleValue);
  if ('boolValue' in v) return v.boolValue === true;
  if ('arrayValue' in v && isRecord(v.arrayValue)) {
    return (Array.isArray(v.arrayValue.values) ? v.arrayValue.values : []).map(anyValue);
  }
  if ('kvlistValue' in v && isRecord(v.kvlistValue)) return keyValues(v.kvlistValue.values);
  if ('bytesValue' in v) return str(v.bytesValue);
  return null;
}

/** `[{key, value}]` → record. */
export function keyValues(list: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!Array.isArray(list)) return out;
  for (const kv of list) if (isRecord(kv)) out[str(kv.key)] = anyValue(kv.value);
  return out;
}

function bigNs(v: unknown): bigint {
  const s = str(v);
  return /^\d+$/.test(s) ? BigInt(s) : 0n;
}

/** All spans in an OTLP/JSON trace document (`{batches}`, `{resourceSpans}`, or `{trace: {...}}`). */
export function spansFromOtlpJson(doc: unknown): AnalysisSpan[] {
  const root: JsonRecord = isRecord(doc) && isRecord(doc.trace) ? doc.trace : isRecord(doc) ? doc : {};
  const batches = Array.isArray(root.resourceSpans)
    ? root.resourceSpans
    : Array.isArray(root.batches)
      ? root.batches
      : [];
  const out: AnalysisSpan[] = [];
  for (const b of batches) {
    if (!isRecord(b)) continue;
    const resourceAttributes = keyValues(isRecord(b.resource) ? b.resource.attributes : undefined);
    const service =
      typeof resourceAttributes['service.name'] === 'string'
        ? resourceAttributes['service.name']
        : 'unknown_service';
    delete resourceAttributes['service.name'];
    const scopes = Array.isArray(b.scopeSpans)
      ? b.scopeSpans
      : Array.isArray(b.instrumentationLibrarySpans)
        ? b.instrumentationLibrarySpans
        : [];
    for (const sc of scopes) {
      if (!isRecord(sc)) continue;
      for (const sp of asArray(sc.spans ?? [], 'otlp spans')) {
        if (!isRecord(sp)) continue;
        const status = isRecord(sp.status) ? sp.status : {};
        const code = typeof status.code === 'string' ? (STATUS[status.code] ?? 0) : num(status.code) || 0;
        const kind = typeof sp.kind === 'string' ? (KINDS[sp.kind] ?? 0) : num(sp.kind) || 0;
        out.push({
          traceId: idToHex(str(sp.traceId), 32),
          spanId: idToHex(str(sp.spanId), 16),
          parentSpanId: idToHex(str(sp.parentSpanId), 16),
          name: str(sp.name),
          service,
          kind,
          startTimeUnixNano: bigNs(sp.startTimeUnixNano),
          endTimeUnixNano: bigNs(sp.endTimeUnixNano),
          status: { code, message: str(status.message) },
          attributes: keyValues(sp.attributes),
          resourceAttributes,
          events: (Array.isArray(sp.events) ? sp.events : []).filter(isRecord).map((e) => ({
            name: str(e.name),
            attributes: keyValues(e.attributes),
          })),
        });
      }
    }
  }
  return out;
}
