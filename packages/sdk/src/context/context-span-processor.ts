/**
 * @module Span processor that copies business context and the correlation id from the span's parent
 * context (baggage) onto the span at start, so every span — ours or an instrumentation's — carries them.
 */
import { type Baggage, type Context, propagation } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { CORRELATION_ID_KEY, getCorrelationId } from '../propagation/correlation-id.js';
import { BAGGAGE_PREFIX } from './business-context.js';

type Entry = readonly [string, string | boolean];

/**
 * Hot path: runs at every span start. Baggage is immutable and shared by all spans of a request, so the
 * attributes derived from one Baggage object are computed once and cached (weakly) instead of enumerating
 * and filtering its entries for every span.
 */
const derived = new WeakMap<Baggage, readonly Entry[]>();

function attributesOf(baggage: Baggage): readonly Entry[] {
  let out = derived.get(baggage);
  if (out) return out;
  const list: Entry[] = [];
  for (const [k, entry] of baggage.getAllEntries()) {
    if (k.startsWith(BAGGAGE_PREFIX)) {
      const v = entry.value;
      list.push([k.slice(BAGGAGE_PREFIX.length), v === 'true' ? true : v === 'false' ? false : v]);
    }
  }
  out = list;
  derived.set(baggage, out);
  return out;
}

export class ContextAttributesSpanProcessor implements SpanProcessor {
  onStart(span: Span, parentContext: Context): void {
    const baggage = propagation.getBaggage(parentContext);
    if (baggage) for (const [k, v] of attributesOf(baggage)) span.setAttribute(k, v);
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
