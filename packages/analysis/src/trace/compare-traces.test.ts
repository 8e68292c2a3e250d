import { SpanKind, StatusCode } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import type { AnalysisSpan } from './analysis-span.js';
import { compareSpans, compareTraces, splitTraces } from './compare-traces.js';

const MS = 1_000_000n;
const REGIONS = ['us-east', 'eu-west', 'ap-south'];
const CUSTOMER_TIERS = ['free', 'pro'];

/** Deterministic pseudo-random in [0, 1). */
function lcg(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

/**
 * 300 traces of a checkout: a root and a db query. Traces in region eu-west
 * have a slow query (400 ms instead of 40 ms); everything else is noise.
 */
function syntheticTraces(): AnalysisSpan[][] {
  const random = lcg(7);
  return Array.from({ length: 300 }, (_, t) => {
    const region = REGIONS[t % 3]!;
    const dbMs = region === 'eu-west' ? 400n : 40n + BigInt(Math.floor(random() * 20));
    const traceId = `trace-${t}`;
    const base = {
      traceId,
      kind: SpanKind.SERVER,
      status: { code: StatusCode.UNSET, message: '' },
    };
    return [
      {
        ...base,
        spanId: `${t}-root`,
        parentSpanId: '',
        name: 'POST /checkout',
        service: 'web',
        startTimeUnixNano: 0n,
        endTimeUnixNano: (dbMs + 10n) * MS,
        attributes: {
          'customer.id': `cust-${t}`,
          'customer.tier': CUSTOMER_TIERS[Math.floor(random() * 2)]!,
          'http.method': 'POST',
        },
        resourceAttributes: { 'cloud.region': region, 'host.name': `host-${t}` },
      },
      {
        ...base,
        spanId: `${t}-db`,
        parentSpanId: `${t}-root`,
        name: 'SELECT cart',
        service: 'db',
        kind: SpanKind.CLIENT,
        startTimeUnixNano: 5n * MS,
        endTimeUnixNano: (dbMs + 5n) * MS,
        attributes: { 'db.system': 'postgres', 'db.rows': BigInt(Math.floor(random() * 1000)) },
      },
    ];
  });
}

/** End of the latest span (the traces all start at 0). */
function durationOf(trace: readonly AnalysisSpan[]): bigint {
  let last = 0n;
  for (const s of trace) if (s.endTimeUnixNano > last) last = s.endTimeUnixNano;
  return last;
}

describe('compareTraces', () => {
  const { selection, baseline } = splitTraces(syntheticTraces(), (trace) => durationOf(trace) > 200n * MS);

  it('ranks the attribute value that causes slowness first', () => {
    const ranked = compareTraces(selection, baseline);
    expect(selection).toHaveLength(100);
    expect(ranked[0]).toEqual({
      key: 'resource.cloud.region',
      value: 'eu-west',
      selectionShare: 1,
      baselineShare: 0,
      selectionCount: 100,
      baselineCount: 0,
      lift: 201,
      score: 1,
    });
  });

  it('ignores high-cardinality keys such as ids and counters by their cardinality', () => {
    const keys = new Set(compareTraces(selection, baseline, { minSelectionShare: 0 }).map((r) => r.key));
    expect(keys.has('customer.id')).toBe(false);
    expect(keys.has('resource.host.name')).toBe(false);
    expect(keys.has('db.rows')).toBe(false);
  });

  it('does not report values equally common on both sides', () => {
    const ranked = compareTraces(selection, baseline);
    expect(ranked.find((r) => r.key === 'db.system')).toBeUndefined();
    expect(ranked.find((r) => r.key === 'service.name')).toBeUndefined();
    for (const r of ranked) expect(r.score).toBeGreaterThan(0);
  });

  it('respects the limit and the ignore list', () => {
    const ranked = compareTraces(selection, baseline, { limit: 1, ignoreKeys: ['resource.cloud.region'] });
    expect(ranked.length).toBeLessThanOrEqual(1);
    expect(ranked.find((r) => r.key === 'resource.cloud.region')).toBeUndefined();
  });

  it('returns nothing for an empty selection', () => {
    expect(compareTraces([], baseline)).toEqual([]);
  });
});

describe('compareSpans', () => {
  it('compares failed spans with the others by a predicate', () => {
    const spans = syntheticTraces()
      .flat()
      .map((s) =>
        s.name === 'SELECT cart' && s.endTimeUnixNano > 300n * MS
          ? { ...s, status: { code: StatusCode.ERROR, message: 'timeout' } }
          : s,
      );
    const ranked = compareSpans(spans, (s) => s.status.code === StatusCode.ERROR);
    expect(`${ranked[0]!.key}=${ranked[0]!.value}`).toBe('status.code=error');
    const next = ranked.slice(1, 5).map((r) => `${r.key}=${r.value}`);
    expect(next).toEqual(expect.arrayContaining(['span.name=SELECT cart', 'service.name=db']));
    expect(ranked.map((r) => r.value)).not.toContain('POST /checkout');
    expect(ranked.find((r) => r.key === 'status.code')).toMatchObject({
      selectionShare: 1,
      baselineShare: 0,
    });
  });
});
