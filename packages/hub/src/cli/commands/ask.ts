/**
 * @module `switchyard ask "QUESTION"`: a plain-language question parsed deterministically into a unified
 * query and run on the hub (default) or on each `--source TYPE=URL`; shows how it was understood and,
 * with --show-query, the native query each platform ran.
 */
import { SwitchyardError } from '@switchyard/core';
import {
  askLlm,
  DEFAULT_GUARDRAILS,
  type LlmConfig,
  LocalAdapter,
  llmConfigFromEnv,
  parseQuestion,
  type QueryAdapter,
  type QueryResult,
  type QuerySignal,
} from '@switchyard/query';
import { Command } from 'commander';
import { HubApiReader } from '../../mcp/hub-api-reader.js';
import { readOnlyStore } from '../../mcp/read-only-store.js';
import { OUTPUT_FORMATS, type OutputFormat, render } from '../format.js';
import { DEFAULT_HUB } from '../hub-client.js';
import { parseChoice, parseUrl } from '../options.js';
import {
  adaptersFor,
  adaptersOf,
  collect,
  rowsOf,
  type SourceFlags,
  sourcesFrom,
  summaryLine,
} from './source-query.js';

export interface AskFlags extends SourceFlags {
  hub: string;
  showQuery?: boolean;
  format: OutputFormat;
}

/** The sources from `--config` and `--source`, or the hub (through its API) when there are none. */
export function candidateAdapters(flags: AskFlags): QueryAdapter[] {
  const sources = sourcesFrom(flags);
  if (Object.keys(sources).length > 0) return adaptersOf(sources);
  return [
    new LocalAdapter({ store: readOnlyStore(new HubApiReader(flags.hub)), guardrails: DEFAULT_GUARDRAILS }),
  ];
}

/** Asks the configured LLM; returns the same shape as parseQuestion so the caller treats both alike. */
async function viaLlm(
  question: string,
  services: string[],
  now: number,
  llm: LlmConfig,
): Promise<ReturnType<typeof parseQuestion>> {
  try {
    const answer = await askLlm(question, { services, now }, llm);
    return {
      ok: true,
      query: answer.query,
      explanation: `LLM ${llm.model} proposed ${answer.raw} (validated)`,
    };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return {
      ok: false,
      error: `the rules could not parse the question and the LLM fallback failed: ${why}`,
      suggestions: [],
    };
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
    .option('--config <file>', 'switchyard.yaml whose sources: are asked (with any --source)')
    .option('--hub <url>', 'hub API address (used without --source)', parseUrl, DEFAULT_HUB)
    .option('--show-query', 'print how the question was understood and each native query')
    .option('--format <format>', 'table, json or csv', parseChoice(OUTPUT_FORMATS), 'table')
    .action(async (question: string, flags: AskFlags) => {
      const results: { understood: string; result: QueryResult }[] = [];
      const adapters = candidateAdapters(flags);
      const llm = llmConfigFromEnv(process.env);
      const now = Date.now();
      let failed: SwitchyardError | undefined;
      let skipped: QuerySignal | undefined;
      for (const adapter of adapters) {
        try {
          // Each source parses with the service names it knows (did-you-mean is per source).
          const services = await adapter.services();
          const rules = parseQuestion(question, { services, now });
          // Rules first; the optional LLM fallback (off unless SWITCHYARD_LLM_URL is set) only for what they cannot
          // parse. Its answer is validated (schema, PromQL, known services) before it runs, and shown.
          const parsed = rules.ok || !llm ? rules : await viaLlm(question, services, now, llm);
          if (!parsed.ok) {
            failed ??= new SwitchyardError('QUESTION_NOT_UNDERSTOOD', parsed.error, {
              ...(parsed.suggestions.length > 0 && {
                hint: `try: ${parsed.suggestions.map((s) => `"${s}"`).join(', ')}`,
              }),
            });
            continue;
          }
          if (!adapter.signals.includes(parsed.query.signal)) {
            skipped = parsed.query.signal;
            continue;
          }
          results.push({
            understood: parsed.explanation,
            result: await adapter.query(parsed.query, { nowMs: now }),
          });
        } catch (err) {
          // With several sources one that is down or refuses the query is reported, not fatal.
          if (adapters.length === 1 || !(err instanceof SwitchyardError)) throw err;
          process.stderr.write(`warning: ${adapter.source.name} (${adapter.source.type}): ${err.message}\n`);
          failed ??= err;
        }
      }
      if (results.length === 0) {
        if (failed) throw failed;
        if (skipped) adaptersFor(adapters, skipped); // throws: no source holds this signal
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
