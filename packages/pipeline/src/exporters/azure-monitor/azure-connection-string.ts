/**
 * @module Application Insights connection strings (`InstrumentationKey=…;IngestionEndpoint=https://…/`):
 * resolved from the config or APPLICATIONINSIGHTS_CONNECTION_STRING and checked before the first push, so a
 * missing or malformed one fails at startup with the key path rather than as dropped batches.
 */
import { ConfigError } from '@switchyard/core';

export const CONNECTION_STRING_ENV = 'APPLICATIONINSIGHTS_CONNECTION_STRING';
const DEFAULT_INGESTION = 'https://dc.services.visualstudio.com';

export interface ConnectionString {
  instrumentationKey: string;
  ingestionEndpoint: string;
}

export function parseConnectionString(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim().toLowerCase()] = part.slice(eq + 1).trim();
  }
  return out;
}

/** The connection string to use: config first, then the environment; throws ConfigError naming both. */
export function resolveConnectionString(
  configured: string | undefined,
  env: NodeJS.ProcessEnv,
  path: string,
): { text: string; parsed: ConnectionString } {
  const text = configured ?? env[CONNECTION_STRING_ENV];
  if (!text) {
    throw new ConfigError('no Application Insights connection string', {
      path,
      hint: `set ${path} or ${CONNECTION_STRING_ENV} (Azure portal → Application Insights → Overview → Connection String)`,
    });
  }
  const fields = parseConnectionString(text);
  const key = fields.instrumentationkey;
  if (!key) {
    throw new ConfigError('the connection string has no InstrumentationKey', {
      path,
      hint: 'expected InstrumentationKey=<guid>;IngestionEndpoint=https://<region>.in.applicationinsights.azure.com/',
    });
  }
  return {
    text,
    parsed: { instrumentationKey: key, ingestionEndpoint: fields.ingestionendpoint ?? DEFAULT_INGESTION },
  };
}
