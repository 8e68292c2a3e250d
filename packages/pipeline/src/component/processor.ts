/**
 * @module Synchronous batch transforms (redaction, attributes, filtering). Stateful stages that hold data
 * over time (batching, tail sampling) are Consumers wrapping the next Consumer instead.
 */
import type { TelemetryBatch } from '@switchyard/core';

export interface Processor {
  readonly name: string;
  /** Returns the transformed batch, or null when everything was filtered out. May mutate its input. */
  process(batch: TelemetryBatch): TelemetryBatch | null;
}
