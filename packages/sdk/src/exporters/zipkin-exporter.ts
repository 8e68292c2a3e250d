/**
 * @module Zipkin (JSON v2) through `@opentelemetry/exporter-zipkin`, imported lazily so apps that do not
 * use Zipkin never load it; a missing package becomes an error naming the npm install command.
 */

import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { ConfigError } from '@switchyard/core';
import type { ExporterPlan } from './exporter-plan.js';
import { LazySpanExporter } from './lazy-exporters.js';

export function createZipkinExporter(plan: ExporterPlan, onError: (error: Error) => void): SpanExporter {
  const target = plan.signals.traces!;
  const pkg = plan.package ?? '@opentelemetry/exporter-zipkin';
  return new LazySpanExporter(async () => {
    let mod: typeof import('@opentelemetry/exporter-zipkin');
    try {
      mod = await import('@opentelemetry/exporter-zipkin');
    } catch (cause) {
      throw new ConfigError(`exporter '${plan.name}' needs the package ${pkg.replace(/@[^@/]+$/, '')}`, {
        path: `exportTo.${plan.name}`,
        hint: `npm install ${pkg}`,
        cause,
      });
    }
    return new mod.ZipkinExporter({ url: target.url, headers: target.headers });
  }, onError);
}
