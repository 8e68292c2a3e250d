/**
 * @module get_change_events: deployments, config changes, feature flags and incidents recorded on the
 * hub, newest first — to correlate with a regression.
 */
import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { isoNs, truncate } from '../format.js';
import { apiLink } from '../tool-context.js';
import { endField, limitField, parseRange, serviceField, startField } from '../tool-schema.js';

export const getChangeEventsTool = defineTool({
  name: 'get_change_events',
  group: 'events',
  title: 'List change events',
  description:
    'Lists deployments, configuration changes, feature-flag flips and incidents recorded on the hub (newest first), optionally for one service or kind — check them when a metric or error rate changed.',
  input: {
    service: serviceField,
    kind: z.string().min(1).max(100).optional().describe('deployment, config, feature_flag, incident, …'),
    start: startField('now-24h'),
    end: endField,
    limit: limitField(20, 200, 'events'),
  },
  async run(args, ctx) {
    const { startNs, endNs } = parseRange(args.start, args.end, ctx.now());
    const found = await ctx.reader.changeEvents({
      ...(args.service !== undefined && { service: args.service }),
      ...(args.kind !== undefined && { kind: args.kind }),
      startNs,
      endNs,
      limit: args.limit + 1,
    });
    const hasMore = found.length > args.limit;
    const events = found.slice(0, args.limit);
    const head =
      events.length === 0
        ? 'No change events in this range.'
        : `${events.length}${hasMore ? '+' : ''} change events:`;
    const lines = events.map((e) => {
      const attrs = Object.entries(e.attributes)
        .slice(0, 6)
        .map(([k, v]) => `${k}=${truncate(v, 60)}`)
        .join(' ');
      return `- ${isoNs(e.timeUnixNano)} ${e.kind} ${e.service}: ${truncate(e.description, 200)}${attrs ? ` (${attrs})` : ''}`;
    });
    return {
      text: [head, ...lines].join('\n'),
      data: { events, hasMore },
      link: apiLink(ctx, '/api/events', {
        service: args.service,
        kind: args.kind,
        start: args.start,
        end: args.end,
        limit: args.limit,
      }),
    };
  },
});
