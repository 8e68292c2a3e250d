/**
 * @module Turns a tool's output into an MCP CallToolResult: compact text first (an assistant's context is
 * small), structured content beside it, a link to the hub API for more — everything passed through the
 * secret redactor. Errors become `isError` results that name the parameter and give a hint.
 */

import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { ParameterError, SwitchyardError } from '@switchyard/core';
import { redactDeep, redactText } from './redact.js';

export interface ToolOutput {
  /** Compact, human-readable digest, most important first. */
  text: string;
  /** Structured details (JSON-serialisable; bigints are converted to strings). */
  data: Record<string, unknown>;
  /** Hub API URL that returns the full data. */
  link?: string;
}

/** Hard cap on the text part; structured content is bounded by each tool's own caps. */
export const MAX_TEXT_CHARS = 16_000;

export function toCallToolResult(out: ToolOutput): CallToolResult {
  let text = out.text;
  if (text.length > MAX_TEXT_CHARS)
    text = `${text.slice(0, MAX_TEXT_CHARS)}\n… (text truncated; use the structured content or the link)`;
  if (out.link) text += `\nMore: ${out.link}`;
  const data = jsonSafe({ ...out.data, ...(out.link && { link: out.link }) }) as Record<string, unknown>;
  return {
    content: [{ type: 'text', text: redactText(text) }],
    structuredContent: redactDeep(data),
  };
}

export function errorResult(err: unknown): CallToolResult {
  let text: string;
  if (err instanceof ParameterError)
    text = `Invalid argument: ${err.message}${err.hint ? ` (hint: ${err.hint})` : ''}`;
  else if (err instanceof SwitchyardError)
    text = `${err.code}: ${err.message}${err.hint ? ` (hint: ${err.hint})` : ''}`;
  else text = `Tool failed: ${err instanceof Error ? err.message : String(err)}`;
  return { content: [{ type: 'text', text: redactText(text) }], isError: true };
}

/** Converts bigints to decimal strings so the value survives JSON. */
function jsonSafe(v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return v.map(jsonSafe);
  if (typeof v === 'object' && v !== null && !(v instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v))
      if (x !== undefined)
        Object.defineProperty(out, k, {
          value: jsonSafe(x),
          enumerable: true,
          writable: true,
          configurable: true,
        });
    return out;
  }
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  return v;
}
