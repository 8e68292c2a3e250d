import { ParameterError } from '@switchyard/core';

/** When the injected incidents happen (all in ms of demo time). */
export interface IncidentSchedule {
  /** First deployment incident. */
  firstAtMs: number;
  /** How long the bad inventory deployment (slow postgres query) lasts before the rollback. */
  slowQueryForMs: number;
  /** Quiet time after each incident before the next one starts. */
  gapMs: number;
  /** How long the payment gateway error burst lasts before the config is reverted. */
  errorBurstForMs: number;
}

export const DEFAULT_INCIDENT_SCHEDULE: IncidentSchedule = {
  firstAtMs: 60_000,
  slowQueryForMs: 120_000,
  gapMs: 60_000,
  errorBurstForMs: 90_000,
};

export function resolveSchedule(partial: Partial<IncidentSchedule> | undefined): IncidentSchedule {
  const s = { ...DEFAULT_INCIDENT_SCHEDULE, ...partial };
  for (const [key, value] of Object.entries(s)) {
    const min = key === 'firstAtMs' || key === 'gapMs' ? 0 : 1;
    if (!Number.isFinite(value) || value < min) {
      throw new ParameterError(
        `incidentScheduleMs.${key}`,
        `must be a finite number >= ${min} (got ${value})`,
        'pass durations in milliseconds',
      );
    }
  }
  return s;
}

export function cycleLengthMs(s: IncidentSchedule): number {
  return s.slowQueryForMs + s.gapMs + s.errorBurstForMs + s.gapMs;
}

export interface IncidentPhase {
  /** Incident cycle number (0-based), or -1 before the first incident. */
  cycle: number;
  /** The bad inventory deployment is live: its stock query is 8–15× slower. */
  inventorySlowQuery: boolean;
  /** The payment retry policy is off and the gateway answers 503 often. */
  paymentErrorBurst: boolean;
}

export function phaseAt(atMs: number, s: IncidentSchedule): IncidentPhase {
  if (atMs < s.firstAtMs) return { cycle: -1, inventorySlowQuery: false, paymentErrorBurst: false };
  const len = cycleLengthMs(s);
  const cycle = Math.floor((atMs - s.firstAtMs) / len);
  const r = atMs - s.firstAtMs - cycle * len;
  const burstStart = s.slowQueryForMs + s.gapMs;
  return {
    cycle,
    inventorySlowQuery: r < s.slowQueryForMs,
    paymentErrorBurst: r >= burstStart && r < burstStart + s.errorBurstForMs,
  };
}

export type IncidentTransition =
  | 'inventory-deploy'
  | 'inventory-rollback'
  | 'payment-config'
  | 'payment-revert';

/** The n-th incident transition (4 per cycle), in time order. */
export function transitionAt(
  n: number,
  s: IncidentSchedule,
): { atMs: number; cycle: number; kind: IncidentTransition } {
  const cycle = Math.floor(n / 4);
  const base = s.firstAtMs + cycle * cycleLengthMs(s);
  switch (n % 4) {
    case 0:
      return { atMs: base, cycle, kind: 'inventory-deploy' };
    case 1:
      return { atMs: base + s.slowQueryForMs, cycle, kind: 'inventory-rollback' };
    case 2:
      return { atMs: base + s.slowQueryForMs + s.gapMs, cycle, kind: 'payment-config' };
    default:
      return { atMs: base + s.slowQueryForMs + s.gapMs + s.errorBurstForMs, cycle, kind: 'payment-revert' };
  }
}
