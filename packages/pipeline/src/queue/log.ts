/**
 * @module Warning output for delivery components, and a rate limiter so a storm of identical events
 * (drops while a destination is down) produces one line per interval with a count, not one per batch.
 */
export type Log = (message: string) => void;

export const stderrLog: Log = (message) => {
  process.stderr.write(`switchyard: ${message}\n`);
};

/** Logs the first event at once, then at most one summary line per `intervalMs`. */
export function rateLimitedLog(log: Log, intervalMs = 1000): (message: string) => void {
  let last = 0;
  let suppressed = 0;
  return (message) => {
    const now = Date.now();
    if (now - last < intervalMs) {
      suppressed++;
      return;
    }
    last = now;
    log(suppressed > 0 ? `${message} (and ${suppressed} similar events)` : message);
    suppressed = 0;
  };
}
