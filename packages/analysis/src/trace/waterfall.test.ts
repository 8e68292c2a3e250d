import { SpanKind, StatusCode } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import type { AnalysisSpan } from './analysis-span.js';
import { analyzeTrace } from './analyze-trace.js';
import { generateSyntheticTrace } from './synthetic-trace.js';
import { renderWaterfall } from './waterfall.js';

const MS = 1_000_000n;

function span(
  id: string,
  parent: string,
  startMs: number,
  endMs: number,
  extra: Partial<AnalysisSpan> = {},
): AnalysisSpan {
  return {
    traceId: 'abc123',
    spanId: id,
    parentSpanId: parent,
    name: id,
    service: 'frontend',
    kind: SpanKind.INTERNAL,
    startTimeUnixNano: BigInt(startMs) * MS,
    endTimeUnixNano: BigInt(endMs) * MS,
    status: { code: StatusCode.UNSET, message: '' },
    attributes: {},
    ...extra,
  };
}

const checkout = [
  span('GET /checkout', '', 0, 200),
  span('auth', 'GET /checkout', 5, 20, { service: 'auth' }),
  span('charge card', 'GET /checkout', 20, 190, {
    service: 'payments',
    status: { code: StatusCode.ERROR, message: 'card declined' },
  }),
  span('SELECT card', 'charge card', 30, 180, { service: 'postgres' }),
  span('cache lookup', 'GET /checkout', 25, 40, { service: 'cache' }),
];

function render(spans: AnalysisSpan[], opts = {}): string[] {
  return renderWaterfall(spans, analyzeTrace(spans), opts).trimEnd().split('\n');
}

const rowOf = (lines: string[], name: string): string => lines.find((l) => l.includes(` ${name} `)) ?? '';

describe('renderWaterfall', () => {
  it('starts with a summary naming duration, bottleneck and error origin', () => {
    const lines = render(checkout);
    expect(lines[0]).toBe('trace abc123 · 5 spans · 5 services · 200 ms');
    expect(lines[1]).toContain(
      'bottleneck ◆ postgres "SELECT card" 75.0% of the critical path (150 ms self)',
    );
    expect(lines[2]).toContain(
      'error origin ✗ payments "charge card": card declined (1 level below its root',
    );
  });

  it('prints one row per span with service, indented operation, bar, duration and path share', () => {
    const lines = render(checkout, { width: 100 });
    const root = rowOf(lines, 'GET /checkout');
    const db = rowOf(lines, 'SELECT card');
    expect(root.startsWith('frontend')).toBe(true);
    expect(root).toMatch(/\|█+\| +200 ms +7\.5%$/);
    expect(db.startsWith('postgres')).toBe(true);
    expect(db).toContain('◆');
    expect(db).toMatch(/ {4}SELECT card/);
    expect(db).toMatch(/150 ms +75\.0%$/);
    expect(rowOf(lines, 'auth')).toMatch(/15\.0 ms +7\.5%$/);
    // The cache lookup ran in parallel with the payment, off the critical path: no path share.
    expect(rowOf(lines, 'cache lookup')).toMatch(/15\.0 ms *$/);
    expect(rowOf(lines, 'charge card')).toContain('●✗');
  });

  it('keeps every line within the requested width', () => {
    for (const width of [60, 80, 140]) {
      const lines = render(checkout, { width });
      const rows = lines.filter((l) => l.includes('|'));
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.length).toBeLessThanOrEqual(width);
    }
  });

  it('draws bars proportional to the span position in the trace', () => {
    const lines = render(checkout, { width: 124 });
    const bar = (name: string) => /\|([^|]*)\|/.exec(rowOf(lines, name))?.[1] ?? '';
    const full = bar('GET /checkout');
    const db = bar('SELECT card');
    expect(full.trim().length).toBe(full.length);
    expect(db.length).toBe(full.length);
    const first = db.indexOf('█');
    expect(first / db.length).toBeCloseTo(30 / 200, 1);
    expect(db.lastIndexOf('█') / db.length).toBeCloseTo(180 / 200, 1);
  });

  it('collapses runs of similar siblings into one summary row', () => {
    const queries = Array.from({ length: 20 }, (_, i) =>
      span(`q${i}`, 'root', 10 + i * 5, 14 + i * 5, { name: `SELECT item ${i}`, service: 'db' }),
    );
    const lines = render([span('root', '', 0, 120), ...queries]);
    expect(
      lines.filter((l) => l.includes('|') && l.includes('SELECT item')).map((l) => l.slice(0, 60).trim()),
    ).toEqual([expect.stringContaining('SELECT item 0'), expect.stringContaining('…×19 more SELECT item 1')]);
    expect(lines.join('\n')).toContain('pattern N+1: 20× db "SELECT item 0" under frontend "root"');
    expect(rowOf(lines, 'more')).toContain('Σ76.0 ms');
  });

  it('renders every sibling when collapsing is off', () => {
    const queries = Array.from({ length: 6 }, (_, i) =>
      span(`q${i}`, 'root', i * 5, i * 5 + 4, { name: 'SELECT' }),
    );
    const lines = render([span('root', '', 0, 40), ...queries], { collapseRepeats: 0 });
    expect(lines.filter((l) => l.includes('|') && l.includes('SELECT')).length).toBe(6);
  });

  it('caps huge traces with a "more spans" line and keeps the bottleneck visible', () => {
    const spans = generateSyntheticTrace({ spanCount: 2_000, seed: 7 });
    const analysis = analyzeTrace(spans);
    const lines = renderWaterfall(spans, analysis, { maxLines: 40 }).trimEnd().split('\n');
    const rows = lines.filter((l) => / \|.*\| /.test(l));
    expect(rows.length).toBeLessThanOrEqual(40);
    const last = lines[lines.length - 1]!;
    expect(last).toMatch(/^… \d+ more spans$/);
    expect(rows.some((r) => r.includes('◆'))).toBe(true);
    const hidden = Number(/… (\d+) more/.exec(last)?.[1]);
    expect(hidden).toBeGreaterThan(1_000);
    expect(hidden).toBeLessThan(2_000);
  });

  it('uses only ASCII when asked', () => {
    const queries = Array.from({ length: 8 }, (_, i) =>
      span(`q${i}`, 'SELECT card', 40 + i * 10, 45 + i * 10, {
        name: `SELECT row ${i}`,
        service: 'postgres',
      }),
    );
    const spans = [...checkout, ...queries];
    const text = renderWaterfall(spans, analyzeTrace(spans), { ascii: true, width: 120 });
    expect(text).toContain('...x7 more SELECT row 1');
    expect(text).toContain('pattern N+1: 8x postgres');
    expect(/[^\x20-\x7e\n]/.test(text)).toBe(false);
    expect(text).toContain('B');
    expect(text).toContain('#');
  });

  it('renders a header only for an empty trace', () => {
    expect(renderWaterfall([], analyzeTrace([]))).toContain('0 spans');
  });
});

describe('renderWaterfall notes', () => {
  it('reports orphans and clock-skew corrections in the summary', () => {
    const spans = [
      span('root', '', 0, 100, { kind: SpanKind.CLIENT }),
      span('remote', 'root', -30, 50, { service: 'api', kind: SpanKind.SERVER }),
      span('stray', 'missing', 110, 120, { service: 'worker' }),
    ];
    const text = renderWaterfall(spans, analyzeTrace(spans));
    expect(text).toContain('orphans: 1 span with missing parents shown as roots');
    expect(text).toContain('clock skew corrected: api +40.0 ms (1 span)');
  });
});
