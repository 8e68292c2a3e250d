import { SeverityNumber } from '@opentelemetry/api-logs';
import { ParameterError } from '@switchyard/core';
import { Prng } from '../random/prng.js';
import { SERVICES, type ServiceSpec } from '../scenario/catalog.js';
import { type IncidentSchedule, resolveSchedule } from '../scenario/incident-schedule.js';
import type { ChangePlan, RequestPlan, ServiceName } from '../scenario/plan.js';
import { Scenario } from '../scenario/scenario.js';
import { type ExporterFactory, otlpProtoExporters } from '../telemetry/exporters.js';
import { acquireGlobalContext } from '../telemetry/global-context.js';
import { PlannedIdGenerator } from '../telemetry/planned-id-generator.js';
import { ServiceLoad } from '../telemetry/service-load.js';
import { ServiceRuntime } from '../telemetry/service-runtime.js';
import { PlanExecutor } from './plan-executor.js';

export interface ChangeEvent {
  timeUnixNano: bigint;
  kind: 'deployment' | 'config';
  service: string;
  description: string;
  attributes: Record<string, string>;
}

export interface DemoOptions {
  /** OTLP/HTTP base URL, e.g. `http://127.0.0.1:4318`; `/v1/traces` etc. are appended. */
  endpoint: string;
  /** Default 1; the same seed yields the same request mix, latencies, errors and ids. */
  seed?: number;
  /** Mean arrival rate of frontend requests (Poisson). Default 8. */
  requestsPerSecond?: number;
  /** Shorten or stretch the incident cycle (defaults: first at 60 s, slow query 120 s, gap 60 s, burst 90 s). */
  incidentScheduleMs?: Partial<IncidentSchedule>;
  /** How often metrics are exported. Default 5000. */
  metricExportIntervalMs?: number;
  /** Called for every deployment and config change (the hub stores them as change events). */
  onChangeEvent?: (e: ChangeEvent) => void | Promise<void>;
  log?: (line: string) => void;
}

export interface DemoHandle {
  /** Stops generating, flushes and shuts down all providers. Idempotent. */
  stop(): Promise<void>;
}

export async function startDemo(options: DemoOptions): Promise<DemoHandle> {
  const endpoint = validateEndpoint(options.endpoint);
  return startDemoWith(options, otlpProtoExporters(endpoint));
}

/** Tick period of the scheduler; requests are emitted when their simulated work completes. */
const TICK_MS = 20;

interface Pending {
  dueMs: number;
  seq: number;
  run: () => void;
}

