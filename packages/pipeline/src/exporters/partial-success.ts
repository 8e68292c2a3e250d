/**
 * @module Handling of an OTLP partial success: the rejected items are counted and logged, never retried
 * (the spec says the client MUST NOT retry them — the server already judged them invalid).
 */
import { decodeExportResponse, type OtlpFormat, type Signal } from '@switchyard/core';
import type { Log } from '../queue/log.js';
import type { SelfMetrics } from '../self/self-metrics.js';

export class PartialSuccessCounter {
  private readonly counters = new Map<Signal, (by?: number) => void>();

  constructor(
    private readonly exporter: string,
    private readonly metrics: SelfMetrics | undefined,
    private readonly log: Log,
  ) {}

  /** Reads a 2xx response body; returns the number of rejected items (0 when the body is not decodable). */
  record(signal: Signal, body: Uint8Array, format: OtlpFormat): number {
    let rejected = 0;
    let message = '';
    try {
      const ps = decodeExportResponse(signal, body, format);
      rejected = ps.rejected;
      message = ps.errorMessage;
    } catch {
      return 0;
    }
    if (rejected > 0 || message !== '') {
      this.counter(signal)(rejected);
      this.log(
        `exporter ${this.exporter}: partial success, ${rejected} ${signal} items rejected: ${message}`,
      );
    }
    return rejected;
  }

  private counter(signal: Signal): (by?: number) => void {
    let c = this.counters.get(signal);
    if (!c) {
      c =
        this.metrics?.counter(
          'switchyard_exporter_rejected_items_total',
          'Items a destination rejected in a partial success (not retried)',
          { exporter: this.exporter, signal },
        ) ?? (() => {});
      this.counters.set(signal, c);
    }
    return c;
  }
}
