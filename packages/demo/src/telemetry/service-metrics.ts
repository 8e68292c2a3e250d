import type { Attributes, Counter, Histogram, Meter } from '@opentelemetry/api';
import type { Prng } from '../random/prng.js';
import type { ServiceSpec } from '../scenario/catalog.js';
import type { PlannedMeasurement } from '../scenario/plan.js';
import type { ServiceLoad } from './service-load.js';

/** Bucket boundaries advised by the HTTP semantic conventions, in seconds. */
const DURATION_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

const MIB = 1024 * 1024;

/** The RED and runtime instruments of one service, bound to one MeterProvider's meter. */
export class ServiceMetrics {
  private readonly serverDuration: Histogram;
  private readonly serverRequests: Counter;
  private readonly clientDuration: Histogram;
  private readonly dbDuration: Histogram;

  constructor(
    meter: Meter,
    private readonly spec: ServiceSpec,
    private readonly load: ServiceLoad,
    private readonly noise: Prng,
  ) {
    this.serverDuration = meter.createHistogram('http.server.request.duration', {
      unit: 's',
      description: 'Duration of HTTP server requests.',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS_S },
    });
    this.serverRequests = meter.createCounter('http.server.requests', {
      unit: '{request}',
      description: 'Number of HTTP server requests handled.',
    });
    this.clientDuration = meter.createHistogram('http.client.request.duration', {
      unit: 's',
      description: 'Duration of HTTP client requests.',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS_S },
    });
    this.dbDuration = meter.createHistogram('db.client.operation.duration', {
      unit: 's',
      description: 'Duration of database client operations.',
      advice: { explicitBucketBoundaries: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10] },
    });
    this.registerRuntimeGauges(meter);
  }

  record(m: PlannedMeasurement, durationMs: number): void {
    const seconds = durationMs / 1000;
    switch (m.kind) {
      case 'http.server': {
        const attrs: Attributes = {
          'http.route': m.route,
          'http.request.method': m.method,
          'http.response.status_code': m.statusCode,
          'url.scheme': 'http',
        };
        if (m.statusCode >= 500) attrs['error.type'] = String(m.statusCode);
        this.serverDuration.record(seconds, attrs);
        this.serverRequests.add(1, attrs);
        this.load.recordServer(durationMs);
        return;
      }
      case 'http.client': {
        const attrs: Attributes = {
          'server.address': m.serverAddress,
          'http.request.method': m.method,
          'http.response.status_code': m.statusCode,
        };
        if (m.statusCode >= 400) attrs['error.type'] = String(m.statusCode);
        this.clientDuration.record(seconds, attrs);
        return;
      }
      default:
        this.dbDuration.record(seconds, {
          'db.system.name': m.system,
          'db.operation.name': m.operation,
          'db.collection.name': m.collection,
        });
        if (m.system === 'postgresql') this.load.recordDb(durationMs);
    }
  }

  private registerRuntimeGauges(meter: Meter): void {
    const cpu = meter.createObservableGauge('process.cpu.utilization', {
      unit: '1',
      description: 'CPU utilisation of the service process (0..1).',
    });
    const memory = meter.createObservableUpDownCounter('process.memory.usage', {
      unit: 'By',
      description: 'Resident memory of the service process.',
    });
    cpu.addCallback((result) => {
      const { requestsPerSecond } = this.load.snapshot();
      const value = 0.03 + Math.min(0.9, requestsPerSecond * 0.012) + this.noise.uniform(-0.008, 0.008);
      result.observe(Math.max(0.001, Math.round(value * 10_000) / 10_000));
    });
    memory.addCallback((result) => {
      const { requestsPerSecond } = this.load.snapshot();
      const mib = this.spec.memoryBaseMiB + requestsPerSecond * 1.5 + this.noise.uniform(0, 6);
      result.observe(Math.round(mib * MIB));
    });

    const poolMax = this.spec.dbPoolMax;
    if (poolMax === undefined) return;
    const pool = { 'db.client.connection.pool.name': `postgresql://postgres.demo.svc:5432/shop` };
    const connections = meter.createObservableUpDownCounter('db.client.connection.count', {
      unit: '{connection}',
      description: 'Connections in the pool by state.',
    });
    const max = meter.createObservableUpDownCounter('db.client.connection.max', {
      unit: '{connection}',
      description: 'Maximum size of the connection pool.',
    });
    connections.addCallback((result) => {
      // The demo's few requests per second stand for a much larger production load, so the
      // average concurrency is scaled up to give pool usage a realistic shape (and saturate
      // it when the inventory query regresses).
      const used = Math.min(
        poolMax,
        Math.round(1 + this.load.snapshot().dbConcurrency * 100 + this.noise.uniform(0, 1.5)),
      );
      const open = Math.min(poolMax, Math.max(5, used + 2));
      result.observe(used, { ...pool, 'db.client.connection.state': 'used' });
      result.observe(open - used, { ...pool, 'db.client.connection.state': 'idle' });
    });
    max.addCallback((result) => result.observe(poolMax, pool));
  }
}
