/**
 * @module The names of the MCP tool groups and tools, without the tools themselves, so configuration
 * can validate `mcp.enabledTools` / `mcp.disabledTools` cheaply.
 */

/** Tool groups that configuration can enable or disable as a whole. */
export const TOOL_GROUPS = ['general', 'traces', 'logs', 'metrics', 'analysis', 'events'] as const;
export type ToolGroup = (typeof TOOL_GROUPS)[number];

export const TOOL_NAMES = [
  'list_services',
  'query_metrics',
  'query_logs',
  'query_traces',
  'get_trace',
  'find_log_patterns',
  'detect_anomalies',
  'analyze_trace',
  'compare_traces',
  'get_change_events',
  'ask',
] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

/** Everything `enabledTools` / `disabledTools` accept. */
export const TOOL_SELECTORS: readonly string[] = [...TOOL_GROUPS, ...TOOL_NAMES];
