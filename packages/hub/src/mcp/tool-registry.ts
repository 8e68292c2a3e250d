/**
 * @module All MCP tools, and which of them a server enables: `enabled` / `disabled` name tool groups
 * (general, traces, logs, metrics, analysis, events) or single tools; disabled wins.
 */
import { didYouMean, ParameterError } from '@switchyard/core';
import type { McpTool } from './define-tool.js';
import { TOOL_GROUPS, TOOL_SELECTORS } from './tool-names.js';
import { analyzeTraceTool } from './tools/analyze-trace.js';
import { askTool } from './tools/ask.js';
import { compareTracesTool } from './tools/compare-traces.js';
import { detectAnomaliesTool } from './tools/detect-anomalies.js';
import { findLogPatternsTool } from './tools/find-log-patterns.js';
import { getChangeEventsTool } from './tools/get-change-events.js';
import { getTraceTool } from './tools/get-trace.js';
import { listServicesTool } from './tools/list-services.js';
import { queryLogsTool } from './tools/query-logs.js';
import { queryMetricsTool } from './tools/query-metrics.js';
import { queryTracesTool } from './tools/query-traces.js';

export const ALL_TOOLS: readonly McpTool[] = [
  listServicesTool,
  queryMetricsTool,
  queryLogsTool,
  queryTracesTool,
  getTraceTool,
  findLogPatternsTool,
  detectAnomaliesTool,
  analyzeTraceTool,
  compareTracesTool,
  getChangeEventsTool,
  askTool,
];

export interface ToolSelection {
  /** Groups or tool names to enable; undefined or empty = all. */
  enabled?: readonly string[] | undefined;
  /** Groups or tool names to disable (wins over `enabled`). */
  disabled?: readonly string[] | undefined;
}

/** The tools a selection enables; an unknown group or tool name is a ParameterError with a did-you-mean. */
export function selectTools(
  selection: ToolSelection,
  paramNames: { enabled: string; disabled: string } = { enabled: 'enabledTools', disabled: 'disabledTools' },
): McpTool[] {
  const names = TOOL_SELECTORS;
  const check = (list: readonly string[] | undefined, param: string): Set<string> => {
    const out = new Set<string>();
    for (const raw of list ?? []) {
      const v = raw.trim();
      if (v === '') continue;
      if (!names.includes(v)) {
        const near = didYouMean(v, names);
        throw new ParameterError(
          param,
          `unknown tool or group '${v}'`,
          near
            ? `did you mean '${near}'? (groups: ${TOOL_GROUPS.join(', ')})`
            : `groups: ${TOOL_GROUPS.join(', ')}`,
        );
      }
      out.add(v);
    }
    return out;
  };
  const enabled = check(selection.enabled, paramNames.enabled);
  const disabled = check(selection.disabled, paramNames.disabled);
  const matches = (set: Set<string>, t: McpTool): boolean => set.has(t.name) || set.has(t.group);
  return ALL_TOOLS.filter((t) => (enabled.size === 0 || matches(enabled, t)) && !matches(disabled, t));
}

/** Splits a comma-separated CLI list. */
export function splitList(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  ];
}
