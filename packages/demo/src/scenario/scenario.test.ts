import { describe, expect, it } from 'vitest';
import { DEFAULT_INCIDENT_SCHEDULE, type IncidentSchedule } from './incident-schedule.js';
import type { ChangePlan, PlannedOp, RequestPlan, TimelineItem } from './plan.js';
import { Scenario } from './scenario.js';

const SHORT: IncidentSchedule = {
  firstAtMs: 2_000,
  slowQueryForMs: 5_000,
  gapMs: 1_000,
  errorBurstForMs: 5_000,
};

function take(seed: number, n: number, schedule = DEFAULT_INCIDENT_SCHEDULE): TimelineItem[] {
  const s = new Scenario({ seed, requestsPerSecond: 8, schedule });
  return Array.from({ length: n }, () => s.next());
}

function requests(items: TimelineItem[]): RequestPlan[] {
  return items.flatMap((i) => (i.type === 'request' ? [i.plan] : []));
}

function changes(items: TimelineItem[]): ChangePlan[] {
  return items.flatMap((i) => (i.type === 'change' ? [i.change] : []));
}

function walk(
  op: PlannedOp,
  visit: (op: PlannedOp, parent: PlannedOp | undefined) => void,
  parent?: PlannedOp,
): void {
  visit(op, parent);
  for (const c of op.children) walk(c, visit, op);
}

function allOps(plans: RequestPlan[]): PlannedOp[] {
  const out: PlannedOp[] = [];
  for (const p of plans) walk(p.root, (op) => out.push(op));
  return out;
}

describe('Scenario planner', () => {
  it('produces identical plans (mix, latencies, errors, ids) for the same seed', () => {
    expect(take(42, 400)).toEqual(take(42, 400));
  });

  it('produces different plans for different seeds', () => {
    const a = requests(take(1, 50));
    const b = requests(take(2, 50));
    expect(a.map((p) => p.traceId)).not.toEqual(b.map((p) => p.traceId));
    expect(a.map((p) => p.durationMs)).not.toEqual(b.map((p) => p.durationMs));
  });

  it('is time-ordered and averages about the requested rate', () => {
    const items = take(3, 2_000);
    const times = items.map((i) => (i.type === 'request' ? i.plan.atMs : i.change.atMs));
    expect(times).toEqual([...times].sort((x, y) => x - y));
    const plans = requests(items);
    const last = plans[plans.length - 1];
    expect(last).toBeDefined();
    const rate = plans.length / ((last?.atMs ?? 1) / 1000);
    expect(rate).toBeGreaterThan(7);
    expect(rate).toBeLessThan(9);
  });

  it('keeps end >= start and synchronous children inside their parents', () => {
    const plans = requests(take(5, 1_500, SHORT));
    let asyncChildren = 0;
    for (const p of plans) {
      walk(p.root, (op, parent) => {
        expect(op.endMs).toBeGreaterThanOrEqual(op.startMs);
        if (parent === undefined) return;
        expect(op.startMs).toBeGreaterThanOrEqual(parent.startMs);
        if (op.kind === 'consumer') asyncChildren++;
        else expect(op.endMs).toBeLessThanOrEqual(parent.endMs + 1e-9);
      });
      expect(p.durationMs).toBeGreaterThanOrEqual(p.root.endMs);
    }
    expect(asyncChildren).toBeGreaterThan(0);
  });

  it('covers at least five services, with client→server hops between them', () => {
    const ops = allOps(requests(take(9, 500)));
    expect(new Set(ops.map((o) => o.service)).size).toBeGreaterThanOrEqual(5);
    const crossService = ops.filter(
      (o) => o.kind === 'client' && o.children.some((c) => c.service !== o.service),
    );
    expect(crossService.length).toBeGreaterThan(100);
    for (const c of crossService) expect(c.children[0]?.kind).toBe('server');
  });

  it('draws unique span ids and a trace id per request', () => {
    const plans = requests(take(11, 800));
    const spanIds = allOps(plans).map((o) => o.spanId);
    expect(new Set(spanIds).size).toBe(spanIds.length);
    expect(new Set(plans.map((p) => p.traceId)).size).toBe(plans.length);
    for (const id of spanIds) expect(id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('has a small base error rate with exceptions and error logs', () => {
    const plans = requests(take(13, 3_000));
    const ops = allOps(plans);
    const failed = ops.filter((o) => o.status === 'error');
    expect(failed.length).toBeGreaterThan(0);
    for (const f of failed) expect(f.exception?.stacktrace).toContain(f.exception?.type ?? '?');
    const failedRoots = plans.filter((p) => Number(p.root.attributes['http.response.status_code']) >= 400);
    expect(failedRoots.length / plans.length).toBeLessThan(0.1);
    expect(ops.some((o) => o.logs.some((l) => l.severity === 'error'))).toBe(true);
  });

  it('schedules deployment, rollback, config change and revert in order, repeating', () => {
    const cs = changes(take(17, 2_500, SHORT));
    expect(cs.slice(0, 5).map((c) => [c.kind, c.service, c.atMs])).toEqual([
      ['deployment', 'inventory', 2_000],
      ['deployment', 'inventory', 7_000],
      ['config', 'payment', 8_000],
      ['config', 'payment', 13_000],
      ['deployment', 'inventory', 14_000],
    ]);
    expect(cs[0]?.newVersion).toBe('1.4.1');
    expect(cs[1]?.newVersion).toBe('1.4.0');
    expect(cs[2]?.attributes['config.key']).toBe('payment.retry_policy');
  });

  it('slows the inventory stock query 8–15× while the bad deployment is live', () => {
    const plans = requests(take(19, 2_500, SHORT));
    const stockQueries = (from: number, to: number): number[] =>
      allOps(plans.filter((p) => p.atMs >= from && p.atMs < to))
        .filter((o) => o.service === 'inventory' && o.attributes['db.collection.name'] === 'stock')
        .filter((o) => o.attributes['db.operation.name'] === 'SELECT')
        .map((o) => o.endMs - o.startMs)
        .sort((a, b) => a - b);
    const median = (xs: number[]): number => xs[Math.floor(xs.length / 2)] ?? 0;
    const before = stockQueries(0, 2_000);
    const during = stockQueries(2_000, 7_000);
    expect(before.length).toBeGreaterThan(3);
    expect(median(during) / median(before)).toBeGreaterThan(5);
  });

  it('bursts payment gateway 503s while the retry policy is off', () => {
    const plans = requests(take(23, 3_000, SHORT));
    const gateway503 = (from: number, to: number): number =>
      allOps(plans.filter((p) => p.atMs >= from && p.atMs < to)).filter(
        (o) =>
          o.attributes['server.address'] === 'api.payments.example' &&
          o.attributes['http.response.status_code'] === 503,
      ).length;
    const paymentFailures = plans.filter(
      (p) => p.atMs >= 8_000 && p.atMs < 13_000 && p.root.attributes['http.response.status_code'] === 502,
    );
    expect(gateway503(8_000, 13_000)).toBeGreaterThan(gateway503(2_000, 7_000) * 3);
    expect(paymentFailures.length).toBeGreaterThan(0);
  });
});
