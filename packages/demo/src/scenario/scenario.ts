import { Prng } from '../random/prng.js';
import { INCIDENTS, ROUTE_MIX, serviceSpec } from './catalog.js';
import { type IncidentSchedule, phaseAt, transitionAt } from './incident-schedule.js';
import { RequestBuilder } from './op-builder.js';
import type { ChangePlan, PlannedOp, RequestPlan, TimelineItem } from './plan.js';
import { planRoute } from './routes.js';

export interface ScenarioOptions {
  seed: number;
  requestsPerSecond: number;
  schedule: IncidentSchedule;
}

/**
 * The pure planner: seed → an endless, time-ordered sequence of request plans and change
 * events. Nothing here reads the clock or touches OpenTelemetry, so a seed always yields
 * the same request mix, latencies, errors and ids.
 */
export class Scenario {
  private readonly rng: Prng;
  private readonly arrivals: Prng;
  private nextArrivalMs: number;
  private nextTransition = 0;
  private seq = 0;

  constructor(private readonly options: ScenarioOptions) {
    const root = new Prng(options.seed);
    this.arrivals = root.fork(1);
    this.rng = root.fork(2);
    this.nextArrivalMs = this.interArrivalMs();
  }

  /** The next item in time order (changes win ties, so a request at the same instant sees the change). */
  next(): TimelineItem {
    const transition = transitionAt(this.nextTransition, this.options.schedule);
    if (transition.atMs <= this.nextArrivalMs) {
      this.nextTransition++;
      return { type: 'change', change: this.planChange(transition) };
    }
    const atMs = this.nextArrivalMs;
    this.nextArrivalMs += this.interArrivalMs();
    return { type: 'request', plan: this.planRequest(atMs) };
  }

  /** Arrival time of the next item without consuming it. */
  peekAtMs(): number {
    return Math.min(transitionAt(this.nextTransition, this.options.schedule).atMs, this.nextArrivalMs);
  }

  private interArrivalMs(): number {
    // Poisson arrivals, rounded to microseconds so plans compare exactly.
    return Math.round(this.arrivals.exponential(1000 / this.options.requestsPerSecond) * 1000) / 1000;
  }

  private planRequest(atMs: number): RequestPlan {
    const b = new RequestBuilder(this.rng, phaseAt(atMs, this.options.schedule));
    const traceId = b.traceId();
    const routeKey = this.rng.weighted(ROUTE_MIX);
    const { method, route, root } = planRoute(b, routeKey);
    return { seq: this.seq++, atMs, traceId, method, route, durationMs: latestEnd(root), root };
  }

  private planChange(t: ReturnType<typeof transitionAt>): ChangePlan {
    const seq = this.seq++;
    const stable = serviceSpec('inventory').version;
    const bad = `1.4.${t.cycle + 1}`;
    switch (t.kind) {
      case 'inventory-deploy':
        return {
          seq,
          atMs: t.atMs,
          kind: 'deployment',
          service: 'inventory',
          description: `Deploy inventory ${bad} (stock lookup made case-insensitive)`,
          attributes: {
            'service.version': bad,
            'service.previous_version': stable,
            'deployment.name': `inventory-${bad}`,
            'vcs.ref.head.revision': this.rng.hex(12),
            'deployment.trigger': 'ci',
          },
          newVersion: bad,
        };
      case 'inventory-rollback':
        return {
          seq,
          atMs: t.atMs,
          kind: 'deployment',
          service: 'inventory',
          description: `Roll back inventory ${bad} → ${stable} (slow stock queries)`,
          attributes: {
            'service.version': stable,
            'service.previous_version': bad,
            'deployment.name': `inventory-${stable}-rollback`,
            'deployment.trigger': 'manual',
          },
          newVersion: stable,
        };
      case 'payment-config':
        return {
          seq,
          atMs: t.atMs,
          kind: 'config',
          service: 'payment',
          description: `Set payment.retry_policy to '${INCIDENTS.incidentRetryPolicy}'`,
          attributes: {
            'config.key': 'payment.retry_policy',
            'config.previous_value': INCIDENTS.defaultRetryPolicy,
            'config.value': INCIDENTS.incidentRetryPolicy,
          },
        };
      default:
        return {
          seq,
          atMs: t.atMs,
          kind: 'config',
          service: 'payment',
          description: `Revert payment.retry_policy to '${INCIDENTS.defaultRetryPolicy}'`,
          attributes: {
            'config.key': 'payment.retry_policy',
            'config.previous_value': INCIDENTS.incidentRetryPolicy,
            'config.value': INCIDENTS.defaultRetryPolicy,
          },
        };
    }
  }
}

function latestEnd(op: PlannedOp): number {
  let end = op.endMs;
  for (const c of op.children) end = Math.max(end, latestEnd(c));
  return end;
}
