/**
 * Test support: global tracer and meter providers that keep everything in memory, with the SDK's context
 * span processor and propagator installed, so helpers can be tested without a network.
 */
import { context, metrics, propagation, trace } from '@opentelemetry/api';
import { MeterProvider, MetricReader, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ContextAttributesSpanProcessor } from '../context/context-span-processor.js';
import { buildPropagator } from '../propagation/propagators.js';

class TestReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

export interface InMemoryTelemetry {
  spans(): ReadableSpan[];
  /** Collected metric points by metric name: each point's attributes and value. */
  metrics(): Promise<Map<string, Array<{ attributes: Record<string, unknown>; value: unknown }>>>;
  shutdown(): Promise<void>;
}

export function installInMemoryTelemetry(): InMemoryTelemetry {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new NodeTracerProvider({
    spanProcessors: [new ContextAttributesSpanProcessor(), new SimpleSpanProcessor(exporter)],
  });
  tracerProvider.register({ propagator: buildPropagator(undefined, []).propagator });
  const reader = new TestReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  metrics.setGlobalMeterProvider(meterProvider);
  return {
    spans: () => exporter.getFinishedSpans(),
    async metrics() {
      const { resourceMetrics } = (await reader.collect()) as { resourceMetrics: ResourceMetrics };
      const out = new Map<string, Array<{ attributes: Record<string, unknown>; value: unknown }>>();
      for (const scope of resourceMetrics.scopeMetrics)
        for (const m of scope.metrics)
          out.set(
            m.descriptor.name,
            m.dataPoints.map((p) => ({ attributes: p.attributes, value: p.value })),
          );
      return out;
    },
    async shutdown() {
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
      trace.disable();
      metrics.disable();
      propagation.disable();
      context.disable();
    },
  };
}
