/**
 * @module `switchyard query traces|logs|metrics`: the HTTP API's filters as flags, output as table/JSON/CSV.
 * With `--source TYPE=URL` (or sources from `--config`) the query runs through the query package's
 * adapters instead, and `--promql`/`--logql`/`--traceql`/`--nrql` pass a native query through.
 */
import { Command } from 'commander';
import { OUTPUT_FORMATS, type Row, render } from '../format.js';
import { DEFAULT_HUB, hubGet } from '../hub-client.js';
import { collectKeyValue, parseChoice, parseInteger, parseNonNegative, parseUrl } from '../options.js';
import { type QueryFlags, querySources } from './query-sources.js';
import { collect } from './source-query.js';

function attrs(a: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(a ?? {})) out[`attr.${k}`] = v;
  return out;
}

function common(cmd: Command): Command {
  return cmd
    .option('--hub <url>', 'hub API address', parseUrl, DEFAULT_HUB)
    .option('--format <format>', 'table, json or csv', parseChoice(OUTPUT_FORMATS), 'table')
    .option('--start <time>', 'RFC 3339, epoch ms, or relative (now-1h)')
    .option('--end <time>', 'RFC 3339, epoch ms, or relative')
    .option(
      '--source <type=url>',
      'query a platform instead of the hub (repeatable): prometheus, loki, tempo, jaeger',
      collect,
      [],
    )
    .option('--config <file>', 'switchyard.yaml whose sources: are queried (with any --source)')
    .option('--nrql <query>', 'native NRQL for a New Relic source (from --config)');
}

function nsToIso(ns: string): string {
  return new Date(Number(BigInt(ns) / 1_000_000n)).toISOString();
}

export function queryCommand(): Command {
  const query = new Command('query').description('Query the hub: traces, logs, metrics');

  query.addCommand(
    common(new Command('traces'))
      .description('Find traces')
      .option('--service <name>')
      .option('--operation <name>')
      .option('--status <status>', 'ok or error', parseChoice(['ok', 'error'] as const))
      .option('--min-duration-ms <ms>', 'minimum duration', parseNonNegative)
      .option('--max-duration-ms <ms>', 'maximum duration', parseNonNegative)
      .option('--attr <key=value>', 'attribute filter (repeatable)', collectKeyValue)
      .option('--limit <n>', 'maximum traces', parseInteger, 20)
      .option('--traceql <query>', 'native TraceQL for a Tempo or Grafana source')
      .action(async (o: QueryFlags) => {
        if (await querySources('traces', o)) return;
        const body = (await hubGet(o.hub, '/api/traces', {
          service: o.service,
          operation: o.operation,
          status: o.status,
          minDurationMs: o.minDurationMs?.toString(),
          maxDurationMs: o.maxDurationMs?.toString(),
          start: o.start,
          end: o.end,
          limit: String(o.limit),
          ...attrs(o.attr),
        })) as { traces: Record<string, unknown>[] };
        const rows: Row[] = body.traces.map((t) => ({
          time: nsToIso(t.startTimeUnixNano as string),
          traceId: t.traceId as string,
          service: t.rootService as string,
          operation: t.rootName as string,
          durationMs: Math.round((t.durationMs as number) * 100) / 100,
          spans: t.spanCount as number,
          errors: t.errorCount as number,
        }));
        const cols = ['time', 'traceId', 'service', 'operation', 'durationMs', 'spans', 'errors'];
        process.stdout.write(render(o.format, rows, cols, body));
      }),
  );

  query.addCommand(
    common(new Command('logs'))
      .description('Search logs')
      .option('--service <name>')
      .option('--severity <level>', 'minimum level: trace, debug, info, warn, error, fatal')
      .option('-q, --text <text>', 'text the body contains')
      .option('--trace-id <id>')
      .option('--limit <n>', 'maximum records', parseInteger, 100)
      .option('--logql <query>', 'native LogQL for a Loki or Grafana source (validated first)')
      .action(async (o: QueryFlags) => {
        if (await querySources('logs', o)) return;
        const body = (await hubGet(o.hub, '/api/logs', {
          service: o.service,
          severity: o.severity,
          q: o.text,
          traceId: o.traceId,
          start: o.start,
          end: o.end,
          limit: String(o.limit),
        })) as { logs: Record<string, unknown>[] };
        const rows: Row[] = body.logs.map((l) => ({
          time: nsToIso(l.timeUnixNano as string),
          service: String(
            (l.resource as { attributes: Record<string, unknown> }).attributes['service.name'] ?? '',
          ),
          severity: (l.severityText as string) || String(l.severityNumber),
          body: typeof l.body === 'string' ? l.body : JSON.stringify(l.body),
          traceId: l.traceId as string,
        }));
        process.stdout.write(
          render(o.format, rows, ['time', 'service', 'severity', 'body', 'traceId'], body),
        );
      }),
  );

  query.addCommand(
    common(new Command('metrics'))
      .description('Query a metric')
      .argument('[name]', 'metric name (omit to list names)')
      .option('--service <name>')
      .option('--step <duration>', 'bucket width, e.g. 30s, 1m')
      .option('--agg <agg>', 'value, rate, sum, avg, min, max, count, p50, p90, p95, p99')
      .option('--attr <key=value>', 'attribute filter (repeatable)', collectKeyValue)
      .option('--promql <query>', 'native PromQL for a Prometheus or Grafana source (validated first)')
      .action(async (name: string | undefined, o: QueryFlags) => {
        if (await querySources('metrics', { ...o, name })) return;
        if (!name) {
          const body = (await hubGet(o.hub, '/api/metrics/names', { service: o.service })) as {
            metrics: Record<string, unknown>[];
          };
          const rows: Row[] = body.metrics.map((m) => ({
            name: m.name as string,
            type: m.type as string,
            unit: m.unit as string,
            services: (m.services as string[]).join(' '),
          }));
          process.stdout.write(render(o.format, rows, ['name', 'type', 'unit', 'services'], body));
          return;
        }
        const body = (await hubGet(o.hub, '/api/metrics', {
          name,
          service: o.service,
          step: o.step,
          agg: o.agg,
          start: o.start,
          end: o.end,
          ...attrs(o.attr),
        })) as { series: { name: string; labels: Record<string, string>; points: [number, number][] }[] };
        const rows: Row[] = body.series.flatMap((s) =>
          s.points.map(([t, v]) => ({
            time: new Date(t).toISOString(),
            series: Object.entries(s.labels)
              .map(([k, val]) => `${k}=${val}`)
              .join(','),
            value: v,
          })),
        );
        process.stdout.write(render(o.format, rows, ['time', 'series', 'value'], body));
      }),
  );
  return query;
}
