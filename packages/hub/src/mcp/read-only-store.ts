/**
 * @module A TelemetryStore view of a TelemetryReader, for library code (the query package's LocalAdapter)
 * that is typed against the whole store but only reads. Writes and lifecycle calls fail loudly.
 */
import { SwitchyardError } from '@switchyard/core';
import type { TelemetryStore } from '@switchyard/store';
import type { TelemetryReader } from './telemetry-reader.js';

function readOnly(what: string): never {
  throw new SwitchyardError('READ_ONLY', `the MCP server reads telemetry only; ${what} is not available`);
}

export function readOnlyStore(reader: TelemetryReader): TelemetryStore {
  return {
    services: () => reader.services(),
    getTrace: (id) => reader.getTrace(id),
    findTraces: (q) => reader.findTraces(q),
    findLogs: (q) => reader.findLogs(q),
    queryMetrics: (q) => reader.queryMetrics(q),
    metricNames: (service) => reader.metricNames(service),
    changeEvents: (q) => reader.changeEvents(q),
    open: async () => undefined,
    close: async () => undefined,
    append: async () => readOnly('append'),
    recordChangeEvent: async () => readOnly('recordChangeEvent'),
    enforceRetention: async () => readOnly('enforceRetention'),
    stats: async () => readOnly('stats'),
  };
}
