/**
 * @module Correlation id: read from a configurable header (default `x-correlation-id`) on incoming
 * requests, created when absent, carried in baggage (`correlation.id`) across async work, recorded on
 * every span by the context span processor, and written to the same header on outgoing calls.
 */
import { randomUUID } from 'node:crypto';
import {
  type Context,
  context,
  propagation,
  type TextMapGetter,
  type TextMapPropagator,
  type TextMapSetter,
} from '@opentelemetry/api';

export const CORRELATION_ID_KEY = 'correlation.id';
export const DEFAULT_CORRELATION_HEADER = 'x-correlation-id';

/** Correlation id in `ctx` (default: the active context), if any. */
export function getCorrelationId(ctx: Context = context.active()): string | undefined {
  return propagation.getBaggage(ctx)?.getEntry(CORRELATION_ID_KEY)?.value;
}

/** Returns `ctx` with the correlation id set in its baggage. */
export function setCorrelationId(ctx: Context, id: string): Context {
  const baggage = propagation.getBaggage(ctx) ?? propagation.createBaggage();
  return propagation.setBaggage(ctx, baggage.setEntry(CORRELATION_ID_KEY, { value: id }));
}

/** Runs `fn` with a correlation id (the given one, the current one, or a new UUID). */
export function withCorrelationId<T>(id: string | undefined, fn: (id: string) => T): T {
  const active = context.active();
  const value = id ?? getCorrelationId(active) ?? randomUUID();
  return context.with(setCorrelationId(active, value), () => fn(value));
}

/** Propagator that moves the correlation id between a header and baggage. */
export class CorrelationIdPropagator implements TextMapPropagator {
  constructor(
    private readonly header = DEFAULT_CORRELATION_HEADER,
    private readonly createWhenAbsent = true,
  ) {}

  inject(ctx: Context, carrier: unknown, setter: TextMapSetter): void {
    const id = getCorrelationId(ctx);
    if (id) setter.set(carrier, this.header, id);
  }

  extract(ctx: Context, carrier: unknown, getter: TextMapGetter): Context {
    const raw = getter.get(carrier, this.header);
    const fromHeader = (Array.isArray(raw) ? raw[0] : raw)?.trim();
    // Bound the length: the header comes from outside and ends up on every span.
    const id = fromHeader ? fromHeader.slice(0, 128) : this.createWhenAbsent ? randomUUID() : undefined;
    return id ? setCorrelationId(ctx, id) : ctx;
  }

  fields(): string[] {
    return [this.header];
  }
}
