/**
 * @module Attribute rules evaluated at the start of a root span, in front of another sampler: the first
 * matching rule decides (`keep` → record and sample, `drop` → drop); no match → the delegate decides
 * (usually parent-based trace-id ratio). Spans with a parent follow the delegate, so a trace is never cut
 * in the middle. Rules see only attributes known at span start. Keeping every error or
 * slow trace needs the whole trace, i.e. tail sampling — the hub's job, not the SDK's.
 */
import {
  type Attributes,
  type Context,
  isSpanContextValid,
  type Link,
  type SpanKind,
  trace,
} from '@opentelemetry/api';
import { type Sampler, SamplingDecision, type SamplingResult } from '@opentelemetry/sdk-trace-base';
import type { SamplingRule } from '../config/sdk-config-schema.js';

interface CompiledRule {
  rule: SamplingRule;
  test: (value: unknown) => boolean;
}

function compile(rule: SamplingRule): CompiledRule {
  if (rule.matches !== undefined) {
    const re = new RegExp(rule.matches);
    return { rule, test: (v) => v !== undefined && re.test(String(v)) };
  }
  if (rule.equals !== undefined) {
    const expected = rule.equals;
    return { rule, test: (v) => v === expected || (v !== undefined && String(v) === String(expected)) };
  }
  return { rule, test: (v) => v !== undefined };
}

export class RuleBasedSampler implements Sampler {
  private readonly rules: CompiledRule[];

  constructor(
    rules: readonly SamplingRule[],
    private readonly delegate: Sampler,
  ) {
    this.rules = rules.map(compile);
  }

  shouldSample(
    context: Context,
    traceId: string,
    spanName: string,
    spanKind: SpanKind,
    attributes: Attributes,
    links: Link[],
  ): SamplingResult {
    const parent = trace.getSpanContext(context);
    if (parent && isSpanContextValid(parent))
      return this.delegate.shouldSample(context, traceId, spanName, spanKind, attributes, links);
    for (const { rule, test } of this.rules) {
      if (test(attributes[rule.attribute])) {
        return {
          decision:
            rule.decision === 'keep' ? SamplingDecision.RECORD_AND_SAMPLED : SamplingDecision.NOT_RECORD,
        };
      }
    }
    return this.delegate.shouldSample(context, traceId, spanName, spanKind, attributes, links);
  }

  toString(): string {
    return `RuleBasedSampler{rules=${this.rules.length}, delegate=${this.delegate.toString()}}`;
  }
}
