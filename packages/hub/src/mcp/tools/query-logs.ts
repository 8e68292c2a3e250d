/**
 * @module query_logs: log records by service, minimum severity, text and trace, newest first, with
 * counts by severity and service.
 */
import { attributesToPlainJson } from '@switchyard/core';
import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { clip, isoNs, truncate } from '../format.js';
import { apiLink } from '../tool-context.js';
import {
  detailField,
  endField,
  limitField,
  parseRange,
  SEVERITY_FLOOR,
  serviceField,
  severityField,
  startField,
} from '../tool-schema.js';
import { bodyText, buildLogQuery, countText, logService, severityLabel, tally } from './log-text.js';

export const queryLogsTool = defineTool({
  name: 'query_logs',
  group: 'logs',
  title: 'Search logs',
  description:
    'Searches log records (newest first) by service, minimum severity, text in the body (case-insensitive) and trace id. Returns counts by severity and service plus the records (bodies truncated in summary mode). For recurring messages use find_log_patterns.',
  input: {
    service: serviceField,
    severity: severityField,
    text: z.string().min(1).max(500).optional().describe('Text the body contains (case-insensitive)'),
    traceId: z
      .string()
      .regex(/^[0-9a-fA-F]{32}$/, 'a trace id is 32 hex characters')
      .optional()
      .describe('Only records correlated with this trace'),
    start: startField('now-1h'),
    end: endField,
    limit: limitField(20, 200, 'records'),
    detail: detailField,
  },
  async run(args, ctx) {
    const range = parseRange(args.start, args.end, ctx.now());
    const minSeverity = args.severity === undefined ? undefined : SEVERITY_FLOOR[args.severity];
    const found = await ctx.reader.findLogs(buildLogQuery(args, minSeverity, range, args.limit + 1));
    const hasMore = found.length > args.limit;
    const logs = found.slice(0, args.limit);
    const full = args.detail === 'full';
    const head =
      logs.length === 0
        ? 'No log records match.'
        : `${logs.length}${hasMore ? '+' : ''} records. By severity: ${countText(tally(logs, severityLabel))}. By service: ${countText(tally(logs, logService))}.`;
    const lines = logs.map((l) => {
      const trace = l.traceId ? ` (trace ${l.traceId})` : '';
      return `- ${isoNs(l.timeUnixNano || l.observedTimeUnixNano)} ${severityLabel(l)} ${logService(l)}: ${truncate(bodyText(l.body), full ? 2000 : 200)}${trace}`;
    });
    return {
      text: [head, ...lines].join('\n'),
      data: {
        logs: logs.map((l) => ({
          timeUnixNano: l.timeUnixNano || l.observedTimeUnixNano,
          severity: severityLabel(l),
          severityNumber: l.severityNumber,
          service: logService(l),
          body: full ? clip(bodyText(l.body), 8000) : truncate(bodyText(l.body), 200),
          traceId: l.traceId,
          spanId: l.spanId,
          ...(full && { attributes: attributesToPlainJson(l.attributes), eventName: l.eventName }),
        })),
        hasMore,
      },
      link: apiLink(ctx, '/api/logs', {
        service: args.service,
        severity: args.severity,
        q: args.text,
        traceId: args.traceId,
        start: args.start,
        end: args.end,
        limit: args.limit,
      }),
    };
  },
});
