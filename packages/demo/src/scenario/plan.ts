/** The pure description of what the demo emits: produced by the planner, replayed by the executor. */

export type ServiceName =
  | 'frontend'
  | 'checkout-api'
  | 'inventory'
  | 'payment'
  | 'user-service'
  | 'notification';

export type OpKind = 'server' | 'client' | 'internal' | 'producer' | 'consumer';

export type PlanAttrValue = string | number | boolean;

export type PlanAttributes = Record<string, PlanAttrValue>;

export type PlanSeverity = 'debug' | 'info' | 'warn' | 'error';

export interface PlannedLog {
  /** Offset from the request start, in milliseconds. */
  atMs: number;
  severity: PlanSeverity;
  body: string;
  attributes: PlanAttributes;
}

export interface PlannedException {
  type: string;
  message: string;
  stacktrace: string;
}

/** What a span contributes to the service's metrics when it is replayed. */
export type PlannedMeasurement =
  | { kind: 'http.server'; route: string; method: string; statusCode: number }
  | { kind: 'http.client'; serverAddress: string; method: string; statusCode: number }
  | { kind: 'db'; system: string; operation: string; collection: string };

export interface PlannedOp {
  spanId: string;
  service: ServiceName;
  name: string;
  kind: OpKind;
  /** Offsets from the request start, in milliseconds; endMs >= startMs. */
  startMs: number;
  endMs: number;
  attributes: PlanAttributes;
  status: 'unset' | 'error';
  statusMessage?: string;
  exception?: PlannedException;
  logs: PlannedLog[];
  measurement?: PlannedMeasurement;
  children: PlannedOp[];
}

export interface RequestPlan {
  seq: number;
  /** Arrival time, ms since the demo started. */
  atMs: number;
  traceId: string;
  method: string;
  route: string;
  /** Time until the last span of the request (including async work) ends. */
  durationMs: number;
  root: PlannedOp;
}

export interface ChangePlan {
  seq: number;
  atMs: number;
  kind: 'deployment' | 'config';
  service: ServiceName;
  description: string;
  attributes: Record<string, string>;
  /** For deployments: the service.version the service runs afterwards. */
  newVersion?: string;
}

export type TimelineItem = { type: 'request'; plan: RequestPlan } | { type: 'change'; change: ChangePlan };
