/**
 * @module MCP tools answered by one external source (the first of `sources:` in switchyard.yaml) instead of
 * a hub: `switchyard mcp --config FILE` without `--hub`. A deliberately small set — `list_services`,
 * `query_metrics` (metric name or native query) and `ask` — since a source such as Prometheus holds no
 * traces, change events or analysis; the hub's full tool set needs `--hub`.
 */
import { ParameterError, SwitchyardError } from '@switchyard/core';
import {
  type NativeLanguage,
  parseQuestion,
  parseUnifiedQuery,
  type QueryAdapter,
  type SourceType,
  type UnifiedQueryInput,
} from '@switchyard/query';
import { z } from 'zod';
import { defineTool, type McpTool } from './define-tool.js';
import type { ToolContext } from './tool-context.js';
import type { ToolOutput } from './tool-result.js';
import { endField, serviceField, startField } from './tool-schema.js';
import { renderAnswer } from './tools/ask.js';

/** The native language a source type runs for metrics, if any. */
const METRICS_LANGUAGE: Partial<Record<SourceType, NativeLanguage>> = {
  prometheus: 'promql',
  grafana: 'promql',
  newrelic: 'nrql',
  datadog: 'datadog',
};

/** Source answers carry no hub link: the source's own UI is the place for more. */
function withoutLink(out: ToolOutput): ToolOutput {
  return { text: out.text, data: out.data };
}

function nowMs(ctx: ToolContext): number {
  return Number(ctx.now() / 1_000_000n);
}

function listServices(adapter: QueryAdapter): McpTool {
  return defineTool({
    name: 'list_services',
    group: 'general',
    title: 'List services',
    description: `Lists the services ${adapter.source.name} (${adapter.source.type}) knows. Start here.`,
    input: {},
    async run() {
      const services = await adapter.services();
      return {
        text: `${services.length} services on ${adapter.source.name} (${adapter.source.type}): ${services.join(', ') || '-'}`,
        data: { source: adapter.source, services },
      };
    },
  });
}

function queryMetrics(adapter: QueryAdapter): McpTool {
  const language = METRICS_LANGUAGE[adapter.source.type];
  return defineTool({
    name: 'query_metrics',
    group: 'metrics',
    title: 'Query metrics',
    description: `Returns a metric from ${adapter.source.name} (${adapter.source.type}) over a time range, summarised as current, average, min, max, trend and anomaly flag. Give \`name\` (as the source spells it)${language ? ` or \`native\` (${language})` : ''}.`,
    input: {
      name: z.string().min(1).max(300).optional().describe('Metric name as the source spells it'),
      native: z
        .string()
        .min(1)
        .max(5000)
        .optional()
        .describe(`A native ${language ?? 'query'} to run as is (validated first)`),
      service: serviceField,
      aggregation: z
        .enum(['avg', 'sum', 'min', 'max', 'count', 'rate', 'p50', 'p90', 'p95', 'p99'])
        .optional()
        .describe('How to aggregate the metric (rate for counters, pNN for histograms)'),
      step: z
        .string()
        .regex(/^(\d+(ms|s|m|h|d|w))+$/)
        .optional()
        .describe('Resolution, e.g. 30s, 1m'),
      start: startField('now-1h'),
      end: endField,
      maxSeries: z.number().int().min(1).max(50).default(10).describe('Most series to list (default 10)'),
    },
    async run(args, ctx) {
      if (args.name === undefined && args.native === undefined)
        throw new ParameterError('name', 'give a metric name or a native query');
      if (args.native !== undefined && language === undefined)
        throw new ParameterError('native', `${adapter.source.type} sources take no native metric queries`);
      const input: UnifiedQueryInput = {
        signal: 'metrics',
        ...(args.name !== undefined && { metric: args.name }),
        ...(args.native !== undefined && language && { native: { language, query: args.native } }),
        ...(args.service !== undefined && { service: args.service }),
        ...(args.aggregation !== undefined && { aggregation: args.aggregation }),
        ...(args.step !== undefined && { step: args.step }),
        time: { start: args.start, end: args.end ?? 'now' },
      };
      const result = await adapter.query(parseUnifiedQuery(input), { nowMs: nowMs(ctx) });
      return withoutLink(renderAnswer(result, 'Metric query.', args.maxSeries, ctx));
    },
  });
}

function ask(adapter: QueryAdapter): McpTool {
  return defineTool({
    name: 'ask',
    group: 'general',
    title: 'Ask a question',
    description: `Answers a plain-language question from ${adapter.source.name} (${adapter.source.type}), which holds ${adapter.signals.join(', ')}: e.g. "error rate of checkout-api in the last 30 minutes", "p99 latency of inventory since 14:00", "throughput of frontend in the last hour". Says how it understood the question and the native query it ran.`,
    input: {
      question: z.string().min(3).max(500).describe('The question, in English'),
      limit: z.number().int().min(1).max(50).default(10).describe('Most records, traces or series to list'),
    },
    async run(args, ctx) {
      const now = nowMs(ctx);
      const parsed = parseQuestion(args.question, { services: await adapter.services(), now });
      if (!parsed.ok)
        throw new SwitchyardError('QUESTION_NOT_UNDERSTOOD', parsed.error, {
          ...(parsed.suggestions.length > 0 && {
            hint: `try: ${parsed.suggestions.map((s) => `"${s}"`).join(', ')}`,
          }),
        });
      if (!adapter.signals.includes(parsed.query.signal))
        throw new SwitchyardError(
          'SOURCE_UNSUPPORTED',
          `the question needs ${parsed.query.signal}, and ${adapter.source.name} (${adapter.source.type}) holds ${adapter.signals.join(', ')}`,
        );
      const result = await adapter.query(parsed.query, { nowMs: now });
      return withoutLink(renderAnswer(result, `Understood as: ${parsed.explanation}.`, args.limit, ctx));
    },
  });
}

/** The tools a source can back, among `enabled` (the names the operator's tool selection allows). */
export function sourceTools(adapter: QueryAdapter, enabled: ReadonlySet<string>): McpTool[] {
  const tools = [listServices(adapter)];
  if (adapter.signals.includes('metrics')) tools.push(queryMetrics(adapter));
  tools.push(ask(adapter));
  return tools.filter((t) => enabled.has(t.name));
}
