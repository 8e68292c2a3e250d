/**
 * @module The hub's transforms and tail-sampling policies in the Collector (contrib) processors' terms, for
 * `switchyard config collector`; what has no equivalent is listed, not dropped silently.
 */
import type { HubConfig } from './hub-config.js';

/** A duration in the Collector's notation. */
export function ms(n: number): string {
  return n % 1000 === 0 ? `${n / 1000}s` : `${n}ms`;
}

/** Our resource detectors → the Collector resourcedetection processor's detector names. */
const COLLECTOR_DETECTORS: Record<'env' | 'system' | 'cloud', string[]> = {
  env: ['env'],
  system: ['system'],
  cloud: ['lambda', 'elastic_beanstalk', 'ecs', 'eks', 'ec2', 'gcp', 'aks', 'azure'],
};

export interface CollectorTransforms {
  processors: Record<string, unknown>;
  /** Processor ids in order, for the pipelines. */
  chain: string[];
  unsupported: string[];
}

export function collectorTransforms(transforms: HubConfig['processors']['transforms']): CollectorTransforms {
  const processors: Record<string, unknown> = {};
  const chain: string[] = [];
  const unsupported: string[] = [];
  transforms.forEach((t, i) => {
    if (t.type === 'redaction') {
      processors[`redaction/${i}`] = {
        allow_all_keys: true,
        blocked_key_patterns: t.blockedKeys.map((g) => g.replace(/\*/g, '.*')),
        blocked_values: ['\\b(?:\\d[ -]?){13,19}\\b', '[\\w.+-]+@[\\w-]+\\.[\\w.-]+', 'Bearer\\s+\\S+'],
        summary: 'info',
      };
      chain.push(`redaction/${i}`);
      unsupported.push(
        `processors.transforms[${i}] (redaction): Luhn check, JWT/AWS-key/URL-password/SQL patterns and hashing are approximated by regexes`,
      );
    } else if (t.type === 'attributes') {
      processors[`attributes/${i}`] = {
        actions: t.actions.map((a) => ({ ...a, action: a.action })),
      };
      chain.push(`attributes/${i}`);
    } else if (t.type === 'cumulative_to_delta') {
      processors[`cumulativetodelta/${i}`] = { initial_value: 'drop' };
      chain.push(`cumulativetodelta/${i}`);
      unsupported.push(
        `processors.transforms[${i}] (cumulative_to_delta): maxSeries has no Collector equivalent (the Collector bounds state by max_staleness)`,
      );
    } else if (t.type === 'resource_detection') {
      processors[`resourcedetection/${i}`] = {
        detectors: t.detectors.flatMap((d) => COLLECTOR_DETECTORS[d]),
        override: t.override,
        timeout: ms(t.timeoutMs),
      };
      chain.push(`resourcedetection/${i}`);
      if (t.attributes)
        unsupported.push(
          `processors.transforms[${i}] (resource_detection): the attributes allow-list maps to each detector's resource_attributes settings; set them by hand`,
        );
    } else {
      unsupported.push(
        `processors.transforms[${i}] (filter): write the equivalent OTTL conditions for the filter processor by hand`,
      );
    }
  });
  return { processors, chain, unsupported };
}

type SamplingPolicy = HubConfig['processors']['tailSampling']['policies'][number];

/** One tail-sampling policy in the contrib tail_sampling processor's terms. */
export function collectorPolicy(p: SamplingPolicy, i: number): Record<string, unknown> {
  const name = `${p.type}-${i}`;
  switch (p.type) {
    case 'errors':
      return { name, type: 'status_code', status_code: { status_codes: ['ERROR'] } };
    case 'latency':
      return { name, type: 'latency', latency: { threshold_ms: p.thresholdMs } };
    case 'attribute':
      return {
        name,
        type: 'string_attribute',
        string_attribute: { key: p.key, values: Array.isArray(p.values) ? p.values : [p.values] },
      };
    case 'probabilistic':
      return { name, type: 'probabilistic', probabilistic: { sampling_percentage: p.ratio * 100 } };
    case 'rate_limit':
      return { name, type: 'rate_limiting', rate_limiting: { spans_per_second: p.spansPerSecond } };
  }
}
