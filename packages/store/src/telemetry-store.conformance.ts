/**
 * @module Conformance suite for TelemetryStore implementations (test-only, not built). Every store
 * runs it from its test file: `describeTelemetryStoreConformance('DuckDbStore', factory)`.
 */
import { afterEach, beforeEach, describe } from 'vitest';
import { catalogConformance } from './conformance/catalog.conformance.js';
import { durabilityConformance } from './conformance/durability.conformance.js';
import { logsConformance } from './conformance/logs.conformance.js';
import { metricsConformance } from './conformance/metrics.conformance.js';
import { tracesConformance } from './conformance/traces.conformance.js';
import type { TelemetryStore } from './telemetry-store.js';

export interface ConformanceContext {
  /** An open, empty store. */
  store: TelemetryStore;
  /** Closes `store` and opens a new store over the same data. */
  reopen(): Promise<TelemetryStore>;
  /** Closes whatever is open and removes the data. */
  cleanup(): Promise<void>;
}

/** What each section of the suite sees: the current store (replaced by `reopen`). */
export interface ConformanceEnv {
  readonly store: TelemetryStore;
  reopen(): Promise<TelemetryStore>;
}

export function describeTelemetryStoreConformance(
  name: string,
  factory: () => Promise<ConformanceContext>,
): void {
  describe(`${name} (TelemetryStore conformance)`, () => {
    let ctx: ConformanceContext;
    let current: TelemetryStore;
    const env: ConformanceEnv = {
      get store() {
        return current;
      },
      async reopen() {
        current = await ctx.reopen();
        return current;
      },
    };
    beforeEach(async () => {
      ctx = await factory();
      current = ctx.store;
    });
    afterEach(async () => {
      await ctx.cleanup();
    });

    tracesConformance(env);
    logsConformance(env);
    metricsConformance(env);
    catalogConformance(env);
    durabilityConformance(env);
  });
}
