/**
 * @module list_services: the services the hub has seen, busiest first, with span, error and log counts.
 */
import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { ago, pct } from '../format.js';
import { apiLink } from '../tool-context.js';
import { limitField } from '../tool-schema.js';

export const listServicesTool = defineTool({
  name: 'list_services',
  group: 'general',
  title: 'List services',
  description:
    'Lists the services that sent telemetry to the hub, busiest first, with span, error and log counts and when each was last seen. Start here to learn the service names other tools take.',
  input: {
    limit: limitField(50, 500, 'services'),
    nameContains: z
      .string()
      .max(200)
      .optional()
      .describe('Only services whose name contains this text (case-insensitive)'),
  },
  async run(args, ctx) {
    const now = ctx.now();
    const needle = args.nameContains?.toLowerCase();
    const all = (await ctx.reader.services())
      .filter((s) => needle === undefined || s.name.toLowerCase().includes(needle))
      .sort((a, b) => b.spanCount + b.logCount - (a.spanCount + a.logCount) || a.name.localeCompare(b.name));
    const shown = all.slice(0, args.limit);
    const hasMore = all.length > shown.length;
    const lines = shown.map((s) => {
      const errors = s.spanCount > 0 ? ` (${s.errorCount} errors, ${pct(s.errorCount / s.spanCount)})` : '';
      return `- ${s.name}: ${s.spanCount} spans${errors}, ${s.logCount} logs, last seen ${ago(s.lastSeenUnixNano, now)}`;
    });
    const head =
      all.length === 0
        ? 'No services have sent telemetry yet.'
        : `${all.length} service${all.length === 1 ? '' : 's'}${hasMore ? ` (showing ${shown.length})` : ''}:`;
    return {
      text: [head, ...lines].join('\n'),
      data: {
        services: shown.map((s) => ({
          name: s.name,
          spanCount: s.spanCount,
          errorCount: s.errorCount,
          logCount: s.logCount,
          lastSeenUnixNano: s.lastSeenUnixNano,
        })),
        total: all.length,
        hasMore,
      },
      link: apiLink(ctx, '/api/services'),
    };
  },
});
