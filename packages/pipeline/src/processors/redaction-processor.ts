/**
 * @module Redaction (`type: redaction`), applied before store and export: removes secrets and personal data
 * from attribute values (resource, scope, spans, span events and links, log records, metric points), log
 * bodies (text and structured), span names and span event names.
 * - `blockedKeys`: attributes whose key matches (case-insensitive; `*` globs) have their whole value redacted
 * - `patterns`: value patterns found inside any string — card numbers (Luhn-checked), emails, bearer tokens,
 *   JWTs, AWS access keys, passwords in URLs; SQL literals only in `sqlKeys` attributes (db.statement …)
 * - `allowedKeys`: attributes never touched; `allowedValues`: regexes whose matches are kept as they are
 * - SQL literals (quoted strings, numbers) become `?`, as in a prepared statement
 * - `action`: `mask` (`[REDACTED:email]`) or `hash` (`[sha256:<16 hex>]`, salted with `hashSalt`, so equal
 *   values still correlate without being readable)
 * Every redaction is counted per kind in switchyard_redactions_total.
 */
import { createHash } from 'node:crypto';
import {
  type Attributes,
  type AttrValue,
  ConfigError,
  isKvList,
  type TelemetryBatch,
} from '@switchyard/core';
import { z } from 'zod';
import type { ComponentFactory } from '../component/factory.js';
import type { Processor } from '../component/processor.js';
import type { SelfMetrics } from '../self/self-metrics.js';
import { PATTERN_NAMES, type PatternName, VALUE_PATTERNS, type ValuePattern } from './redaction-patterns.js';
import { forEachAttributes } from './telemetry-walk.js';

export const DEFAULT_BLOCKED_KEYS = [
  '*password*',
  '*passwd*',
  '*secret*',
  'authorization',
  'http.request.header.authorization',
  'http.request.header.cookie',
  'cookie',
  'set-cookie',
  '*api_key*',
  '*apikey*',
  '*access_token*',
  '*private_key*',
];

export const redactionProcessorConfigSchema = z.strictObject({
  type: z.literal('redaction').default('redaction'),
  blockedKeys: z.array(z.string().min(1)).default(DEFAULT_BLOCKED_KEYS),
  allowedKeys: z.array(z.string().min(1)).default([]),
  patterns: z.array(z.enum(PATTERN_NAMES as [PatternName, ...PatternName[]])).default([...PATTERN_NAMES]),
  allowedValues: z.array(z.string().min(1)).default([]),
  sqlKeys: z.array(z.string().min(1)).default(['db.statement', 'db.query.text']),
  action: z.enum(['mask', 'hash']).default('mask'),
  hashSalt: z.string().default(''),
});
export type RedactionProcessorConfig = z.infer<typeof redactionProcessorConfigSchema>;

