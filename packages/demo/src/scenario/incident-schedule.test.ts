import { ParameterError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INCIDENT_SCHEDULE, phaseAt, resolveSchedule, transitionAt } from './incident-schedule.js';

describe('incident schedule', () => {
  const s = DEFAULT_INCIDENT_SCHEDULE;

  it('starts with a quiet minute, then a 2-minute slow query, a gap and a 90 s error burst', () => {
    expect(phaseAt(59_999, s)).toEqual({ cycle: -1, inventorySlowQuery: false, paymentErrorBurst: false });
    expect(phaseAt(60_000, s)).toMatchObject({
      cycle: 0,
      inventorySlowQuery: true,
      paymentErrorBurst: false,
    });
    expect(phaseAt(179_999, s).inventorySlowQuery).toBe(true);
    expect(phaseAt(180_000, s)).toMatchObject({ inventorySlowQuery: false, paymentErrorBurst: false });
    expect(phaseAt(240_000, s)).toMatchObject({ inventorySlowQuery: false, paymentErrorBurst: true });
    expect(phaseAt(330_000, s)).toMatchObject({ inventorySlowQuery: false, paymentErrorBurst: false });
  });

  it('repeats the cycle after the second gap', () => {
    expect(phaseAt(390_000, s)).toMatchObject({ cycle: 1, inventorySlowQuery: true });
    expect(transitionAt(4, s)).toEqual({ atMs: 390_000, cycle: 1, kind: 'inventory-deploy' });
  });

  it('lists transitions in time order matching the phases', () => {
    const times = Array.from({ length: 12 }, (_, n) => transitionAt(n, s));
    for (let i = 1; i < times.length; i++) expect(times[i]?.atMs).toBeGreaterThan(times[i - 1]?.atMs ?? 0);
    expect(times.slice(0, 4).map((t) => t.kind)).toEqual([
      'inventory-deploy',
      'inventory-rollback',
      'payment-config',
      'payment-revert',
    ]);
  });

  it('merges partial overrides and rejects invalid durations', () => {
    expect(resolveSchedule({ firstAtMs: 500 })).toEqual({ ...s, firstAtMs: 500 });
    expect(() => resolveSchedule({ slowQueryForMs: 0 })).toThrow(ParameterError);
    expect(() => resolveSchedule({ gapMs: Number.NaN })).toThrow(/gapMs/);
  });
});
