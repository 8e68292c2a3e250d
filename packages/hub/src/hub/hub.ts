/**
 * @module The hub: wires store, pipeline, receivers, API and (optionally) the demo, and shuts them down
 * in order (receivers stop → pipeline drains → store flushes) so acknowledged data is never lost.
 */
import { resolve } from 'node:path';
import { nowNs } from '@switchyard/core';
import {
  BatchProcessor,
  buildRouting,
  type Consumer,
  ExporterSink,
  FanoutConsumer,
  MemoryLimiter,
  ProcessorChain,
  type Routing,
  retryPolicySchema,
  SelfMetrics,
  TailSamplingProcessor,
} from '@switchyard/pipeline';
import { DuckDbStore, type TelemetryStore } from '@switchyard/store';
import { ApiServer } from '../api/api-server.js';
import type { HubConfig } from '../config/hub-config.js';
import { McpHttpHandler } from '../mcp/mcp-http-handler.js';
import { selectTools } from '../mcp/tool-registry.js';
import { OtlpGrpcReceiver } from '../receivers/otlp-grpc-receiver.js';
import { OtlpHttpReceiver } from '../receivers/otlp-http-receiver.js';
import { OtlpIngest } from '../receivers/otlp-ingest.js';
import { RetentionLoop } from './retention-loop.js';
import { StoreExporter } from './store-exporter.js';
import { createTransforms } from './transforms.js';

export interface HubAddresses {
  api: string;
  otlpHttp: string | undefined;
  otlpGrpc: string | undefined;
  dataDir: string;
}

export interface DemoRunner {
  stop(): Promise<void>;
}

export class Hub {
  readonly metrics = new SelfMetrics();
  readonly store: TelemetryStore;
  private live = false;
  private ready = false;
  private stopped = false;
  private limiter: MemoryLimiter | undefined;
  private batch: BatchProcessor | undefined;
  private tailSampling: TailSamplingProcessor | undefined;
  private sink: ExporterSink | undefined;
  private routing: Routing | undefined;
  private httpReceiver: OtlpHttpReceiver | undefined;
  private grpcReceiver: OtlpGrpcReceiver | undefined;
  private api: ApiServer | undefined;
  private retention: RetentionLoop | undefined;
  private demo: DemoRunner | undefined;

  constructor(
    readonly config: HubConfig,
    private readonly log: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
  ) {
    this.store = new DuckDbStore({
      dataDir: resolve(config.dataDir),
      flushIntervalMs: config.store.flushIntervalMs,
      maxPendingRows: config.store.maxPendingRows,
      duckdbConfig: { memory_limit: `${config.store.memoryLimitMiB}MB` },
    });
  }

  async start(): Promise<HubAddresses> {
    const { config } = this;
    await this.store.open();
    try {
      return await this.startComponents(config);
    } catch (err) {
      await this.stop();
      throw err;
    }
  }

