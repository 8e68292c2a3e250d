/**
 * @module The options of `configureObservability`: the JSON-able settings also accepted in
 * switchyard.yaml (`sdk:` section), plus code-only hooks.
 */
import type { Env } from '@switchyard/core';
import type { RedactHook } from '../context/business-context.js';
import type { SdkFileConfig } from './sdk-config-schema.js';

export type { InstrumentationOptions } from './instrumentation-switches.js';

export interface ObservabilityOptions extends SdkFileConfig {
  /** Masks or drops business-context values (PII) before they reach spans or baggage. */
  redact?: RedactHook;
  /** Config file to read; `false` skips the file. Default: `SWITCHYARD_CONFIG`, else ./switchyard.yaml. */
  configFile?: string | false;
  /** Environment to read instead of process.env (tests, embedding). */
  env?: Env;
  /** Working directory for config discovery. */
  cwd?: string;
  /** Register as the global OpenTelemetry providers, propagator and context manager. Default true. */
  registerGlobals?: boolean;
  /** How often a failing exporter may log, at most. Default 60 s. */
  failureLogIntervalMs?: number;
}

/** Keys of ObservabilityOptions that are not part of the file schema. */
export const CODE_ONLY_OPTIONS = [
  'redact',
  'configFile',
  'env',
  'cwd',
  'registerGlobals',
  'failureLogIntervalMs',
] as const;
