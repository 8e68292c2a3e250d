/**
 * @module `switchyard event add|list`: record deployments, config changes and other change events that
 * analysis correlates with anomalies, and list them.
 */
import { Command } from 'commander';
import { OUTPUT_FORMATS, type OutputFormat, type Row, render } from '../format.js';
import { DEFAULT_HUB, hubGet, hubPost } from '../hub-client.js';
import { collectKeyValue, parseChoice, parseInteger, parseUrl } from '../options.js';

interface EventJson {
  id: string;
  timeUnixNano: string;
  kind: string;
  service: string;
  description: string;
  attributes: Record<string, string>;
}

function row(e: EventJson): Row {
  return {
    time: new Date(Number(BigInt(e.timeUnixNano) / 1_000_000n)).toISOString(),
    kind: e.kind,
    service: e.service,
    description: e.description,
    attributes: Object.entries(e.attributes)
      .map(([k, v]) => `${k}=${v}`)
      .join(' '),
    id: e.id,
  };
}

const COLUMNS = ['time', 'kind', 'service', 'description', 'attributes', 'id'];

export function eventCommand(): Command {
  const event = new Command('event').description(
    'Record or list change events (deployments, config changes, …)',
  );
  event.addCommand(
    new Command('add')
      .description('Record a change event, e.g. a deployment')
      .requiredOption('--kind <kind>', 'deployment, config, feature_flag, incident, …')
      .requiredOption('--service <name>', 'the service that changed')
      .option('--description <text>', 'what changed', '')
      .option(
        '--attr <key=value>',
        'extra attribute, e.g. service.version=1.4.2 (repeatable)',
        collectKeyValue,
      )
      .option('--time <time>', 'when (RFC 3339, epoch ms, now-5m); default now')
      .option('--hub <url>', 'hub API address', parseUrl, DEFAULT_HUB)
      .option('--format <format>', 'table, json or csv', parseChoice(OUTPUT_FORMATS), 'table')
      .action(
        async (o: {
          kind: string;
          service: string;
          description: string;
          attr?: Record<string, string>;
          time?: string;
          hub: string;
          format: OutputFormat;
        }) => {
          const stored = (await hubPost(o.hub, '/api/events', {
            kind: o.kind,
            service: o.service,
            description: o.description,
            attributes: o.attr ?? {},
            ...(o.time !== undefined && { time: o.time }),
          })) as EventJson;
          process.stdout.write(render(o.format, [row(stored)], COLUMNS, stored));
        },
      ),
  );
  event.addCommand(
    new Command('list')
      .description('List change events, newest first')
      .option('--service <name>')
      .option('--kind <kind>')
      .option('--start <time>', 'RFC 3339, epoch ms, or relative (now-1d)')
      .option('--end <time>')
      .option('--limit <n>', 'maximum events', parseInteger, 100)
      .option('--hub <url>', 'hub API address', parseUrl, DEFAULT_HUB)
      .option('--format <format>', 'table, json or csv', parseChoice(OUTPUT_FORMATS), 'table')
      .action(
        async (o: {
          service?: string;
          kind?: string;
          start?: string;
          end?: string;
          limit: number;
          hub: string;
          format: OutputFormat;
        }) => {
          const body = (await hubGet(o.hub, '/api/events', {
            service: o.service,
            kind: o.kind,
            start: o.start,
            end: o.end,
            limit: String(o.limit),
          })) as { events: EventJson[] };
          process.stdout.write(render(o.format, body.events.map(row), COLUMNS, body));
        },
      ),
  );
  return event;
}
