/**
 * @module What every MCP tool gets: the reader, a clock, links to the hub API, and the enabled tools
 * (so `ask` only delegates to tools the operator allowed).
 */
import type { TelemetryReader } from './telemetry-reader.js';

export interface ToolContext {
  reader: TelemetryReader;
  /** Current time in ns (injectable for tests). */
  now(): bigint;
  /** Base URL of the hub's HTTP API for "more" links, e.g. `http://127.0.0.1:4320`. */
  apiBase(): string;
  /** Whether a tool (by name) is enabled in this server. */
  isEnabled(toolName: string): boolean;
}

/** A link to the hub API for the full data behind a result. Empty parameters are left out. */
export function apiLink(
  ctx: ToolContext,
  path: string,
  params: Record<string, string | number | undefined> = {},
): string {
  const url = new URL(`${ctx.apiBase().replace(/\/+$/, '')}${path}`);
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
  return url.toString();
}
