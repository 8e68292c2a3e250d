import type { Prng } from '../random/prng.js';
import type { LatencySpec } from './catalog.js';
import type { IncidentPhase } from './incident-schedule.js';
import { sampleLatency } from './latency.js';
import type {
  OpKind,
  PlanAttributes,
  PlannedException,
  PlannedOp,
  PlanSeverity,
  ServiceName,
} from './plan.js';

/** Per-request planning state: the random stream and the incident phase at arrival. */
export class RequestBuilder {
  constructor(
    readonly rng: Prng,
    readonly phase: IncidentPhase,
  ) {}

  latency(spec: LatencySpec, factor = 1): number {
    return sampleLatency(this.rng, spec, factor);
  }

  /** 16 hex chars, never all zero (an all-zero id is invalid in W3C trace context). */
  spanId(): string {
    return nonZeroHex(this.rng, 16);
  }

  traceId(): string {
    return nonZeroHex(this.rng, 32);
  }
}

function nonZeroHex(rng: Prng, chars: number): string {
  for (;;) {
    const id = rng.hex(chars);
    if (!/^0+$/.test(id)) return id;
  }
}

/**
 * A span being planned. `cursor` is the time (ms from request start) the simulated code
 * has reached; synchronous children start at the cursor and advance it past their end.
 */
export class Draft {
  readonly op: PlannedOp;
  cursor: number;

  constructor(
    readonly b: RequestBuilder,
    service: ServiceName,
    name: string,
    kind: OpKind,
    startMs: number,
    attributes: PlanAttributes,
  ) {
    this.op = {
      spanId: b.spanId(),
      service,
      name,
      kind,
      startMs,
      endMs: startMs,
      attributes,
      status: 'unset',
      logs: [],
      children: [],
    };
    this.cursor = startMs;
  }

  get service(): ServiceName {
    return this.op.service;
  }

  /** Spends self time in this span. */
  work(spec: LatencySpec, factor = 1): number {
    const ms = this.b.latency(spec, factor);
    this.cursor += ms;
    return ms;
  }

  wait(ms: number): void {
    this.cursor += ms;
  }

  log(severity: PlanSeverity, body: string, attributes: PlanAttributes = {}): void {
    this.op.logs.push({ atMs: this.cursor, severity, body, attributes });
  }

  /** Adds a synchronous child; the caller continues after it ends. */
  add(child: PlannedOp): PlannedOp {
    this.op.children.push(child);
    this.cursor = Math.max(this.cursor, child.endMs);
    return child;
  }

  /** Adds a fire-and-forget child that may outlive this span. */
  addAsync(child: PlannedOp): PlannedOp {
    this.op.children.push(child);
    return child;
  }

  fail(exception: PlannedException, statusMessage = exception.message): void {
    this.op.status = 'error';
    this.op.statusMessage = statusMessage;
    this.op.exception = exception;
  }

  end(): PlannedOp {
    this.op.endMs = Math.max(this.op.startMs, this.cursor);
    return this.op;
  }
}

/** A plausible stack trace for a simulated service written in TypeScript. */
export function plannedException(type: string, message: string, frames: readonly string[]): PlannedException {
  const lines = frames.map((f) => `    at ${f}`);
  return { type, message, stacktrace: [`${type}: ${message}`, ...lines].join('\n') };
}
