/**
 * @module Attribute edits (`type: attributes`), in order, on the attributes of spans, log records and metric
 * points (`target: item`, the default) or of their resources (`target: resource`), following the Collector's
 * attributes processor:
 * - `insert`: set `key` only when absent; `update`: only when present; `upsert`: always
 *   (the value is `value`, or the value of attribute `fromAttribute`)
 * - `delete`: remove `key`, or every key matching the regex `pattern`
 * - `hash`: replace the value with its SHA-256 hex digest (values are hashed as text)
 */
import { createHash } from 'node:crypto';
import { type Attributes, ConfigError, type TelemetryBatch } from '@switchyard/core';
import { z } from 'zod';
import type { ComponentFactory } from '../component/factory.js';
import type { Processor } from '../component/processor.js';
import { attrText } from '../exporters/attr-text.js';
import { forEachAttributes } from './telemetry-walk.js';

const actionSchema = z.strictObject({
  action: z.enum(['insert', 'update', 'upsert', 'delete', 'hash']),
  key: z.string().min(1).optional(),
  pattern: z.string().min(1).optional(),
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
  fromAttribute: z.string().min(1).optional(),
});

export const attributesProcessorConfigSchema = z.strictObject({
  type: z.literal('attributes').default('attributes'),
  target: z.enum(['item', 'resource']).default('item'),
  actions: z.array(actionSchema).min(1),
});
export type AttributesProcessorConfig = z.infer<typeof attributesProcessorConfigSchema>;
type Action = AttributesProcessorConfig['actions'][number];

function checkAction(a: Action, path: string): void {
  const needs = (cond: boolean, message: string) => {
    if (!cond) throw new ConfigError(message, { path });
  };
  if (a.action === 'delete')
    needs(a.key !== undefined || a.pattern !== undefined, 'delete needs key or pattern');
  else needs(a.key !== undefined, `${a.action} needs key`);
  if (a.action === 'insert' || a.action === 'update' || a.action === 'upsert') {
    needs(
      (a.value === undefined) !== (a.fromAttribute === undefined),
      `${a.action} needs exactly one of value, fromAttribute`,
    );
  }
  if (a.pattern !== undefined) {
    try {
      new RegExp(a.pattern);
    } catch (err) {
      throw new ConfigError(`not a valid regular expression: ${(err as Error).message}`, {
        path: `${path}.pattern`,
      });
    }
  }
}

export class AttributesProcessor implements Processor {
  private readonly patterns: (RegExp | undefined)[];

  constructor(
    private readonly config: AttributesProcessorConfig,
    readonly name = 'attributes',
  ) {
    config.actions.forEach((a, i) => {
      checkAction(a, `actions[${i}]`);
    });
    this.patterns = config.actions.map((a) => (a.pattern ? new RegExp(a.pattern) : undefined));
  }

  process(batch: TelemetryBatch): TelemetryBatch {
    forEachAttributes(batch, (attrs, owner) => {
      if (owner === this.config.target) this.apply(attrs);
    });
    return batch;
  }

  private apply(attrs: Attributes): void {
    this.config.actions.forEach((a, i) => {
      const key = a.key ?? '';
      const has = Object.hasOwn(attrs, key);
      switch (a.action) {
        case 'insert':
        case 'update':
        case 'upsert': {
          if ((a.action === 'insert' && has) || (a.action === 'update' && !has)) return;
          if (a.fromAttribute !== undefined) {
            const from = attrs[a.fromAttribute];
            if (from !== undefined) attrs[key] = from;
          } else if (a.value !== undefined) {
            attrs[key] = typeof a.value === 'number' && Number.isInteger(a.value) ? BigInt(a.value) : a.value;
          }
          return;
        }
        case 'delete': {
          if (a.key !== undefined) delete attrs[a.key];
          const re = this.patterns[i];
          if (re) for (const k of Object.keys(attrs)) if (re.test(k)) delete attrs[k];
          return;
        }
        case 'hash':
          if (has) attrs[key] = createHash('sha256').update(attrText(attrs[key]!)).digest('hex');
          return;
      }
    });
  }
}

export const attributesProcessorFactory: ComponentFactory<
  AttributesProcessorConfig,
  AttributesProcessor,
  { name?: string }
> = {
  type: 'attributes',
  kind: 'processor',
  stability: { traces: 'beta', metrics: 'beta', logs: 'beta' },
  configSchema: attributesProcessorConfigSchema,
  createDefaultConfig: () =>
    attributesProcessorConfigSchema.parse({
      actions: [{ action: 'delete', key: 'http.request.header.cookie' }],
    }),
  validate: (config, path) => {
    config.actions.forEach((a, i) => {
      checkAction(a, `${path}.actions[${i}]`);
    });
  },
  create: (config, { name }) => new AttributesProcessor(config, name),
};