  private async startComponents(config: HubConfig): Promise<HubAddresses> {
    this.sink = new ExporterSink(new StoreExporter(this.store), {
      timeoutMs: 30_000,
      retry: retryPolicySchema.parse({ initialIntervalMs: 100, maxIntervalMs: 2_000, maxElapsedMs: 10_000 }),
      metrics: this.metrics,
    });
    const destinations: Consumer[] = [this.sink];
    if (config.routes.length > 0) {
      this.routing = buildRouting(
        {
          exporters: config.exporters,
          routes: config.routes,
          failover: config.failover,
          routeMode: config.routeMode,
        },
        { dataDir: resolve(config.dataDir), metrics: this.metrics, log: this.log },
      );
      destinations.push(this.routing);
    }
    this.batch = new BatchProcessor(config.processors.batch, new FanoutConsumer(destinations));
    const transforms = await createTransforms(config.processors.transforms, this.metrics, this.log);
    const sampling = config.processors.tailSampling;
    if (sampling.enabled)
      this.tailSampling = new TailSamplingProcessor(sampling, this.batch, {
        metrics: this.metrics,
        log: this.log,
      });
    const beforeBatch: Consumer = this.tailSampling ?? this.batch;
    const head = transforms.length > 0 ? new ProcessorChain(transforms, beforeBatch) : beforeBatch;
    this.limiter = new MemoryLimiter(config.processors.memoryLimiter, head, this.metrics);
    const ingest = new OtlpIngest(this.limiter, this.limiter, this.metrics);

    const host = config.host;
    const otlp = config.receivers.otlp;
    let otlpHttp: string | undefined;
    let otlpGrpc: string | undefined;
    if (otlp.http.enabled) {
      this.httpReceiver = new OtlpHttpReceiver(
        { host, port: otlp.http.port, maxBodyBytes: otlp.http.maxBodyBytes, cors: otlp.http.cors },
        ingest,
      );
      const a = await this.httpReceiver.start();
      otlpHttp = `http://${hostForUrl(host)}:${a.port}`;
    }
    if (otlp.grpc.enabled) {
      this.grpcReceiver = new OtlpGrpcReceiver(
        { host, port: otlp.grpc.port, maxMessageBytes: otlp.grpc.maxMessageBytes },
        ingest,
      );
      otlpGrpc = `http://${hostForUrl(host)}:${await this.grpcReceiver.start()}`;
    }
    let apiBase = '';
    this.api = new ApiServer(
      { store: this.store, now: nowNs },
      { live: () => this.live, ready: () => this.ready && !this.stopped },
      this.metrics,
      this.log,
      config.mcp.enabled
        ? new McpHttpHandler({
            reader: this.store,
            tools: selectTools(
              { enabled: config.mcp.enabledTools, disabled: config.mcp.disabledTools },
              { enabled: 'mcp.enabledTools', disabled: 'mcp.disabledTools' },
            ),
            apiBase: () => apiBase,
            bearerToken: config.mcp.bearerToken,
            allowedOrigins: config.mcp.allowedOrigins,
            log: this.log,
          })
        : undefined,
    );
    const apiAddr = await this.api.start(host, config.api.port);
    apiBase = `http://${hostForUrl(host)}:${apiAddr.port}`;
    const r = config.store.retention;
    this.retention = new RetentionLoop(
      this.store,
      {
        ...(r.maxAgeHours > 0 && { maxAgeMs: r.maxAgeHours * 3_600_000 }),
        ...(r.maxSizeMiB > 0 && { maxBytes: r.maxSizeMiB * 1024 * 1024 }),
      },
      r.checkIntervalSeconds * 1000,
      this.metrics,
      this.log,
    );
    this.retention.start();
    this.live = true;
    this.ready = true;
    const addresses: HubAddresses = {
      api: `http://${hostForUrl(host)}:${apiAddr.port}`,
      otlpHttp,
      otlpGrpc,
      dataDir: resolve(config.dataDir),
    };
    if (config.demo.enabled) {
      if (!otlpHttp) throw new Error('the demo needs the OTLP/HTTP receiver; enable receivers.otlp.http');
      this.demo = await this.startDemo(otlpHttp);
    }
    return addresses;
  }

  private async startDemo(endpoint: string): Promise<DemoRunner> {
    const { startDemo } = await import('@switchyard/demo');
    return startDemo({
      endpoint,
      seed: this.config.demo.seed ?? Date.now() % 2_147_483_647,
      requestsPerSecond: this.config.demo.requestsPerSecond,
      log: this.log,
      onChangeEvent: async (e) => {
        await this.store.recordChangeEvent(e);
      },
    });
  }

  /** Stops accepting data, drains the pipeline, flushes and closes the store. Idempotent. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.ready = false;
    const step = async (what: string, fn: () => Promise<void> | void): Promise<void> => {
      try {
        await fn();
      } catch (err) {
        this.log(`error while stopping ${what}: ${err instanceof Error ? err.message : String(err)}`);
      }
    };
    await step('demo', () => this.demo?.stop());
    await step('OTLP/HTTP receiver', () => this.httpReceiver?.stop());
    await step('OTLP/gRPC receiver', () => this.grpcReceiver?.stop());
    // Decides every trace still held and forwards the kept ones into the batch processor before it drains.
    await step('tail sampling', () => this.tailSampling?.shutdown());
    await step('batch processor', () => this.batch?.shutdown());
    await step('store exporter', () => this.sink?.shutdown());
    await step('routing', () => this.routing?.shutdown());
    await step('memory limiter', () => this.limiter?.shutdown());
    await step('retention', () => this.retention?.stop());
    await step('API server', () => this.api?.stop());
    await step('store', () => this.store.close());
    this.live = false;
  }
}

function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
