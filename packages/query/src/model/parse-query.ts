/** @module Validating a unified query: zod errors become a ParameterError naming the field. */
import { ParameterError } from '@switchyard/core';
import { type UnifiedQuery, type UnifiedQueryInput, UnifiedQuerySchema } from './unified-query.js';

/** Validates and fills defaults; throws ParameterError naming the first bad field. */
export function parseUnifiedQuery(input: UnifiedQueryInput | unknown): UnifiedQuery {
  const r = UnifiedQuerySchema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const path = issue.path.map(String).join('.') || 'query';
  throw new ParameterError(path, issue.message);
}
