/**
 * @module `switchyard ask "QUESTION"`: a plain-language question parsed deterministically into a unified
 * query and run on the hub (default) or on each `--source TYPE=URL`; shows how it was understood and,
 * with --show-query, the native query each platform ran.
 */
import { SwitchyardError } from '@switchyard/core';
import {
  createAdapter,
  DEFAULT_GUARDRAILS,
  LocalAdapter,
  parseQuestion,
  parseSourceFlags,
  type QueryAdapter,
  type QueryResult,
} from '@switchyard/query';
import { Command } from 'commander';
import { HubApiReader } from '../../mcp/hub-api-reader.js';
import { readOnlyStore } from '../../mcp/read-only-store.js';
import { OUTPUT_FORMATS, type OutputFormat, type Row, render } from '../format.js';
import { DEFAULT_HUB } from '../hub-client.js';
import { parseChoice, parseUrl } from '../options.js';

interface AskFlags {
  source: string[];
  hub: string;
  showQuery?: boolean;
  format: OutputFormat;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function adaptersFor(flags: Pick<AskFlags, 'source' | 'hub'>): QueryAdapter[] {
  if (flags.source.length === 0)
    return [
      new LocalAdapter({ store: readOnlyStore(new HubApiReader(flags.hub)), guardrails: DEFAULT_GUARDRAILS }),
    ];
  return Object.entries(parseSourceFlags(flags.source)).map(([name, config]) => createAdapter(name, config));
}

function rowsOf(r: QueryResult): { rows: Row[]; columns: string[] } {
  switch (r.signal) {
    case 'metrics':
      return {
        columns: ['series', 'time', 'value'],
        rows: r.series.flatMap((s) => {
          const series = Object.entries(s.labels)
            .map(([k, v]) => `${k}=${v}`)
            .join(',');
          return s.points.map(([t, v]) => ({ series, time: new Date(t).toISOString(), value: v }));
        }),
      };
    case 'logs':
      return {
        columns: ['time', 'service', 'severity', 'body', 'traceId'],
        rows: r.records.map((l) => ({
          time: new Date(l.timeMs).toISOString(),
          service: l.service,
          severity: l.severity,
          body: l.body,
          traceId: l.traceId ?? '',
        })),
      };
    case 'traces':
      return {
        columns: ['time', 'traceId', 'service', 'operation', 'durationMs', 'errors'],
        rows: r.traces.map((t) => ({
          time: new Date(t.startMs).toISOString(),
          traceId: t.traceId,
          service: t.rootService,
          operation: t.rootName,
          durationMs: Math.round(t.durationMs * 100) / 100,
          errors: t.errorCount,
        })),
      };
  }
}

function summaryLine(r: QueryResult): string {
  switch (r.signal) {
    case 'metrics': {
      const s = r.summary;
      if (s.current === null) return 'no data points in this range';
      const unit = r.unit ? ` ${r.unit}` : '';
      const f = (v: number | null) => (v === null ? '-' : Number(v.toPrecision(4)).toString());
      return `current ${f(s.current)}${unit}, average ${f(s.average)}, min ${f(s.min)}, max ${f(s.max)}, trend ${s.trend}${s.anomalyDetected ? ', ANOMALY detected' : ''}`;
    }
    case 'logs':
      return `${r.summary.total} records`;
    case 'traces': {
      const b = r.analysis.bottleneck;
      return `${r.analysis.count} traces${b ? `; bottleneck ${b.service} ${b.name} (${Math.round(b.share * 100)}%)` : ''}`;
    }
  }
}

export function askCommand(): Command {
  return new Command('ask')
    .description('Ask a plain-language question, e.g. "p99 latency of checkout-api in the last 30 minutes"')
    .argument('<question>', 'the question, in quotes')
    .option(
      '--source <type=url>',
      'ask a platform instead of the hub (repeatable): prometheus, loki, tempo, jaeger',
      collect,
      [],
    )
    .option('--hub <url>', 'hub API address (used without --source)', parseUrl, DEFAULT_HUB)
    .option('--show-query', 'print how the question was understood and each native query')
    .option('--format <format>', 'table, json or csv', parseChoice(OUTPUT_FORMATS), 'table')
    .action(async (question: string, flags: AskFlags) => {
      const results: { understood: string; result: QueryResult }[] = [];
      for (const adapter of adaptersFor(flags)) {
        const now = Date.now();
        const parsed = parseQuestion(question, { services: await adapter.services(), now });
        if (!parsed.ok)
          throw new SwitchyardError('QUESTION_NOT_UNDERSTOOD', parsed.error, {
            ...(parsed.suggestions.length > 0 && {
              hint: `try: ${parsed.suggestions.map((s) => `"${s}"`).join(', ')}`,
            }),
          });
        results.push({
          understood: parsed.explanation,
          result: await adapter.query(parsed.query, { nowMs: now }),
        });
      }
      if (flags.format === 'json') {
        process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
        return;
      }
      for (const { understood, result } of results) {
        if (flags.showQuery || flags.format === 'table') {
          const head = [`understood as: ${understood}`];
          if (flags.showQuery)
            head.push(`${result.source.name} (${result.source.type}) ran: ${result.nativeQuery}`);
          head.push(summaryLine(result), ...result.warnings.map((w) => `warning: ${w}`));
          (flags.format === 'csv' ? process.stderr : process.stdout).write(`${head.join('\n')}\n`);
        }
        const { rows, columns } = rowsOf(result);
        process.stdout.write(
          render(flags.format, rows.slice(0, flags.format === 'table' ? 50 : rows.length), columns, result),
        );
      }
    });
}
