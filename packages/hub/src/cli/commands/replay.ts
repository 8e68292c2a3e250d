/**
 * @module `switchyard replay FILE…`: re-sends archives written by the `file` exporter (OTLP/JSON lines) to
 * an OTLP/HTTP endpoint. Every line is checked first, so a malformed archive sends nothing; then lines are
 * posted in order with retries on 429/502/503/504 (honouring Retry-After). Progress goes to stderr.
 */
import { statSync } from 'node:fs';
import { OtlpDecodeError, ParameterError, type Signal } from '@switchyard/core';
import { Command } from 'commander';
import { readArchive } from '../../replay/archive-lines.js';
import { OtlpPoster } from '../../replay/otlp-poster.js';
import { collectKeyValue, parseNonNegative, parseUrl } from '../options.js';

export const DEFAULT_OTLP_HTTP = 'http://127.0.0.1:4318';

interface ReplayFlags {
  to?: string;
  hub?: string;
  header?: Record<string, string>;
  maxWait: number;
}

const ITEM_NAMES: Record<Signal, string> = { traces: 'spans', metrics: 'data points', logs: 'log records' };

export function replayCommand(): Command {
  return new Command('replay')
    .description('Re-send archives written by the file exporter (OTLP/JSON lines) to an OTLP/HTTP endpoint')
    .argument(
      '<files...>',
      'archive files, replayed in the order given (oldest rotation first: out.jsonl.2 out.jsonl.1 out.jsonl)',
    )
    .option('--to <url>', 'any OTLP/HTTP endpoint base URL (requests go to <url>/v1/traces …)', parseUrl)
    .option('--hub <url>', `a Switchyard hub's OTLP/HTTP receiver (default ${DEFAULT_OTLP_HTTP})`, parseUrl)
    .option(
      '--header <key=value>',
      'request header, repeatable (e.g. authorization for --to)',
      collectKeyValue,
    )
    .option('--max-wait <seconds>', 'how long one request keeps being retried', parseNonNegative, 300)
    .action(async (files: string[], flags: ReplayFlags) => {
      if (flags.to && flags.hub) throw new ParameterError('--to', 'give --to or --hub, not both');
      const endpoint = flags.to ?? flags.hub ?? DEFAULT_OTLP_HTTP;
      for (const f of files) {
        try {
          if (!statSync(f).isFile()) throw new Error('not a file');
        } catch (err) {
          throw new ParameterError('FILE', `cannot read ${f}: ${(err as Error).message}`);
        }
      }
      const err = process.stderr;
      const totals = { requests: 0, items: 0, bySignal: { traces: 0, metrics: 0, logs: 0 } };
      try {
        for (const f of files)
          for await (const l of readArchive(f)) {
            totals.requests++;
            totals.items += l.items;
            totals.bySignal[l.signal] += l.items;
          }
      } catch (e) {
        if (!(e instanceof OtlpDecodeError)) throw e;
        err.write(`error: ${e.describe()}\nnothing was sent\n`);
        process.exitCode = 2;
        return;
      }
      const poster = new OtlpPoster({
        endpoint,
        headers: flags.header ?? {},
        maxWaitMs: flags.maxWait * 1000,
        timeoutMs: 30_000,
        onRetry: (why, ms) =>
          err.write(`replay: ${why} from ${endpoint}, retrying in ${(ms / 1000).toFixed(1)} s\n`),
      });
      const started = Date.now();
      let lastReport = started;
      let sent = 0;
      let items = 0;
      const report = () =>
        err.write(
          `replay: ${sent}/${totals.requests} requests, ${items}/${totals.items} items (${totals.items === 0 ? 100 : Math.floor((items / totals.items) * 100)}%)\n`,
        );
      for (const f of files)
        for await (const l of readArchive(f)) {
          await poster.post(l.signal, l.body, `${l.file}:${l.line}`);
          sent++;
          items += l.items;
          if (Date.now() - lastReport >= 1000) {
            lastReport = Date.now();
            report();
          }
        }
      report();
      const parts = (Object.keys(totals.bySignal) as Signal[])
        .filter((s) => totals.bySignal[s] > 0)
        .map((s) => `${totals.bySignal[s]} ${ITEM_NAMES[s]}`);
      process.stdout.write(
        `replayed ${sent} requests (${parts.join(', ') || 'empty'}) from ${files.length} file${files.length === 1 ? '' : 's'} to ${endpoint} in ${((Date.now() - started) / 1000).toFixed(1)} s, ${poster.retries} retries\n`,
      );
    });
}
