/**
 * @module Filtering (`type: filter`): drops items matching any `drop` rule. A rule matches an item when all
 * its conditions hold: `signals`, `services` (service.name, `*` globs), `attributes` (item attributes, value
 * or any of a list, compared as text), `severityBelow` (logs under that level: trace|debug|info|warn|error),
 * `spanNames` (regexes). Metrics are filtered per data point. Empty groups are removed; an empty batch
 * becomes null. Dropped items are counted in switchyard_filtered_items_total.
 */
import {
  type Attributes,
  type Resource,
  SeverityLevel,
  type SeverityName,
  SIGNALS,
  type Signal,
  serviceNameOf,
  type TelemetryBatch,
} from '@switchyard/core';
import { z } from 'zod';
import type { ComponentFactory } from '../component/factory.js';
import type { Processor } from '../component/processor.js';
import { attrText } from '../exporters/attr-text.js';
import type { SelfMetrics } from '../self/self-metrics.js';

const ruleSchema = z.strictObject({
  signals: z
    .array(z.enum(SIGNALS as [Signal, ...Signal[]]))
    .min(1)
    .optional(),
  services: z.array(z.string().min(1)).min(1).optional(),
  attributes: z.record(z.string(), z.union([z.string(), z.array(z.string()).min(1)])).optional(),
  severityBelow: z.enum(['debug', 'info', 'warn', 'error', 'fatal']).optional(),
  spanNames: z.array(z.string().min(1)).min(1).optional(),
});

export const filterProcessorConfigSchema = z.strictObject({
  type: z.literal('filter').default('filter'),
  drop: z.array(ruleSchema).min(1),
});
export type FilterProcessorConfig = z.infer<typeof filterProcessorConfigSchema>;

interface CompiledRule {
  signals?: Set<Signal>;
  services?: RegExp;
  attributes: [string, Set<string>][];
  severityBelow?: number;
  spanNames?: RegExp[];
}

function compile(rule: z.infer<typeof ruleSchema>): CompiledRule {
  const glob = (g: string) => g.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return {
    signals: rule.signals ? new Set(rule.signals) : undefined,
    services: rule.services ? new RegExp(`^(?:${rule.services.map(glob).join('|')})$`) : undefined,
    attributes: Object.entries(rule.attributes ?? {}).map(([k, v]) => [
      k,
      new Set(Array.isArray(v) ? v : [v]),
    ]),
    severityBelow: rule.severityBelow ? SeverityLevel[rule.severityBelow as SeverityName] : undefined,
    spanNames: rule.spanNames?.map((r) => new RegExp(r)),
  };
}

function attrsMatch(rule: CompiledRule, attrs: Attributes): boolean {
  for (const [k, allowed] of rule.attributes) {
    const v = attrs[k];
    if (v === undefined || v === null || !allowed.has(attrText(v))) return false;
  }
  return true;
}

export class FilterProcessor implements Processor {
  private readonly rules: CompiledRule[];
  private readonly dropped: (by?: number) => void;

  constructor(
    config: FilterProcessorConfig,
    readonly name = 'filter',
    metrics?: SelfMetrics,
  ) {
    this.rules = config.drop.map(compile);
    this.dropped =
      metrics?.counter('switchyard_filtered_items_total', 'Items dropped by filter processors', {
        processor: name,
      }) ?? (() => {});
  }

  /** Rules that apply to this signal and resource (signal and service conditions already hold). */
  private applicable(signal: Signal, resource: Resource): CompiledRule[] {
    return this.rules.filter(
      (r) =>
        (!r.signals || r.signals.has(signal)) && (!r.services || r.services.test(serviceNameOf(resource))),
    );
  }

  process(batch: TelemetryBatch): TelemetryBatch | null {
    let dropped = 0;
    let kept = 0;
    const keep = <T>(
      items: T[],
      rules: CompiledRule[],
      matches: (r: CompiledRule, item: T) => boolean,
    ): T[] => {
      if (rules.length === 0) {
        kept += items.length;
        return items;
      }
      const out = items.filter((item) => !rules.some((r) => matches(r, item)));
      dropped += items.length - out.length;
      kept += out.length;
      return out;
    };
    switch (batch.signal) {
      case 'traces':
        for (const rs of batch.data.resourceSpans) {
          const rules = this.applicable('traces', rs.resource);
          for (const ss of rs.scopeSpans) {
            ss.spans = keep(
              ss.spans,
              rules,
              (r, s) =>
                attrsMatch(r, s.attributes) &&
                (!r.spanNames || r.spanNames.some((re) => re.test(s.name))) &&
                r.severityBelow === undefined,
            );
          }
          rs.scopeSpans = rs.scopeSpans.filter((ss) => ss.spans.length > 0);
        }
        batch.data.resourceSpans = batch.data.resourceSpans.filter((rs) => rs.scopeSpans.length > 0);
        break;
      case 'logs':
        for (const rl of batch.data.resourceLogs) {
          const rules = this.applicable('logs', rl.resource);
          for (const sl of rl.scopeLogs) {
            sl.logRecords = keep(
              sl.logRecords,
              rules,
              (r, l) =>
                attrsMatch(r, l.attributes) &&
                !r.spanNames &&
                (r.severityBelow === undefined ||
                  (l.severityNumber > 0 && l.severityNumber < r.severityBelow)),
            );
          }
          rl.scopeLogs = rl.scopeLogs.filter((sl) => sl.logRecords.length > 0);
        }
        batch.data.resourceLogs = batch.data.resourceLogs.filter((rl) => rl.scopeLogs.length > 0);
        break;
      case 'metrics':
        for (const rm of batch.data.resourceMetrics) {
          const rules = this.applicable('metrics', rm.resource);
          for (const sm of rm.scopeMetrics) {
            for (const m of sm.metrics) {
              const d = m.data;
              if (!d) continue;
              const points = keep<{ attributes: Attributes }>(
                d.dataPoints,
                rules,
                (r, p) => attrsMatch(r, p.attributes) && !r.spanNames && r.severityBelow === undefined,
              );
              (d as { dataPoints: unknown[] }).dataPoints = points;
            }
            sm.metrics = sm.metrics.filter((m) => !m.data || m.data.dataPoints.length > 0);
          }
          rm.scopeMetrics = rm.scopeMetrics.filter((sm) => sm.metrics.length > 0);
        }
        batch.data.resourceMetrics = batch.data.resourceMetrics.filter((rm) => rm.scopeMetrics.length > 0);
        break;
    }
    if (dropped > 0) this.dropped(dropped);
    return kept === 0 ? null : batch;
  }
}

export const filterProcessorFactory: ComponentFactory<
  FilterProcessorConfig,
  FilterProcessor,
  { name?: string; metrics?: SelfMetrics }
> = {
  type: 'filter',
  kind: 'processor',
  stability: { traces: 'beta', metrics: 'beta', logs: 'beta' },
  configSchema: filterProcessorConfigSchema,
  createDefaultConfig: () =>
    filterProcessorConfigSchema.parse({ drop: [{ signals: ['logs'], severityBelow: 'info' }] }),
  create: (config, { name, metrics }) => new FilterProcessor(config, name, metrics),
};
