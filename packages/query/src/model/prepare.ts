/** @module What every adapter computes first: the resolved range, the step, and the capped limit. */
import { checkRange, type Guardrails } from '../http/guardrails.js';
import { chooseStepMs, type ResolvedRange, resolveRange } from './time-range.js';
import type { UnifiedQuery } from './unified-query.js';

export interface Prepared {
  range: ResolvedRange;
  stepMs: number;
  /** The query's limit, capped to the guardrail. */
  limit: number;
  warnings: string[];
}

export function prepareQuery(q: UnifiedQuery, g: Guardrails, nowMs: number): Prepared {
  const range = resolveRange(q.time, nowMs);
  checkRange(range, g);
  const warnings: string[] = [];
  const step = chooseStepMs(range, q.step, g.maxPoints);
  if (step.warning) warnings.push(step.warning);
  let limit = q.limit;
  if (limit > g.maxItems) {
    warnings.push(`limit ${limit} capped to ${g.maxItems}`);
    limit = g.maxItems;
  }
  return { range, stepMs: step.stepMs, limit, warnings };
}
