/**
 * @module Per-exporter delivery counters shown on the handle (`handle.exporters[name]`), and a
 * rate-limited reporter so an exporter that keeps failing is logged at most once per interval.
 */

export interface ExporterStats {
  name: string;
  /** Signals this exporter carries. */
  signals: string[];
  /** Items (spans, log records, metric data points) accepted by the backend. */
  sent: number;
  /** Items in exports that failed. */
  failed: number;
  /** Items dropped before export because the exporter's queue was full. */
  dropped: number;
  lastError?: string;
  lastErrorAt?: Date;
  /** Set when the exporter could not be created (missing credentials, missing package). */
  configError?: string;
}

export interface StatsRecorder {
  readonly stats: ExporterStats;
  recordSent(count: number): void;
  recordFailed(count: number, error: unknown): void;
  recordDropped(count: number): void;
}

export type FailureLogger = (message: string) => void;

const defaultLogger: FailureLogger = (message) => process.emitWarning(message, { code: 'SWITCHYARD_EXPORT' });

function describe(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/** Creates counters for one exporter; failures are logged at most once per `logIntervalMs`. */
export function createStatsRecorder(
  name: string,
  signals: string[],
  logIntervalMs = 60_000,
  log: FailureLogger = defaultLogger,
): StatsRecorder {
  const stats: ExporterStats = { name, signals, sent: 0, failed: 0, dropped: 0 };
  let lastLogged = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  return {
    stats,
    recordSent(count) {
      stats.sent += count;
    },
    recordFailed(count, error) {
      stats.failed += count;
      stats.lastError = describe(error);
      stats.lastErrorAt = new Date();
      const now = Date.now();
      if (now - lastLogged >= logIntervalMs) {
        const more = suppressed > 0 ? ` (${suppressed} more failures since the last report)` : '';
        log(`switchyard exporter '${name}' failed to export ${count} items: ${stats.lastError}${more}`);
        lastLogged = now;
        suppressed = 0;
      } else suppressed++;
    },
    recordDropped(count) {
      stats.dropped += count;
    },
  };
}
