/**
 * @module A span exporter whose real exporter is created asynchronously (an optional package loaded with
 * `import()`). Exports wait for it; if it cannot be created, every export fails with that error, which
 * the counting wrapper records on the handle.
 */
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

export class LazySpanExporter implements SpanExporter {
  private readonly ready: Promise<SpanExporter | Error>;

  constructor(create: () => Promise<SpanExporter>, onError?: (error: Error) => void) {
    this.ready = create().catch((error: unknown) => {
      const e = error instanceof Error ? error : new Error(String(error));
      onError?.(e);
      return e;
    });
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    void this.ready.then((inner) => {
      if (inner instanceof Error) resultCallback({ code: ExportResultCode.FAILED, error: inner });
      else inner.export(spans, resultCallback);
    });
  }

  async shutdown(): Promise<void> {
    const inner = await this.ready;
    if (!(inner instanceof Error)) await inner.shutdown();
  }

  async forceFlush(): Promise<void> {
    const inner = await this.ready;
    if (!(inner instanceof Error)) await inner.forceFlush?.();
  }
}
