/**
 * @module `switchyard up`: run the hub (receivers, store, API), optionally with the demo.
 */
import { Command } from 'commander';
import { defaultHubConfig, type HubConfig, loadHubConfigFile } from '../../config/hub-config.js';
import { Hub } from '../../hub/hub.js';
import { parseInteger, parsePort } from '../options.js';

interface UpFlags {
  dataDir?: string;
  host?: string;
  port?: number;
  otlpHttpPort?: number;
  otlpGrpcPort?: number;
  config?: string;
  demo?: boolean;
  seed?: number;
}

export function buildUpConfig(flags: UpFlags): HubConfig {
  const config = flags.config ? loadHubConfigFile(flags.config) : defaultHubConfig();
  if (flags.dataDir !== undefined) config.dataDir = flags.dataDir;
  if (flags.host !== undefined) config.host = flags.host;
  if (flags.port !== undefined) config.api.port = flags.port;
  if (flags.otlpHttpPort !== undefined) config.receivers.otlp.http.port = flags.otlpHttpPort;
  if (flags.otlpGrpcPort !== undefined) config.receivers.otlp.grpc.port = flags.otlpGrpcPort;
  if (flags.demo) config.demo.enabled = true;
  if (flags.seed !== undefined) config.demo.seed = flags.seed;
  return config;
}

export function upCommand(): Command {
  return new Command('up')
    .description('Run the hub: OTLP receivers, embedded store, HTTP API (and the demo with --demo)')
    .option('--data-dir <dir>', 'where the embedded store keeps its files (default ./.switchyard)')
    .option('--host <address>', 'address to bind (default 127.0.0.1; 0.0.0.0 accepts remote senders)')
    .option('--port <n>', 'HTTP API port (default 4320)', parsePort)
    .option('--otlp-http-port <n>', 'OTLP/HTTP receiver port (default 4318)', parsePort)
    .option('--otlp-grpc-port <n>', 'OTLP/gRPC receiver port (default 4317)', parsePort)
    .option('--config <file>', 'switchyard.yaml with hub settings')
    .option('--demo', 'run a simulated microservice system that sends telemetry to this hub')
    .option('--seed <n>', 'seed for a reproducible demo (default: a fresh seed each run)', parseInteger)
    .action(async (flags: UpFlags) => {
      const hub = new Hub(buildUpConfig(flags));
      const addresses = await hub.start();
      const out = process.stdout;
      out.write(`switchyard hub is up\n`);
      out.write(`  HTTP API + health   ${addresses.api}  (try ${addresses.api}/api/services)\n`);
      if (addresses.otlpHttp)
        out.write(`  OTLP/HTTP receiver  ${addresses.otlpHttp}  (/v1/traces, /v1/metrics, /v1/logs)\n`);
      if (addresses.otlpGrpc) out.write(`  OTLP/gRPC receiver  ${addresses.otlpGrpc}\n`);
      out.write(`  data directory      ${addresses.dataDir}\n`);
      if (hub.config.demo.enabled)
        out.write(
          `  demo                running${hub.config.demo.seed === undefined ? '' : ` (seed ${hub.config.demo.seed})`}\n`,
        );
      out.write(
        `Point any OpenTelemetry SDK at it: OTEL_EXPORTER_OTLP_ENDPOINT=${addresses.otlpHttp ?? ''}\n`,
      );
      await new Promise<void>((resolve) => {
        let stopping = false;
        const onSignal = (sig: NodeJS.Signals): void => {
          if (stopping) {
            process.stderr.write(`received ${sig} again; exiting without waiting\n`);
            process.exit(130);
          }
          stopping = true;
          process.stderr.write(`received ${sig}; draining and flushing…\n`);
          hub.stop().then(resolve, resolve);
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
      });
      process.stderr.write('switchyard hub stopped\n');
    });
}
