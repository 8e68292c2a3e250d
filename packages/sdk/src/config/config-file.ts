/**
 * @module Finds and loads switchyard.yaml (`SWITCHYARD_CONFIG`, else the working directory) and returns
 * its `sdk:` section, validated. A missing default file is not an error; a named file that is missing is.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, type Env, loadConfigText } from '@switchyard/core';
import { configFileSchema, type SdkFileConfig } from './sdk-config-schema.js';

export interface LoadedConfigFile {
  path?: string;
  config: SdkFileConfig;
}

/**
 * Loads the SDK section. `file` overrides discovery (`false` disables it). Throws ConfigError with the key path.
 */
export function loadSdkConfigFile(env: Env, file?: string | false, cwd = process.cwd()): LoadedConfigFile {
  if (file === false) return { config: {} };
  // An empty SWITCHYARD_CONFIG means unset, as for other environment variables.
  const named = file ?? (env.SWITCHYARD_CONFIG || undefined);
  const path = resolve(cwd, named ?? 'switchyard.yaml');
  if (!existsSync(path)) {
    if (named !== undefined && named !== '')
      throw new ConfigError(`config file ${path} does not exist`, {
        path: file === undefined ? 'SWITCHYARD_CONFIG' : 'configFile',
      });
    return { config: {} };
  }
  const text = readFileSync(path, 'utf8');
  const parsed = loadConfigText(text, configFileSchema, { env, source: path });
  return { path, config: parsed.sdk ?? {} };
}
