/**
 * @module Runs synchronous processors in order, then hands the result to the next consumer.
 */
import type { TelemetryBatch } from '@switchyard/core';
import { ACCEPTED, type ConsumeResult, type Consumer } from '../component/consumer.js';
import type { Processor } from '../component/processor.js';

export class ProcessorChain implements Consumer {
  constructor(
    private readonly processors: readonly Processor[],
    private readonly next: Consumer,
  ) {}

  consume(batch: TelemetryBatch, sizeBytes: number): Promise<ConsumeResult> {
    // Processors may change the data in place, so the received bytes no longer describe it.
    batch.encoded = undefined;
    let current: TelemetryBatch | null = batch;
    for (const p of this.processors) {
      current = p.process(current);
      if (current === null) return Promise.resolve(ACCEPTED);
    }
    return this.next.consume(current, sizeBytes);
  }
}
