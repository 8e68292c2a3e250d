/**
 * @module `configureWebObservability(options)` for browsers: a WebTracerProvider exporting OTLP/HTTP JSON to
 * the hub (which answers CORS preflights for the allowed origins), W3C tracecontext + baggage propagation,
 * and fetch / XMLHttpRequest instrumentation that adds `traceparent` to same-origin requests and to the
 * cross-origin backends listed — so the front-end span and the back-end spans are one trace.
 */
import { context, propagation, trace } from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { FetchInstrumentation } from '@opentelemetry/instrumentation-fetch';
import { XMLHttpRequestInstrumentation } from '@opentelemetry/instrumentation-xml-http-request';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
import { resolveWebOptions, type WebObservabilityOptions } from './web-options.js';

export interface WebObservabilityHandle {
  readonly tracerProvider: WebTracerProvider;
  /** Where spans are sent. */
  readonly tracesUrl: string;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

export function configureWebObservability(options: WebObservabilityOptions): WebObservabilityHandle {
  const resolved = resolveWebOptions(options);
  const exporter = new OTLPTraceExporter({ url: resolved.tracesUrl, headers: resolved.headers });
  const tracerProvider = new WebTracerProvider({
    resource: defaultResource().merge(resourceFromAttributes(resolved.resourceAttributes)),
    spanProcessors: [new BatchSpanProcessor(exporter, resolved.batch)],
  });
  const registerGlobals = options.registerGlobals ?? true;
  let unregister: () => void = () => {};
  if (registerGlobals) {
    tracerProvider.register({
      propagator: new CompositePropagator({
        propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
      }),
    });
    const common = {
      propagateTraceHeaderCorsUrls: resolved.propagateTraceHeaderCorsUrls,
      ignoreUrls: resolved.ignoreUrls,
    };
    const instrumentations = [];
    // Web workers and some runtimes have fetch but no XMLHttpRequest: instrument only what exists.
    if (options.fetch !== false && 'fetch' in globalThis)
      instrumentations.push(new FetchInstrumentation(common));
    if (options.xhr !== false && 'XMLHttpRequest' in globalThis)
      instrumentations.push(new XMLHttpRequestInstrumentation(common));
    unregister = registerInstrumentations({ instrumentations, tracerProvider });
  }
  return {
    tracerProvider,
    tracesUrl: resolved.tracesUrl,
    forceFlush: () => tracerProvider.forceFlush(),
    async shutdown() {
      unregister();
      await tracerProvider.shutdown();
      if (registerGlobals) {
        trace.disable();
        propagation.disable();
        context.disable();
      }
    },
  };
}
