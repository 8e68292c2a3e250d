/**
 * @module The SDK's own tracer and meter, looked up at call time. The metrics API has no proxy provider,
 * so instruments created before configureObservability would stay no-ops forever; instruments are
 * therefore cached per meter provider and re-created when the global provider changes.
 */
import { type Meter, type MeterProvider, metrics, type Tracer, trace } from '@opentelemetry/api';

export const SDK_SCOPE = '@switchyard/sdk';
export const SDK_VERSION = '0.1.0';

export function sdkTracer(): Tracer {
  return trace.getTracer(SDK_SCOPE, SDK_VERSION);
}

/** Memoises `create(meter)` per global meter provider. */
export function perProvider<T>(create: (meter: Meter) => T): () => T {
  let provider: MeterProvider | undefined;
  let value: T | undefined;
  return () => {
    const current = metrics.getMeterProvider();
    if (current !== provider || value === undefined) {
      provider = current;
      value = create(current.getMeter(SDK_SCOPE, SDK_VERSION));
    }
    return value;
  };
}
