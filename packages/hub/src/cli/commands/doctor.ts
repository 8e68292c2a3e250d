/**
 * @module `switchyard doctor`: checks every configured exporter (DNS, TCP, TLS, a no-op request) and prints
 * a table; exits 1 when any check fails.
 */
import { Command } from 'commander';
import { loadHubConfigFile } from '../../config/hub-config.js';
import { checkExporter, healthy } from '../../doctor/check-endpoint.js';
import { OUTPUT_FORMATS, type OutputFormat, render } from '../format.js';
import { parseChoice } from '../options.js';

export function doctorCommand(): Command {
  return new Command('doctor')
    .description('Check every configured exporter: DNS, connection, TLS and a no-op test request')
    .requiredOption('--config <file>', 'switchyard.yaml with the exporters to check')
    .option('--format <format>', 'table, json or csv', parseChoice(OUTPUT_FORMATS), 'table')
    .action(async (o: { config: string; format: OutputFormat }) => {
      const config = loadHubConfigFile(o.config);
      const entries = Object.entries(config.exporters);
      if (entries.length === 0) {
        process.stdout.write(`${o.config} configures no exporters; nothing to check\n`);
        return;
      }
      const reports = await Promise.all(entries.map(([name, e]) => checkExporter(name, e)));
      const columns = ['name', 'type', 'endpoint', 'dns', 'connect', 'tls', 'request', 'detail'];
      process.stdout.write(
        render(
          o.format,
          reports.map((r) => ({ ...r })),
          columns,
          reports,
        ),
      );
      const bad = reports.filter((r) => !healthy(r));
      if (bad.length > 0) {
        process.stderr.write(
          `${bad.length} of ${reports.length} exporter(s) failed: ${bad.map((r) => r.name).join(', ')}\n`,
        );
        process.exitCode = 1;
      }
    });
}
