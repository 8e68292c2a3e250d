/**
 * @module `exportTo: 'auto'`: picks exporters from what the environment shows, with a reason for each.
 * An OTLP endpoint variable → otlp; a vendor's credential variables → that preset; nothing → the local
 * hub when one answers on localhost:4318 (probed by the caller), else console.
 */
import type { Env } from '@switchyard/core';
import { VENDOR_PRESETS } from '@switchyard/presets';
import type { ExporterOptions } from '../config/sdk-config-schema.js';

export interface AutoSelection {
  entries: Array<[string, ExporterOptions]>;
  reasons: string[];
}

const OTLP_VARS = [
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
  'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT',
  'OTEL_EXPORTER_OTLP_LOGS_ENDPOINT',
];

export function selectAutomatically(env: Env): AutoSelection {
  const entries: Array<[string, ExporterOptions]> = [];
  const reasons: string[] = [];
  const otlpVar = OTLP_VARS.find((v) => env[v]);
  if (otlpVar) {
    entries.push(['otlp', {}]);
    reasons.push(`otlp: ${otlpVar} is set`);
  }
  for (const preset of Object.values(VENDOR_PRESETS)) {
    // Running on a cloud is not consent to pay for its tracing backend: aws and gcp must be named.
    if (preset.autoSelect === false) continue;
    const required = preset.env.filter((e) => e.required).map((e) => e.name);
    const agentVar = preset.agent?.whenEnv;
    if (required.length > 0 && required.every((n) => env[n])) {
      entries.push([preset.name, {}]);
      reasons.push(`${preset.name}: ${required.join(', ')} ${required.length > 1 ? 'are' : 'is'} set`);
    } else if (agentVar && env[agentVar]) {
      entries.push([preset.name, {}]);
      reasons.push(`${preset.name}: ${agentVar} is set (local Agent)`);
    }
  }
  return { entries, reasons };
}
