/**
 * @module Sends each batch to every destination. The combined result is the worst of theirs:
 * failed > refused > accepted, so a sender is only acknowledged when every destination took the data.
 */
import type { TelemetryBatch } from '@switchyard/core';
import { ACCEPTED, type ConsumeResult, type Consumer } from '../component/consumer.js';

export class FanoutConsumer implements Consumer {
  constructor(private readonly destinations: readonly Consumer[]) {}

  async consume(batch: TelemetryBatch, sizeBytes: number): Promise<ConsumeResult> {
    if (this.destinations.length === 1) return this.destinations[0]!.consume(batch, sizeBytes);
    const results = await Promise.all(this.destinations.map((d) => d.consume(batch, sizeBytes)));
    return results.find((r) => r.kind === 'failed') ?? results.find((r) => r.kind === 'refused') ?? ACCEPTED;
  }
}
