/**
 * @module Bounds one push in time. A push that does not settle in time is aborted and reported retryable.
 */
import type { TelemetryBatch } from '@switchyard/core';
import { type ExportResult, retryable } from '../component/export-result.js';
import type { Exporter } from '../component/exporter.js';

export async function pushWithTimeout(
  exporter: Exporter,
  batch: TelemetryBatch,
  timeoutMs: number,
): Promise<ExportResult> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ExportResult>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(retryable(`${exporter.name}: push timed out after ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([
      exporter
        .push(batch, controller.signal)
        .catch((err: unknown) =>
          retryable(`${exporter.name}: push threw ${err instanceof Error ? err.message : String(err)}`),
        ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
