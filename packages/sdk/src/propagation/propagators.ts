/**
 * @module Builds the global propagator from names (`OTEL_PROPAGATORS` or options): tracecontext, baggage,
 * b3 (single header), b3multi, jaeger, xray (the maintained `@opentelemetry/propagator-aws-xray` 2.x,
 * which runs on Node 20), none — plus the correlation-id propagator. Unknown names are reported.
 */
import type { TextMapPropagator } from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { AWSXRayPropagator } from '@opentelemetry/propagator-aws-xray';
import { B3InjectEncoding, B3Propagator } from '@opentelemetry/propagator-b3';
import { JaegerPropagator } from '@opentelemetry/propagator-jaeger';
import { didYouMean } from '@switchyard/core';
import { CorrelationIdPropagator } from './correlation-id.js';

const FACTORIES: Record<string, () => TextMapPropagator> = {
  tracecontext: () => new W3CTraceContextPropagator(),
  baggage: () => new W3CBaggagePropagator(),
  b3: () => new B3Propagator({ injectEncoding: B3InjectEncoding.SINGLE_HEADER }),
  b3multi: () => new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER }),
  jaeger: () => new JaegerPropagator(),
  xray: () => new AWSXRayPropagator(),
};

export const PROPAGATOR_NAMES: readonly string[] = [...Object.keys(FACTORIES), 'none'];

export interface PropagatorSetup {
  propagator: TextMapPropagator;
  names: string[];
}

/** Composite propagator for `names` (default tracecontext + baggage); problems are appended. */
export function buildPropagator(
  names: readonly string[] | undefined,
  problems: string[],
  correlationHeader?: string,
): PropagatorSetup {
  const wanted = names && names.length > 0 ? names : ['tracecontext', 'baggage'];
  const used: string[] = [];
  const propagators: TextMapPropagator[] = [];
  if (!wanted.includes('none')) {
    for (const name of wanted) {
      const make = FACTORIES[name];
      if (!make) {
        const guess = didYouMean(name, PROPAGATOR_NAMES);
        problems.push(
          `propagator '${name}' is not supported${guess ? ` (did you mean '${guess}'?)` : ''}; valid: ${PROPAGATOR_NAMES.join(', ')}`,
        );
        continue;
      }
      if (used.includes(name)) continue;
      used.push(name);
      propagators.push(make());
    }
    // Last: it reads the baggage extracted before it and rewrites the baggage header it injected.
    propagators.push(new CorrelationIdPropagator(correlationHeader, true, used.includes('baggage')));
  }
  return { propagator: new CompositePropagator({ propagators }), names: used };
}
