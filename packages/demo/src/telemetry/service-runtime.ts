import type { Tracer } from '@opentelemetry/api';
import type { Logger } from '@opentelemetry/api-logs';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, type IdGenerator, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { Prng } from '../random/prng.js';
import type { ServiceSpec } from '../scenario/catalog.js';
import type { ExporterFactory } from './exporters.js';
import type { ServiceLoad } from './service-load.js';
import { ServiceMetrics } from './service-metrics.js';

const SCOPE = { name: '@switchyard/demo', version: '0.1.0' };

export interface ServiceRuntimeOptions {
  spec: ServiceSpec;
  /** service.version of this generation (changes on deployments). */
  version: string;
  instanceId: string;
  exporters: ExporterFactory;
  idGenerator: IdGenerator;
  load: ServiceLoad;
  gaugeNoise: Prng;
  metricExportIntervalMs: number;
}

/**
 * One running instance of a simulated service: its own tracer, meter and logger providers
 * under its own Resource. Nothing is registered globally; a deployment replaces the whole
 * runtime with one carrying the new service.version and instance id.
 */
export class ServiceRuntime {
  readonly tracer: Tracer;
  readonly logger: Logger;
  readonly metrics: ServiceMetrics;
  private readonly tracerProvider: NodeTracerProvider;
  private readonly meterProvider: MeterProvider;
  private readonly loggerProvider: LoggerProvider;
  private closing: Promise<string[]> | undefined;

  constructor(readonly options: ServiceRuntimeOptions) {
    const { spec } = options;
    const resource = defaultResource().merge(
      resourceFromAttributes({
        'service.name': spec.name,
        'service.version': options.version,
        'service.namespace': 'demo',
        'service.instance.id': options.instanceId,
        'deployment.environment.name': 'demo',
        'host.name': spec.hostName,
      }),
    );
    this.tracerProvider = new NodeTracerProvider({
      resource,
      idGenerator: options.idGenerator,
      spanProcessors: [new BatchSpanProcessor(options.exporters.spans(), { scheduledDelayMillis: 1000 })],
    });
    this.meterProvider = new MeterProvider({
      resource,
      readers: [
        new PeriodicExportingMetricReader({
          exporter: options.exporters.metrics(),
          exportIntervalMillis: options.metricExportIntervalMs,
          exportTimeoutMillis: Math.min(options.metricExportIntervalMs, 10_000),
        }),
      ],
    });
    this.loggerProvider = new LoggerProvider({
      resource,
      processors: [
        new BatchLogRecordProcessor({ exporter: options.exporters.logs(), scheduledDelayMillis: 1000 }),
      ],
    });
    this.tracer = this.tracerProvider.getTracer(SCOPE.name, SCOPE.version);
    this.logger = this.loggerProvider.getLogger(SCOPE.name, SCOPE.version);
    this.metrics = new ServiceMetrics(
      this.meterProvider.getMeter(SCOPE.name, SCOPE.version),
      spec,
      options.load,
      options.gaugeNoise,
    );
  }

  get name(): string {
    return this.options.spec.name;
  }

  /**
   * Flushes everything buffered, then shuts the providers down. Idempotent. Resolves with
   * one message per step that failed (e.g. the hub was unreachable) instead of rejecting.
   */
  close(): Promise<string[]> {
    this.closing ??= this.closeOnce();
    return this.closing;
  }

  private async closeOnce(): Promise<string[]> {
    const providers = [
      ['traces', this.tracerProvider],
      ['metrics', this.meterProvider],
      ['logs', this.loggerProvider],
    ] as const;
    const failures: string[] = [];
    const step = async (what: string, run: () => Promise<void>): Promise<void> => {
      try {
        await run();
      } catch (err) {
        failures.push(`${this.name} ${what}: ${err instanceof Error ? err.message : String(err)}`);
      }
    };
    await Promise.all(providers.map(([signal, p]) => step(`flush ${signal}`, () => p.forceFlush())));
    await Promise.all(providers.map(([signal, p]) => step(`shutdown ${signal}`, () => p.shutdown())));
    return failures;
  }
}