function globsToRegExp(globs: readonly string[]): RegExp | undefined {
  if (globs.length === 0) return undefined;
  const parts = globs.map((g) => g.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*'));
  return new RegExp(`^(?:${parts.join('|')})$`, 'i');
}

export class RedactionProcessor implements Processor {
  readonly name: string;
  private readonly blocked: RegExp | undefined;
  private readonly allowedKeys: RegExp | undefined;
  private readonly allowedValues: RegExp[];
  private readonly patterns: ValuePattern[];
  private readonly sqlKeys: Set<string>;
  private readonly counters = new Map<string, (by?: number) => void>();

  constructor(
    private readonly config: RedactionProcessorConfig,
    name = 'redaction',
    private readonly metrics?: SelfMetrics,
  ) {
    this.name = name;
    this.blocked = globsToRegExp(config.blockedKeys);
    this.allowedKeys = globsToRegExp(config.allowedKeys);
    this.allowedValues = config.allowedValues.map((v) => new RegExp(`^(?:${v})$`));
    this.patterns = config.patterns.filter((p) => p !== 'sql_literal').map((p) => VALUE_PATTERNS[p]);
    this.sqlKeys = new Set(config.patterns.includes('sql_literal') ? config.sqlKeys : []);
  }

  process(batch: TelemetryBatch): TelemetryBatch {
    forEachAttributes(batch, (attrs) => this.attributes(attrs));
    if (batch.signal === 'logs') {
      for (const rl of batch.data.resourceLogs)
        for (const sl of rl.scopeLogs) for (const r of sl.logRecords) r.body = this.value(r.body);
    } else if (batch.signal === 'traces') {
      for (const rs of batch.data.resourceSpans) {
        for (const ss of rs.scopeSpans) {
          for (const s of ss.spans) {
            s.name = this.text(s.name);
            for (const e of s.events) e.name = this.text(e.name);
          }
        }
      }
    }
    return batch;
  }

  /** Redacts one string: every configured pattern, in order. */
  text(s: string): string {
    // Hot path: most strings are short identifiers with nothing to find.
    if (s.length < 6) return s;
    let out = s;
    for (const p of this.patterns) out = this.applyPattern(out, p);
    return out;
  }

  private applyPattern(s: string, p: ValuePattern): string {
    p.regex.lastIndex = 0;
    if (!p.regex.test(s)) return s;
    p.regex.lastIndex = 0;
    return s.replace(p.regex, (match: string, ...groups: unknown[]) => {
      const secret = p.group === 0 ? match : String(groups[p.group - 1] ?? '');
      if (p.confirm && !p.confirm(secret)) return match;
      if (this.allowedValues.some((re) => re.test(secret))) return match;
      // SQL literals become the placeholder a prepared statement would have.
      if (p.name === 'sql_literal') {
        this.count(p.name);
        return '?';
      }
      const prefix = p.group === 0 ? '' : match.slice(0, match.length - secret.length);
      return prefix + this.replacement(secret, p.name);
    });
  }

  private replacement(secret: string, kind: string): string {
    this.count(kind);
    if (this.config.action === 'mask') return `[REDACTED:${kind}]`;
    const h = createHash('sha256').update(this.config.hashSalt).update(secret).digest('hex').slice(0, 16);
    return `[sha256:${h}]`;
  }

  private value(v: AttrValue): AttrValue {
    if (typeof v === 'string') return this.text(v);
    if (Array.isArray(v)) return v.map((x) => this.value(x));
    if (v !== null && isKvList(v)) {
      this.attributes(v);
      return v;
    }
    return v;
  }

  private attributes(attrs: Attributes): void {
    for (const key of Object.keys(attrs)) {
      if (this.allowedKeys?.test(key)) continue;
      const v = attrs[key]!;
      if (v === null) continue;
      if (this.blocked?.test(key)) {
        const text = typeof v === 'string' ? v : String(v);
        attrs[key] = this.replacement(text, 'blocked_key');
      } else if (typeof v === 'string' && this.sqlKeys.has(key)) {
        attrs[key] = this.text(this.applyPattern(v, VALUE_PATTERNS.sql_literal));
      } else {
        attrs[key] = this.value(v);
      }
    }
  }

  private count(kind: string): void {
    let c = this.counters.get(kind);
    if (!c) {
      c =
        this.metrics?.counter('switchyard_redactions_total', 'Values redacted, by pattern or blocked key', {
          processor: this.name,
          kind,
        }) ?? (() => {});
      this.counters.set(kind, c);
    }
    c();
  }
}

export const redactionProcessorFactory: ComponentFactory<
  RedactionProcessorConfig,
  RedactionProcessor,
  { name?: string; metrics?: SelfMetrics }
> = {
  type: 'redaction',
  kind: 'processor',
  stability: { traces: 'beta', metrics: 'beta', logs: 'beta' },
  configSchema: redactionProcessorConfigSchema,
  createDefaultConfig: () => redactionProcessorConfigSchema.parse({}),
  validate: (config, path) => {
    config.allowedValues.forEach((v, i) => {
      try {
        new RegExp(v);
      } catch (err) {
        throw new ConfigError(`not a valid regular expression: ${(err as Error).message}`, {
          path: `${path}.allowedValues[${i}]`,
        });
      }
    });
  },
  create: (config, { name, metrics }) => new RedactionProcessor(config, name, metrics),
};
