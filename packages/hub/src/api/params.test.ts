import { ParameterError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import {
  attributeParams,
  intParam,
  rejectUnknown,
  severityParam,
  stepParam,
  traceIdParam,
} from './params.js';

const q = (s: string) => new URLSearchParams(s);

function paramOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ParameterError) return e.parameter;
  }
  return 'no error';
}

describe('API parameter parsing', () => {
  it('parses bounded integers and names the parameter on error', () => {
    expect(intParam(q('limit=5'), 'limit', 20, 1, 100)).toBe(5);
    expect(intParam(q(''), 'limit', 20, 1, 100)).toBe(20);
    expect(paramOf(() => intParam(q('limit=5.5'), 'limit', 20, 1, 100))).toBe('limit');
    expect(paramOf(() => intParam(q('limit=500'), 'limit', 20, 1, 100))).toBe('limit');
  });

  it('maps severity names and numbers to a minimum severity number', () => {
    expect(severityParam(q('severity=warn'), 'severity')).toBe(13);
    expect(severityParam(q('severity=WARNING'), 'severity')).toBe(13);
    expect(severityParam(q('severity=17'), 'severity')).toBe(17);
    expect(paramOf(() => severityParam(q('severity=loud'), 'severity'))).toBe('severity');
  });

  it('parses steps as ms or durations', () => {
    expect(stepParam(q('step=30s'), 'step')).toBe(30_000);
    expect(stepParam(q('step=1500'), 'step')).toBe(1500);
    expect(paramOf(() => stepParam(q('step=soon'), 'step'))).toBe('step');
  });

  it('collects attr.* filters', () => {
    expect(attributeParams(q('attr.http.route=/a&attr.tier=gold&limit=1'))).toEqual({
      'http.route': '/a',
      tier: 'gold',
    });
    expect(attributeParams(q('limit=1'))).toBeUndefined();
  });

  it('validates trace ids', () => {
    expect(traceIdParam('AB'.repeat(16), 'traceId')).toBe('ab'.repeat(16));
    expect(paramOf(() => traceIdParam('xyz', 'traceId'))).toBe('traceId');
  });

  it('rejects unknown parameters with a suggestion', () => {
    try {
      rejectUnknown(q('servce=a'), ['service', 'limit']);
      expect.unreachable();
    } catch (e) {
      expect((e as ParameterError).parameter).toBe('servce');
      expect((e as ParameterError).hint).toContain("'service'");
    }
  });
});
