/**
 * @module How a tool is declared (name, group, zod input shape, run function) and registered on an
 * McpServer: read-only annotations, validated arguments, redacted results, errors as `isError` results.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { ToolContext } from './tool-context.js';
import type { ToolGroup, ToolName } from './tool-names.js';
import { errorResult, type ToolOutput, toCallToolResult } from './tool-result.js';

export interface ToolSpec<S extends z.ZodRawShape> {
  name: ToolName;
  group: ToolGroup;
  title: string;
  description: string;
  input: S;
  run(args: z.output<z.ZodObject<S>>, ctx: ToolContext): Promise<ToolOutput>;
}

export interface McpTool {
  readonly name: ToolName;
  readonly group: ToolGroup;
  readonly title: string;
  readonly description: string;
  /** Validates `args` with the tool's schema and runs it; never throws (errors are `isError` results). */
  call(args: unknown, ctx: ToolContext): Promise<CallToolResult>;
  /** Runs with validated arguments and returns the raw output (for `ask`); throws on errors. */
  runRaw(args: unknown, ctx: ToolContext): Promise<ToolOutput>;
  register(server: McpServer, ctx: ToolContext): void;
}

export function defineTool<S extends z.ZodRawShape>(spec: ToolSpec<S>): McpTool {
  const schema = z.strictObject(spec.input);
  const runRaw = async (args: unknown, ctx: ToolContext): Promise<ToolOutput> => {
    const parsed = schema.safeParse(args ?? {});
    if (!parsed.success) throw new InvalidArgumentsError(spec.name, z.prettifyError(parsed.error));
    return spec.run(parsed.data, ctx);
  };
  const call = async (args: unknown, ctx: ToolContext): Promise<CallToolResult> => {
    try {
      return toCallToolResult(await runRaw(args, ctx));
    } catch (err) {
      return errorResult(err);
    }
  };
  return {
    name: spec.name,
    group: spec.group,
    title: spec.title,
    description: spec.description,
    call,
    runRaw,
    register(server, ctx) {
      server.registerTool<z.ZodRawShape, z.ZodRawShape>(
        spec.name,
        {
          title: spec.title,
          description: spec.description,
          inputSchema: spec.input,
          annotations: {
            title: spec.title,
            readOnlyHint: true,
            destructiveHint: false,
            idempotentHint: true,
            openWorldHint: false,
          },
        },
        // The SDK validated the arguments already; `call` re-parses them to get the tool's typed output.
        (args: Record<string, unknown>) => call(args, ctx),
      );
    },
  };
}

export class InvalidArgumentsError extends Error {
  constructor(tool: string, details: string) {
    super(`Invalid arguments for tool ${tool}: ${details}`);
    this.name = 'InvalidArgumentsError';
  }
}
