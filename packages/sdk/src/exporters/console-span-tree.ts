/**
 * @module A console exporter that prints each trace as a readable tree (name, duration, status,
 * a few attributes) instead of one JSON dump per span. Spans of a trace that arrive in different
 * batches are printed as separate trees; a child whose parent is not in the batch is shown as a root.
 */
import { SpanStatusCode } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode, hrTimeToMilliseconds } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

export interface ConsoleSpanTreeOptions {
  write?: (text: string) => void;
  /** Attributes shown per span, at most. */
  maxAttributes?: number;
}

function line(span: ReadableSpan, depth: number, maxAttributes: number): string {
  const ms = hrTimeToMilliseconds(span.duration).toFixed(1);
  const status =
    span.status.code === SpanStatusCode.ERROR
      ? ` ✗ ERROR${span.status.message ? `: ${span.status.message}` : ''}`
      : '';
  const attrs = Object.entries(span.attributes)
    .slice(0, maxAttributes)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(',')}]` : String(v)}`)
    .join(' ');
  return `${'  '.repeat(depth)}${depth > 0 ? '└─ ' : ''}${span.name} ${ms} ms${status}${attrs ? `  ${attrs}` : ''}`;
}

/** Renders spans as one tree per trace. Exported for tests and the CLI. */
export function renderSpanTree(spans: readonly ReadableSpan[], maxAttributes = 4): string {
  const byTrace = new Map<string, ReadableSpan[]>();
  for (const s of spans) {
    const id = s.spanContext().traceId;
    const list = byTrace.get(id) ?? [];
    byTrace.set(id, list);
    list.push(s);
  }
  const out: string[] = [];
  for (const [traceId, list] of byTrace) {
    const ids = new Set(list.map((s) => s.spanContext().spanId));
    const children = new Map<string, ReadableSpan[]>();
    const roots: ReadableSpan[] = [];
    for (const s of list) {
      const parent = s.parentSpanContext?.spanId;
      if (parent && ids.has(parent)) {
        const c = children.get(parent) ?? [];
        children.set(parent, c);
        c.push(s);
      } else roots.push(s);
    }
    const byStart = (a: ReadableSpan, b: ReadableSpan): number =>
      hrTimeToMilliseconds(a.startTime) - hrTimeToMilliseconds(b.startTime);
    const service = String(list[0]!.resource.attributes['service.name'] ?? 'unknown_service');
    out.push(`trace ${traceId} (${service})`);
    const walk = (s: ReadableSpan, depth: number): void => {
      out.push(line(s, depth + 1, maxAttributes));
      for (const c of (children.get(s.spanContext().spanId) ?? []).sort(byStart)) walk(c, depth + 1);
    };
    for (const r of roots.sort(byStart)) walk(r, 0);
  }
  return out.join('\n');
}

export class ConsoleSpanTreeExporter implements SpanExporter {
  private readonly write: (text: string) => void;
  private readonly maxAttributes: number;

  constructor(options: ConsoleSpanTreeOptions = {}) {
    this.write = options.write ?? ((text) => process.stdout.write(text));
    this.maxAttributes = options.maxAttributes ?? 4;
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.write(`${renderSpanTree(spans, this.maxAttributes)}\n`);
    resultCallback({ code: ExportResultCode.SUCCESS });
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
