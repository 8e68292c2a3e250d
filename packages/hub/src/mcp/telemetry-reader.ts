/**
 * @module The data-access seam of the MCP tools: the read half of TelemetryStore. In the hub the tools
 * read the store directly; `switchyard mcp --hub URL` reads through the hub's HTTP API (HubApiReader).
 */
import type { TelemetryStore } from '@switchyard/store';

export type TelemetryReader = Pick<
  TelemetryStore,
  'services' | 'getTrace' | 'findTraces' | 'findLogs' | 'queryMetrics' | 'metricNames' | 'changeEvents'
>;
