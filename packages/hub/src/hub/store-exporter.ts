/**
 * @module The embedded store as a pipeline exporter: push = append (resolves once committed).
 */
import type { TelemetryBatch } from '@switchyard/core';
import { type Exporter, type ExportResult, retryable, SUCCESS } from '@switchyard/pipeline';
import type { TelemetryStore } from '@switchyard/store';

export class StoreExporter implements Exporter {
  readonly name = 'store';
  constructor(private readonly store: TelemetryStore) {}

  async push(batch: TelemetryBatch): Promise<ExportResult> {
    try {
      await this.store.append(batch);
      return SUCCESS;
    } catch (err) {
      return retryable(`store append failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  async shutdown(): Promise<void> {}
}
