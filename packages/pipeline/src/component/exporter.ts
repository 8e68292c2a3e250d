/**
 * @module The exporter contract. An exporter author writes only `push`; queueing, retry and
 * timeout are wrappers (see ../delivery), as in the Collector's exporterhelper.
 */
import type { TelemetryBatch } from '@switchyard/core';
import type { ExportResult } from './export-result.js';

export interface Exporter {
  readonly name: string;
  /** Sends one batch. Must not throw: failures are returned as `retryable` or `permanent`. */
  push(batch: TelemetryBatch, signal?: AbortSignal): Promise<ExportResult>;
  /** Releases resources. Safe to call without start and more than once. */
  shutdown(): Promise<void>;
}
