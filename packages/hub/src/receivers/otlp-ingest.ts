/**
 * @module The protocol-independent part of receiving OTLP: decode, validate, hand to the pipeline,
 * and say what to answer. Both the HTTP and the gRPC receiver call this.
 */
import { decodeRequest, itemCount, OtlpDecodeError, type OtlpFormat, type Signal } from '@switchyard/core';
import type { Consumer, MemoryLimiter, SelfMetrics } from '@switchyard/pipeline';
import { validateBatch } from './validate-batch.js';

export type IngestOutcome =
  | { kind: 'ok'; rejected: number; message: string }
  | { kind: 'invalid'; message: string }
  | { kind: 'refused'; status: 429 | 503; retryAfterMs: number; reason: string }
  | { kind: 'failed'; message: string };

export class OtlpIngest {
  private readonly counters: Record<string, (n?: number) => void> = {};

  constructor(
    private readonly pipeline: Consumer,
    private readonly limiter: MemoryLimiter | undefined,
    private readonly metrics: SelfMetrics,
  ) {}

  private count(name: string, help: string, labels: Record<string, string>, n: number): void {
    const key = `${name}|${JSON.stringify(labels)}`;
    let c = this.counters[key];
    if (!c) {
      c = this.metrics.counter(name, help, labels);
      this.counters[key] = c;
    }
    c(n);
  }

  /** Early refusal before the body is read or decoded, when the pipeline is saturated. */
  admit(sizeBytes: number): IngestOutcome | undefined {
    const r = this.limiter?.admit(sizeBytes);
    return r?.kind === 'refused' ? r : undefined;
  }

  async ingest(
    signal: Signal,
    body: Uint8Array,
    format: OtlpFormat,
    transport: string,
  ): Promise<IngestOutcome> {
    const labels = { signal, transport };
    const refused = this.admit(body.length);
    if (refused) return refused;
    let batch: ReturnType<typeof decodeRequest>;
    try {
      batch = decodeRequest(signal, body, format);
    } catch (err) {
      this.count('switchyard_receiver_malformed_requests_total', 'Requests rejected as malformed', labels, 1);
      if (err instanceof OtlpDecodeError) return { kind: 'invalid', message: err.message };
      return { kind: 'invalid', message: `could not decode ${format} body: ${(err as Error).message}` };
    }
    const { rejected, message } = validateBatch(batch);
    // Unchanged by validation: keep the received bytes so OTLP forwarding and the disk queue can reuse them.
    if (rejected === 0) batch.encoded = { format, bytes: body };
    const items = itemCount(batch);
    if (rejected > 0)
      this.count(
        'switchyard_receiver_rejected_items_total',
        'Items rejected by validation',
        labels,
        rejected,
      );
    if (items === 0) return { kind: 'ok', rejected, message };
    const result = await this.pipeline.consume(batch, body.length);
    switch (result.kind) {
      case 'accepted':
        this.count('switchyard_receiver_accepted_items_total', 'Items accepted', labels, items);
        return { kind: 'ok', rejected, message };
      case 'refused':
        this.count('switchyard_receiver_refused_items_total', 'Items refused for load', labels, items);
        return result;
      case 'failed':
        this.count(
          'switchyard_receiver_failed_items_total',
          'Items the pipeline failed to keep',
          labels,
          items,
        );
        return result;
    }
  }
}
