import {
  type Context,
  context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  type HrTime,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { OpKind, PlannedOp, PlanSeverity, RequestPlan, ServiceName } from '../scenario/plan.js';
import type { PlannedIdGenerator } from '../telemetry/planned-id-generator.js';
import type { ServiceRuntime } from '../telemetry/service-runtime.js';

const KIND: Record<OpKind, SpanKind> = {
  server: SpanKind.SERVER,
  client: SpanKind.CLIENT,
  internal: SpanKind.INTERNAL,
  producer: SpanKind.PRODUCER,
  consumer: SpanKind.CONSUMER,
};

const SEVERITY: Record<PlanSeverity, { number: SeverityNumber; text: string }> = {
  debug: { number: SeverityNumber.DEBUG, text: 'DEBUG' },
  info: { number: SeverityNumber.INFO, text: 'INFO' },
  warn: { number: SeverityNumber.WARN, text: 'WARN' },
  error: { number: SeverityNumber.ERROR, text: 'ERROR' },
};

/**
 * Replays request plans through the real OpenTelemetry SDK: spans with the planned
 * start/end times, logs emitted in the span's context, metrics recorded per service.
 * Calls between services cross a real W3C `traceparent` header carrier.
 */
export class PlanExecutor {
  // A private W3C propagator (rather than the global one) guarantees the header format even
  // when the host process registered a different global propagator.
  private readonly propagator = new W3CTraceContextPropagator();

  constructor(
    private readonly service: (name: ServiceName) => ServiceRuntime,
    private readonly ids: PlannedIdGenerator,
  ) {}

  /** Emits one request; `startEpochNs` is the wall-clock time of the plan's offset 0. */
  execute(plan: RequestPlan, startEpochNs: bigint): void {
    this.runOp(plan.root, ROOT_CONTEXT, startEpochNs, plan.traceId);
  }

  private runOp(op: PlannedOp, parent: Context, epochNs: bigint, traceId?: string): void {
    const svc = this.service(op.service);
    this.ids.preset(op.spanId, traceId);
    const span = svc.tracer.startSpan(
      op.name,
      { kind: KIND[op.kind], attributes: op.attributes, startTime: hrTime(epochNs, op.startMs) },
      parent,
    );
    const ctx = trace.setSpan(parent, span);
    context.with(ctx, () => {
      for (const log of op.logs) {
        const severity = SEVERITY[log.severity];
        const at = hrTime(epochNs, log.atMs);
        svc.logger.emit({
          timestamp: at,
          observedTimestamp: at,
          severityNumber: severity.number,
          severityText: severity.text,
          body: log.body,
          attributes: log.attributes,
          context: ctx,
        });
      }
      for (const child of op.children) {
        if (child.service === op.service) {
          this.runOp(child, ctx, epochNs);
          continue;
        }
        // Crossing a service boundary: the caller injects `traceparent` into the request
        // headers, the callee extracts it; nothing else links the two spans.
        const headers: Record<string, string> = {};
        this.propagator.inject(ctx, headers, defaultTextMapSetter);
        this.runOp(child, this.propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter), epochNs);
      }
    });
    if (op.exception !== undefined) {
      span.addEvent(
        'exception',
        {
          'exception.type': op.exception.type,
          'exception.message': op.exception.message,
          'exception.stacktrace': op.exception.stacktrace,
        },
        hrTime(epochNs, op.endMs),
      );
    }
    if (op.status === 'error')
      span.setStatus({ code: SpanStatusCode.ERROR, message: op.statusMessage ?? '' });
    span.end(hrTime(epochNs, op.endMs));
    if (op.measurement !== undefined) svc.metrics.record(op.measurement, op.endMs - op.startMs);
  }
}

/** Wall-clock HrTime of an offset (ms, microsecond precision) from `epochNs`. */
export function hrTime(epochNs: bigint, offsetMs: number): HrTime {
  const ns = epochNs + BigInt(Math.round(offsetMs * 1_000_000));
  return [Number(ns / 1_000_000_000n), Number(ns % 1_000_000_000n)];
}
