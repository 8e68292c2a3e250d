/**
 * @module Span processor that copies business context and the correlation id from the span's parent
 * context (baggage) onto the span at start, so every span — ours or an instrumentation's — carries them.
 */
import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { CORRELATION_ID_KEY, getCorrelationId } from '../propagation/correlation-id.js';
import { businessAttributesFromContext } from './business-context.js';

export class ContextAttributesSpanProcessor implements SpanProcessor {
  onStart(span: Span, parentContext: Context): void {
    const attrs = businessAttributesFromContext(parentContext);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === 'true' || v === 'false') span.setAttribute(k, v === 'true');
      else span.setAttribute(k, v);
    }
    const correlation = getCorrelationId(parentContext);
    if (correlation) span.setAttribute(CORRELATION_ID_KEY, correlation);
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
