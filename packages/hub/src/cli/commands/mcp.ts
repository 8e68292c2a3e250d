/**
 * @module `switchyard mcp`: an MCP server over stdio for AI assistants, reading a running hub through
 * its HTTP API. stdout carries the protocol only; diagnostics go to stderr.
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { Command } from 'commander';
import { createMcpServer } from '../../mcp/create-mcp-server.js';
import { HubApiReader } from '../../mcp/hub-api-reader.js';
import { selectTools, splitList } from '../../mcp/tool-registry.js';
import { DEFAULT_HUB } from '../hub-client.js';
import { parseUrl } from '../options.js';

interface McpFlags {
  hub: string;
  enabledTools?: string[];
  disabledTools?: string[];
  token?: string;
}

export function mcpCommand(): Command {
  return new Command('mcp')
    .description('Run an MCP server over stdio that gives AI assistants read-only tools over a hub')
    .option('--hub <url>', `hub API to read (default ${DEFAULT_HUB})`, parseUrl, DEFAULT_HUB)
    .option(
      '--enabled-tools <list>',
      'only these tool groups or tools (comma-separated; groups: general, traces, logs, metrics, analysis, events)',
      splitList,
    )
    .option('--disabled-tools <list>', 'tool groups or tools to leave out (comma-separated)', splitList)
    .option('--token <token>', 'bearer token for the hub API (default: $SWITCHYARD_HUB_TOKEN)')
    .action(async (flags: McpFlags) => {
      const tools = selectTools(
        { enabled: flags.enabledTools, disabled: flags.disabledTools },
        { enabled: '--enabled-tools', disabled: '--disabled-tools' },
      );
      const token = flags.token ?? process.env.SWITCHYARD_HUB_TOKEN;
      const reader = new HubApiReader(flags.hub, { ...(token && { bearerToken: token }) });
      const server = createMcpServer({ reader, tools, apiBase: () => reader.base });
      const transport = new StdioServerTransport();
      const closed = new Promise<void>((resolve) => {
        transport.onclose = () => resolve();
        process.stdin.once('end', () => resolve());
      });
      await server.connect(transport);
      process.stderr.write(
        `switchyard mcp: serving ${tools.length} tools over stdio, reading ${flags.hub}\n`,
      );
      await closed;
      await server.close();
    });
}
