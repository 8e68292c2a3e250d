/**
 * @module Builds the sampler from options (ratio, rules, parentBased) and `OTEL_TRACES_SAMPLER(_ARG)`.
 * Options win over env. Parent-based trace-id ratio is consistent across services because the decision
 * depends only on the trace id.
 */
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  ParentBasedSampler,
  type Sampler,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';
import type { EnvSettings } from '../config/env-settings.js';
import type { SamplingOptions } from '../config/sdk-config-schema.js';
import { RuleBasedSampler } from './rule-based-sampler.js';

function ratioFromArg(arg: string | undefined, problems: string[]): number {
  if (arg === undefined) return 1;
  const n = Number(arg);
  if (!Number.isFinite(n) || n < 0 || n > 1) {
    problems.push(`OTEL_TRACES_SAMPLER_ARG='${arg}' is not a number in [0, 1]; using 1`);
    return 1;
  }
  return n;
}

function baseFromEnv(env: EnvSettings['sampler'], problems: string[]): Sampler {
  if (!env) return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  switch (env.name) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return new TraceIdRatioBasedSampler(ratioFromArg(env.arg, problems));
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratioFromArg(env.arg, problems)) });
    default:
      problems.push(`OTEL_TRACES_SAMPLER='${env.name}' is not supported; using parentbased_always_on`);
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  }
}

/** Sampler for the options/env; `problems` collects ignored settings. */
export function buildSampler(
  options: SamplingOptions | undefined,
  env: EnvSettings['sampler'],
  problems: string[],
) {
  let base: Sampler;
  if (options?.ratio !== undefined) {
    const ratio = new TraceIdRatioBasedSampler(options.ratio);
    base = options.parentBased === false ? ratio : new ParentBasedSampler({ root: ratio });
  } else base = baseFromEnv(env, problems);
  return options?.rules?.length ? new RuleBasedSampler(options.rules, base) : base;
}
