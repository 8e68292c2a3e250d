/**
 * @module `switchyard config validate|print`: check a switchyard.yaml, or show the effective config
 * (defaults + file) with secrets masked.
 */
import { Command } from 'commander';
import { stringify } from 'yaml';
import { defaultHubConfig, type HubConfig, loadHubConfigFile } from '../../config/hub-config.js';
import { maskSecrets } from '../../config/mask-secrets.js';

function load(file: string | undefined): HubConfig {
  return file ? loadHubConfigFile(file) : defaultHubConfig();
}

export function configCommand(): Command {
  const config = new Command('config').description('Validate or print the hub configuration');
  config.addCommand(
    new Command('validate')
      .description('Check a switchyard.yaml; exit 2 with the key path of the first problem')
      .requiredOption('--config <file>', 'the file to check')
      .action((o: { config: string }) => {
        const c = load(o.config);
        const routes = c.routes.length;
        const exporters = Object.keys(c.exporters).length;
        process.stdout.write(`${o.config} is valid (${exporters} exporter(s), ${routes} route(s))\n`);
      }),
  );
  config.addCommand(
    new Command('print')
      .description('Print the effective configuration (defaults + file) as YAML, secrets masked')
      .option('--config <file>', 'switchyard.yaml to merge over the defaults')
      .action((o: { config?: string }) => {
        process.stdout.write(stringify(maskSecrets(load(o.config))));
      }),
  );
  return config;
}
