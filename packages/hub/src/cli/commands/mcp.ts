/**
 * @module `switchyard mcp`: an MCP server over stdio for AI assistants, reading a running hub through
 * its HTTP API — or, with sources configured (`--config FILE` / `--source TYPE=URL`) and no `--hub`,
 * answering `list_services`, `query_metrics` and `ask` from the first source. stdout carries the protocol
 * only; diagnostics go to stderr.
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createAdapter } from '@switchyard/query';
import { Command } from 'commander';
import { createMcpServer } from '../../mcp/create-mcp-server.js';
import type { McpTool } from '../../mcp/define-tool.js';
import { HubApiReader } from '../../mcp/hub-api-reader.js';
import { sourceTools } from '../../mcp/source-tools.js';
import { selectTools, splitList } from '../../mcp/tool-registry.js';
import { DEFAULT_HUB } from '../hub-client.js';
import { parseUrl } from '../options.js';
import { collect, type SourceFlags, sourcesFrom } from './source-query.js';

interface McpFlags extends SourceFlags {
  hub: string;
  enabledTools?: string[];
  disabledTools?: string[];
  token?: string;
}

export function mcpCommand(): Command {
  const cmd = new Command('mcp')
    .description('Run an MCP server over stdio that gives AI assistants read-only tools over a hub')
    .option('--hub <url>', `hub API to read (default ${DEFAULT_HUB})`, parseUrl, DEFAULT_HUB)
    .option(
      '--config <file>',
      'switchyard.yaml whose sources: answer list_services, query_metrics and ask when --hub is not given',
    )
    .option('--source <type=url>', 'a source to answer from instead of a hub (repeatable)', collect, [])
    .option(
      '--enabled-tools <list>',
      'only these tool groups or tools (comma-separated; groups: general, traces, logs, metrics, analysis, events)',
      splitList,
    )
    .option('--disabled-tools <list>', 'tool groups or tools to leave out (comma-separated)', splitList)
    .option('--token <token>', 'bearer token for the hub API (default: $SWITCHYARD_HUB_TOKEN)');
  return cmd.action(async (flags: McpFlags) => {
    const selected = selectTools(
      { enabled: flags.enabledTools, disabled: flags.disabledTools },
      { enabled: '--enabled-tools', disabled: '--disabled-tools' },
    );
    const token = flags.token ?? process.env.SWITCHYARD_HUB_TOKEN;
    const reader = new HubApiReader(flags.hub, { ...(token && { bearerToken: token }) });
    const sources = Object.entries(sourcesFrom(flags));
    const first = cmd.getOptionValueSource('hub') === 'default' ? sources[0] : undefined;
    let tools: McpTool[] = selected;
    let reading = flags.hub;
    let apiBase = () => reader.base;
    if (first) {
      const [name, config] = first;
      // The source tools read the adapter only; the reader is never consulted in this mode.
      tools = sourceTools(createAdapter(name, config), new Set(selected.map((t) => t.name)));
      reading = `source ${name} (${config.type}) at ${config.url}`;
      apiBase = () => config.url;
    }
    const server = createMcpServer({ reader, tools, apiBase });
    const transport = new StdioServerTransport();
    const closed = new Promise<void>((resolve) => {
      transport.onclose = () => resolve();
      process.stdin.once('end', () => resolve());
    });
    await server.connect(transport);
    process.stderr.write(`switchyard mcp: serving ${tools.length} tools over stdio, reading ${reading}\n`);
    await closed;
    await server.close();
  });
}
