/** @module Jaeger's JSON trace model (`{traceID, spans, processes}`) → spans for analysis. */
import type { AnalysisSpan } from '@switchyard/analysis';
import { isRecord, num, str } from '../http/json-shape.js';

const KIND: Record<string, number> = { internal: 1, server: 2, client: 3, producer: 4, consumer: 5 };

function tagMap(tags: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (Array.isArray(tags)) for (const t of tags) if (isRecord(t)) out[str(t.key)] = t.value;
  return out;
}

export function spansFromJaeger(trace: unknown): AnalysisSpan[] {
  if (!isRecord(trace) || !Array.isArray(trace.spans)) return [];
  const processes = isRecord(trace.processes) ? trace.processes : {};
  return trace.spans.filter(isRecord).map((s) => {
    const tags = tagMap(s.tags);
    const proc = processes[str(s.processID)];
    const service = isRecord(proc) ? str(proc.serviceName) : 'unknown_service';
    const parentRef = Array.isArray(s.references)
      ? s.references.find((r) => isRecord(r) && str(r.refType) === 'CHILD_OF')
      : undefined;
    const startUs = BigInt(Math.round(num(s.startTime) || 0));
    const durUs = BigInt(Math.round(num(s.duration) || 0));
    const isError = tags.error === true || tags.error === 'true' || str(tags['otel.status_code']) === 'ERROR';
    const {
      error: _e,
      'span.kind': kind,
      'otel.status_code': _c,
      'otel.status_description': desc,
      ...attributes
    } = tags;
    return {
      traceId: str(s.traceID).toLowerCase().padStart(32, '0'),
      spanId: str(s.spanID).toLowerCase(),
      parentSpanId: isRecord(parentRef) ? str(parentRef.spanID).toLowerCase() : '',
      name: str(s.operationName),
      service,
      kind: KIND[str(kind)] ?? 0,
      startTimeUnixNano: startUs * 1000n,
      endTimeUnixNano: (startUs + durUs) * 1000n,
      status: { code: isError ? 2 : 0, message: str(desc) },
      attributes,
      events: (Array.isArray(s.logs) ? s.logs : []).filter(isRecord).map((l) => {
        const fields = tagMap(l.fields);
        return { name: str(fields.event) || 'log', attributes: fields };
      }),
    };
  });
}
