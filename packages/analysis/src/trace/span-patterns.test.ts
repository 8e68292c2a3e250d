import { SpanKind, StatusCode } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import type { AnalysisSpan } from './analysis-span.js';
import { detectPatterns } from './span-patterns.js';
import { buildSpanTree } from './span-tree.js';

const MS = 1_000_000n;

function span(
  id: string,
  parent: string,
  startMs: number,
  endMs: number,
  name = id,
  service = 'api',
): AnalysisSpan {
  return {
    traceId: 't',
    spanId: id,
    parentSpanId: parent,
    name,
    service,
    kind: SpanKind.INTERNAL,
    startTimeUnixNano: BigInt(startMs) * MS,
    endTimeUnixNano: BigInt(endMs) * MS,
    status: { code: StatusCode.UNSET, message: '' },
    attributes: {},
  };
}

/** `count` children of `root` named by `nameOf`, each 4 ms long, `gap` ms apart (negative gap = overlap). */
function children(
  count: number,
  nameOf: (i: number) => string,
  step: number,
  service = 'db',
): AnalysisSpan[] {
  return Array.from({ length: count }, (_, i) =>
    span(`c${i}`, 'root', 1 + i * step, 1 + i * step + 4, nameOf(i), service),
  );
}

describe('detectPatterns', () => {
  it('reports sequential similar queries under one parent as N+1', () => {
    const spans = [span('root', '', 0, 100), ...children(8, (i) => `SELECT item ${i + 100}`, 5)];
    const patterns = detectPatterns(buildSpanTree(spans));
    expect(patterns).toHaveLength(1);
    expect(patterns[0]).toMatchObject({
      kind: 'n_plus_one',
      parentSpanId: 'root',
      service: 'db',
      name: 'SELECT item 100',
      count: 8,
      totalNs: 32_000_000,
      wallNs: 32_000_000,
      maxConcurrency: 1,
    });
    expect(patterns[0]!.spanIds).toHaveLength(8);
  });

  it('ignores fewer repetitions than the threshold', () => {
    const spans = [span('root', '', 0, 100), ...children(4, () => 'SELECT item', 5)];
    expect(detectPatterns(buildSpanTree(spans))).toEqual([]);
    expect(detectPatterns(buildSpanTree(spans), { nPlusOneMinCount: 4 })).toHaveLength(1);
  });

  it('does not group differently named children into an N+1', () => {
    const spans = [span('root', '', 0, 100), ...children(8, (i) => ['SELECT a', 'UPDATE b'][i % 2]!, 5)];
    expect(detectPatterns(buildSpanTree(spans))).toEqual([]);
  });

  it('reports many similar children in flight at once as a fan-out', () => {
    const spans = [span('root', '', 0, 100), ...children(12, () => 'GET /shard', 0, 'search')];
    const [pattern] = detectPatterns(buildSpanTree(spans));
    expect(pattern).toMatchObject({
      kind: 'fan_out',
      count: 12,
      maxConcurrency: 12,
      wallNs: 4_000_000,
      name: 'GET /shard',
    });
  });

  it('reports a wide fan-out over differently named calls as a mixed fan-out', () => {
    const spans = [
      span('root', '', 0, 100),
      ...children(10, (i) => `call-${String.fromCharCode(97 + i)}`, 0, 'x'),
    ];
    const patterns = detectPatterns(buildSpanTree(spans));
    expect(patterns).toMatchObject([
      { kind: 'fan_out', service: '*', name: '*', count: 10, maxConcurrency: 10 },
    ]);
  });
});
