/**
 * @module `tracePerformance(name, { sloThresholdMs }, fn)`: runs `fn` in a span, records its latency in a
 * histogram and counts whether the service-level indicator was met (duration within the threshold and no
 * error), on the span and as metrics `sli.duration` (ms) and `sli.requests`.
 */
import { type Attributes, type Span, SpanStatusCode } from '@opentelemetry/api';
import { perProvider, sdkTracer } from './sdk-meter.js';

export interface PerformanceOptions {
  sloThresholdMs: number;
  attributes?: Attributes;
}

const instruments = perProvider((meter) => ({
  duration: meter.createHistogram('sli.duration', {
    unit: 'ms',
    description: 'Duration of operations measured by tracePerformance',
  }),
  requests: meter.createCounter('sli.requests', {
    description: 'Operations measured by tracePerformance, by operation and sli.met',
  }),
}));

function finish(
  span: Span,
  name: string,
  options: PerformanceOptions,
  started: number,
  error: unknown,
): void {
  const ms = performance.now() - started;
  const met = error === undefined && ms <= options.sloThresholdMs;
  span.setAttributes({ 'sli.threshold_ms': options.sloThresholdMs, 'sli.duration_ms': ms, 'sli.met': met });
  if (error !== undefined) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({
      code: SpanStatusCode.ERROR,
      message: error instanceof Error ? error.message : String(error),
    });
  }
  span.end();
  try {
    const { duration, requests } = instruments();
    const attrs = { operation: name, 'sli.met': met };
    duration.record(ms, attrs);
    requests.add(1, attrs);
  } catch {
    // metrics must never break the measured operation
  }
}

/** Runs `fn` (sync or async) in a span named `name` and records the SLI against `sloThresholdMs`. */
export function tracePerformance<T>(name: string, options: PerformanceOptions, fn: (span: Span) => T): T {
  return sdkTracer().startActiveSpan(name, { attributes: options.attributes }, (span) => {
    const started = performance.now();
    let result: T;
    try {
      result = fn(span);
    } catch (error) {
      finish(span, name, options, started, error);
      throw error;
    }
    if (result instanceof Promise) {
      return result.then(
        (v) => {
          finish(span, name, options, started, undefined);
          return v;
        },
        (error: unknown) => {
          finish(span, name, options, started, error ?? new Error('rejected'));
          throw error;
        },
      ) as T;
    }
    finish(span, name, options, started, undefined);
    return result;
  });
}
