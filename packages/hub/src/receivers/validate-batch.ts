/**
 * @module Item-level validation after decoding. Invalid items are removed and counted, and the sender
 * gets an OTLP partial-success response naming the reason; the valid rest is kept.
 */
import type { TelemetryBatch } from '@switchyard/core';

export interface ValidationOutcome {
  rejected: number;
  /** First reason, for the partial_success error_message. */
  message: string;
}

const ZERO_TRACE = '0'.repeat(32);
const ZERO_SPAN = '0'.repeat(16);

export function validateBatch(batch: TelemetryBatch): ValidationOutcome {
  let rejected = 0;
  let message = '';
  const reject = (why: string): false => {
    rejected++;
    if (!message) message = why;
    return false;
  };
  switch (batch.signal) {
    case 'traces':
      for (const rs of batch.data.resourceSpans)
        for (const ss of rs.scopeSpans)
          ss.spans = ss.spans.filter((s) => {
            if (s.traceId === '' || s.traceId === ZERO_TRACE)
              return reject(`span '${s.name}' has an invalid trace id`);
            if (s.spanId === '' || s.spanId === ZERO_SPAN)
              return reject(`span '${s.name}' has an invalid span id`);
            if (s.endTimeUnixNano < s.startTimeUnixNano)
              return reject(`span '${s.name}' ends before it starts`);
            return true;
          });
      break;
    case 'metrics':
      for (const rm of batch.data.resourceMetrics)
        for (const sm of rm.scopeMetrics)
          sm.metrics = sm.metrics.filter((m) => {
            if (m.name === '') return reject('a metric has an empty name');
            if (m.data === undefined) return reject(`metric '${m.name}' has no data`);
            return true;
          });
      break;
    case 'logs':
      break;
  }
  return { rejected, message };
}
