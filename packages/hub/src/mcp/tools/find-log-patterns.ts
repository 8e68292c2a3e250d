/**
 * @module find_log_patterns: mines the log records of a service and time range into templates (variable
 * parts masked as <*>), most frequent first, with severities and an example each.
 */
import { LogPatternMiner } from '@switchyard/analysis';
import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { pct, truncate } from '../format.js';
import { apiLink } from '../tool-context.js';
import {
  endField,
  limitField,
  parseRange,
  SEVERITY_FLOOR,
  serviceField,
  severityField,
  startField,
} from '../tool-schema.js';
import { bodyText, buildLogQuery, severityLabel } from './log-text.js';

export const findLogPatternsTool = defineTool({
  name: 'find_log_patterns',
  group: 'analysis',
  title: 'Find log patterns',
  description:
    'Groups the log records of a service and time range into message templates (variable parts shown as <*>), most frequent first, with counts, share, severities, first/last seen and an example. A quick way to see what a service is saying without reading every line.',
  input: {
    service: serviceField,
    severity: severityField,
    text: z.string().min(1).max(500).optional().describe('Only records whose body contains this text'),
    start: startField('now-1h'),
    end: endField,
    maxLogs: z
      .number()
      .int()
      .min(10)
      .max(5000)
      .default(2000)
      .describe('Most records to mine, newest first (default 2000, max 5000)'),
    limit: limitField(10, 50, 'patterns'),
  },
  async run(args, ctx) {
    const range = parseRange(args.start, args.end, ctx.now());
    const minSeverity = args.severity === undefined ? undefined : SEVERITY_FLOOR[args.severity];
    const logs = await ctx.reader.findLogs(buildLogQuery(args, minSeverity, range, args.maxLogs + 1));
    const sampled = logs.length > args.maxLogs;
    const mined = sampled ? logs.slice(0, args.maxLogs) : logs;
    const miner = new LogPatternMiner({ extractParams: false, maxExamples: 2 });
    // Oldest first so first/last seen and example order follow time.
    for (let i = mined.length - 1; i >= 0; i--) {
      const l = mined[i]!;
      miner.add(bodyText(l.body), {
        timeMs: Number((l.timeUnixNano || l.observedTimeUnixNano) / 1_000_000n),
        severity: severityLabel(l),
      });
    }
    const patterns = miner.patterns().sort((a, b) => b.count - a.count);
    const shown = patterns.slice(0, args.limit);
    const hasMore = patterns.length > shown.length || sampled;
    const head =
      mined.length === 0
        ? 'No log records match.'
        : `${patterns.length} patterns in ${mined.length} records${sampled ? ` (the newest ${args.maxLogs}; more exist)` : ''}${patterns.length > shown.length ? `; top ${shown.length}` : ''}:`;
    const lines = shown.map((p) => {
      const sev = Object.entries(p.severities)
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${k} ${n}`)
        .join(', ');
      return `- ${p.count}× (${pct(p.share)}) [${sev}] ${truncate(p.template, 200)}${p.examples[0] && p.examples[0] !== p.template ? `\n    e.g. ${truncate(p.examples[0], 160)}` : ''}`;
    });
    return {
      text: [head, ...lines].join('\n'),
      data: {
        recordsMined: mined.length,
        sampled,
        patternCount: patterns.length,
        patterns: shown.map((p) => ({
          id: p.id,
          template: p.template,
          count: p.count,
          share: p.share,
          severities: p.severities,
          firstSeenMs: p.firstSeenMs,
          lastSeenMs: p.lastSeenMs,
          examples: p.examples.map((e) => truncate(e, 500)),
        })),
        hasMore,
      },
      link: apiLink(ctx, '/api/logs', {
        service: args.service,
        severity: args.severity,
        q: args.text,
        start: args.start,
        end: args.end,
        limit: args.maxLogs,
      }),
    };
  },
});
