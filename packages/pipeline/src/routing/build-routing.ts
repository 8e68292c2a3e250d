/**
 * @module Builds the delivery graph from a validated routing config: per route target (exporter or failover
 * group) an exporter wrapped in a circuit breaker, a queue (memory or durable, under
 * `<dataDir>/queues/<name>`, with its dead-letter file) and a drain; then the RoutingConsumer over them.
 */
import { join } from 'node:path';
import type { ConsumeResult, Consumer, Lifecycle } from '../component/consumer.js';
import type { Exporter } from '../component/exporter.js';
import { CircuitBreakerExporter } from '../delivery/circuit-breaker.js';
import { azureMonitorExporterFactory } from '../exporters/azure-monitor/azure-monitor-exporter.js';
import { cloudWatchEmfExporterFactory } from '../exporters/cloudwatch-emf/cloudwatch-emf-exporter.js';
import { elasticsearchExporterFactory } from '../exporters/elasticsearch/elasticsearch-exporter.js';
import { fileExporterFactory } from '../exporters/file/file-exporter.js';
import { lokiExporterFactory } from '../exporters/loki/loki-exporter.js';
import { otlpGrpcExporterFactory, otlpHttpExporterFactory } from '../exporters/otlp-exporter-config.js';
import { prometheusRemoteWriteExporterFactory } from '../exporters/prometheus/prometheus-remote-write-config.js';
import { prometheusScrapeExporterFactory } from '../exporters/prometheus-scrape/prometheus-scrape-config.js';
import { splunkHecExporterFactory } from '../exporters/splunk/splunk-hec-exporter.js';
import { isVendorExporterEntry, vendorExporterFactory } from '../exporters/vendor/vendor-exporter-config.js';
import { zipkinExporterFactory } from '../exporters/zipkin/zipkin-exporter.js';
import type { BatchQueue } from '../queue/batch-queue.js';
import { DeadLetterFile } from '../queue/dead-letter.js';
import { DurableQueue } from '../queue/durable-queue.js';
import type { Log } from '../queue/log.js';
import { MemoryQueue } from '../queue/memory-queue.js';
import type { QueueConfig } from '../queue/queue-config.js';
import { QueuedExporterConsumer } from '../queue/queued-exporter-consumer.js';
import type { SelfMetrics } from '../self/self-metrics.js';
import { FailoverExporter } from './failover-exporter.js';
import type { ExporterEntry, RoutingConfig } from './routing-config.js';
import { RoutingConsumer } from './routing-consumer.js';

export interface RoutingContext {
  /** Queues and dead-letter files live under `<dataDir>/queues/<name>/`. */
  dataDir: string;
  metrics?: SelfMetrics;
  log?: Log;
}

export interface Routing extends Consumer, Lifecycle {
  /** One queued destination per exporter or failover group used by a route. */
  readonly destinations: ReadonlyMap<string, QueuedExporterConsumer>;
  /** Circuit breakers by exporter name (members of failover groups included). */
  readonly breakers: ReadonlyMap<string, CircuitBreakerExporter>;
}

function createExporter(name: string, entry: ExporterEntry, ctx: RoutingContext): Exporter {
  const exporterCtx = { name, metrics: ctx.metrics, log: ctx.log };
  if (isVendorExporterEntry(entry)) return vendorExporterFactory.create(entry, exporterCtx);
  switch (entry.type) {
    case 'otlp_http':
      return otlpHttpExporterFactory.create(entry, exporterCtx);
    case 'otlp_grpc':
      return otlpGrpcExporterFactory.create(entry, exporterCtx);
    case 'prometheus_remote_write':
      return prometheusRemoteWriteExporterFactory.create(entry, exporterCtx);
    case 'prometheus':
      return prometheusScrapeExporterFactory.create(entry, exporterCtx);
    case 'zipkin':
      return zipkinExporterFactory.create(entry, exporterCtx);
    case 'loki':
      return lokiExporterFactory.create(entry, exporterCtx);
    case 'splunk_hec':
      return splunkHecExporterFactory.create(entry, exporterCtx);
    case 'elasticsearch':
      return elasticsearchExporterFactory.create(entry, exporterCtx);
    case 'file':
      return fileExporterFactory.create(entry, exporterCtx);
    case 'azure_monitor':
      return azureMonitorExporterFactory.create(entry, exporterCtx);
    case 'cloudwatch_emf':
      return cloudWatchEmfExporterFactory.create(entry, exporterCtx);
  }
}

function createQueue(name: string, durable: boolean, config: QueueConfig, ctx: RoutingContext): BatchQueue {
  const qctx = { name, metrics: ctx.metrics, log: ctx.log };
  return durable
    ? new DurableQueue(join(ctx.dataDir, 'queues', name), config, qctx)
    : new MemoryQueue(config, qctx);
}

export function buildRouting(config: RoutingConfig, ctx: RoutingContext): Routing {
  const breakers = new Map<string, CircuitBreakerExporter>();
  const destinations = new Map<string, QueuedExporterConsumer>();
  const breaker = (name: string): CircuitBreakerExporter => {
    const entry = config.exporters[name]!;
    const b = new CircuitBreakerExporter(createExporter(name, entry, ctx), entry.circuitBreaker, ctx);
    breakers.set(name, b);
    return b;
  };
  const used = [...new Set(config.routes.flatMap((r) => r.exporters))];
  try {
    for (const name of used) {
      const group = config.failover[name];
      const lead = config.exporters[group ? group.exporters[0]! : name]!;
      const exporter = group ? new FailoverExporter(name, group.exporters.map(breaker), ctx) : breaker(name);
      const queueConfig = group?.queue ?? lead.queue;
      const timeoutMs = Math.max(...(group?.exporters ?? [name]).map((n) => config.exporters[n]!.timeoutMs));
      destinations.set(
        name,
        new QueuedExporterConsumer({
          exporter,
          queue: createQueue(name, group?.durable ?? lead.durable, queueConfig, ctx),
          retry: lead.retry,
          timeoutMs,
          concurrency: queueConfig.concurrency,
          shutdownDrainMs: queueConfig.shutdownDrainMs,
          deadLetter: new DeadLetterFile(join(ctx.dataDir, 'queues', name, 'dead-letter.ndjson')),
          metrics: ctx.metrics,
          log: ctx.log,
        }),
      );
    }
  } catch (err) {
    for (const d of destinations.values()) void d.shutdown();
    for (const b of breakers.values()) void b.shutdown();
    throw err;
  }
  const router = new RoutingConsumer(config.routes, destinations, config.routeMode, ctx.metrics);
  return {
    destinations,
    breakers,
    consume: (batch, sizeBytes): Promise<ConsumeResult> => router.consume(batch, sizeBytes),
    shutdown: async () => {
      await Promise.all([...destinations.values()].map((d) => d.shutdown()));
    },
  };
}