/** startDemo with injectable exporters (tests use in-memory exporters). */
export async function startDemoWith(options: DemoOptions, exporters: ExporterFactory): Promise<DemoHandle> {
  const seed = options.seed ?? 1;
  const rps = options.requestsPerSecond ?? 8;
  if (!Number.isFinite(rps) || rps <= 0 || rps > 10_000) {
    throw new ParameterError('requestsPerSecond', `must be in (0, 10000] (got ${rps})`);
  }
  if (!Number.isInteger(seed)) throw new ParameterError('seed', `must be an integer (got ${seed})`);
  const metricExportIntervalMs = options.metricExportIntervalMs ?? 5000;
  if (!Number.isFinite(metricExportIntervalMs) || metricExportIntervalMs < 50) {
    throw new ParameterError('metricExportIntervalMs', `must be >= 50 (got ${metricExportIntervalMs})`);
  }
  const schedule = resolveSchedule(options.incidentScheduleMs);
  const log = options.log ?? (() => {});

  const releaseContext = acquireGlobalContext();
  const ids = new PlannedIdGenerator(seed);
  const instanceRng = new Prng(seed).fork(7);
  const noiseRng = new Prng(seed).fork(11);
  const loads = new Map<ServiceName, ServiceLoad>();
  const runtimes = new Map<ServiceName, ServiceRuntime>();
  const retiring: Promise<string[]>[] = [];
  const callbacks: Promise<void>[] = [];

  const spawn = (spec: ServiceSpec, version: string): ServiceRuntime => {
    let load = loads.get(spec.name);
    if (load === undefined) {
      load = new ServiceLoad();
      loads.set(spec.name, load);
    }
    const runtime = new ServiceRuntime({
      spec,
      version,
      instanceId: uuid(instanceRng),
      exporters,
      idGenerator: ids,
      load,
      gaugeNoise: noiseRng.fork(runtimes.size),
      metricExportIntervalMs,
    });
    runtimes.set(spec.name, runtime);
    return runtime;
  };
  for (const spec of SERVICES) spawn(spec, spec.version);
  const serviceFor = (name: ServiceName): ServiceRuntime => {
    const r = runtimes.get(name);
    if (r === undefined) throw new RangeError(`demo service ${name} is not running`);
    return r;
  };

  const executor = new PlanExecutor(serviceFor, ids);
  const scenario = new Scenario({ seed, requestsPerSecond: rps, schedule });
  const startEpochNs = BigInt(Date.now()) * 1_000_000n;
  const startPerf = performance.now();
  const epochAt = (ms: number): bigint => startEpochNs + BigInt(Math.round(ms * 1_000_000));
  const pending: Pending[] = [];

  const applyChange = (change: ChangePlan): void => {
    const current = serviceFor(change.service);
    if (change.kind === 'deployment' && change.newVersion !== undefined) {
      retiring.push(current.close());
      const next = spawn(current.options.spec, change.newVersion);
      next.logger.emit({
        severityNumber: SeverityNumber.INFO,
        severityText: 'INFO',
        body: `${change.service} ${change.newVersion} started (instance ${next.options.instanceId})`,
        attributes: { 'service.previous_version': current.options.version },
      });
    } else {
      current.logger.emit({
        severityNumber: SeverityNumber.WARN,
        severityText: 'WARN',
        body: `configuration reloaded: ${change.attributes['config.key']} = ${change.attributes['config.value']}`,
        attributes: { ...change.attributes },
      });
    }
    log(`demo: ${change.kind} — ${change.description}`);
    const handler = options.onChangeEvent;
    if (handler !== undefined) {
      const event: ChangeEvent = {
        timeUnixNano: epochAt(change.atMs),
        kind: change.kind,
        service: change.service,
        description: change.description,
        attributes: { ...change.attributes },
      };
      callbacks.push(
        Promise.resolve()
          .then(() => handler(event))
          .catch((err: unknown) =>
            log(`demo: onChangeEvent failed: ${err instanceof Error ? err.message : err}`),
          ),
      );
    }
  };
  const emitRequest = (plan: RequestPlan): void => executor.execute(plan, epochAt(plan.atMs));

  const tick = (): void => {
    const elapsed = performance.now() - startPerf;
    while (scenario.peekAtMs() <= elapsed) {
      const item = scenario.next();
      if (item.type === 'change') {
        const change = item.change;
        insert(pending, { dueMs: change.atMs, seq: change.seq, run: () => applyChange(change) });
      } else {
        const plan = item.plan;
        // Emitted once its simulated work is over, so no span ends in the future.
        insert(pending, { dueMs: plan.atMs + plan.durationMs, seq: plan.seq, run: () => emitRequest(plan) });
      }
    }
    while (pending.length > 0 && (pending[0]?.dueMs ?? Number.POSITIVE_INFINITY) <= elapsed) {
      pending.shift()?.run();
    }
  };
  const timer = setInterval(() => {
    try {
      tick();
    } catch (err) {
      log(`demo: tick failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }, TICK_MS);

  log(
    `demo: ${SERVICES.length} services sending OTLP to ${options.endpoint} (seed ${seed}, ~${rps} req/s, ` +
      `first incident in ${Math.round(schedule.firstAtMs / 1000)} s)`,
  );

  let stopping: Promise<void> | undefined;
  const stopOnce = async (): Promise<void> => {
    clearInterval(timer);
    pending.length = 0;
    await Promise.all(callbacks);
    const failures = (
      await Promise.all([...retiring, ...[...runtimes.values()].map((r) => r.close())])
    ).flat();
    for (const f of failures) log(`demo: ${f}`);
    releaseContext();
    log('demo: stopped');
  };
  return {
    stop: () => {
      stopping ??= stopOnce();
      return stopping;
    },
  };
}

/** Keeps `pending` ordered by (dueMs, seq) so replay order depends only on the plan. */
function insert(pending: Pending[], item: Pending): void {
  let i = pending.length;
  while (i > 0) {
    const prev = pending[i - 1];
    if (prev === undefined || prev.dueMs < item.dueMs || (prev.dueMs === item.dueMs && prev.seq < item.seq))
      break;
    i--;
  }
  pending.splice(i, 0, item);
}

function uuid(rng: Prng): string {
  const h = rng.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function validateEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ParameterError('endpoint', `not a URL: '${endpoint}'`, "use e.g. 'http://127.0.0.1:4318'");
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ParameterError(
      'endpoint',
      `must be http(s), got '${url.protocol}'`,
      "use e.g. 'http://127.0.0.1:4318'",
    );
  }
  return endpoint;
}
