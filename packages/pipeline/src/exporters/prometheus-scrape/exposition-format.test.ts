import { describe, expect, it } from 'vitest';
import {
  escapeHelp,
  escapeLabelValue,
  formatValue,
  renderExposition,
  seriesPrefix,
} from './exposition-format.js';

describe('Prometheus text exposition format', () => {
  it('escapes backslash, double quote and line feed in label values', () => {
    expect(escapeLabelValue('C:\\dir "x"\nnext')).toBe('C:\\\\dir \\"x\\"\\nnext');
  });

  it('escapes backslash and line feed in HELP text but keeps quotes', () => {
    expect(escapeHelp('a "b" \\ c\nd')).toBe('a "b" \\\\ c\\nd');
  });

  it('formats infinities and NaN the way Prometheus parses them', () => {
    expect(
      [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, 0.25, 12, -3].map(formatValue),
    ).toEqual(['+Inf', '-Inf', 'NaN', '0.25', '12', '-3']);
  });

  it('puts the metric name first and the other labels in braces in their given order', () => {
    const prefix = seriesPrefix([
      { name: '__name__', value: 'http_requests_total' },
      { name: 'job', value: 'shop/checkout' },
      { name: 'path', value: '/a"b' },
    ]);
    expect(prefix).toBe('http_requests_total{job="shop/checkout",path="/a\\"b"} ');
    expect(seriesPrefix([{ name: '__name__', value: 'up' }])).toBe('up ');
  });

  it('renders HELP (when there is a description) and TYPE before each family of series', () => {
    const text = renderExposition([
      {
        name: 'queue_depth',
        type: 'gauge',
        help: 'Items waiting\nin the queue',
        series: [
          { prefix: 'queue_depth{q="a"} ', value: 3 },
          { prefix: 'queue_depth{q="b"} ', value: 4.5 },
        ],
      },
      { name: 'jobs_total', type: 'counter', help: '', series: [{ prefix: 'jobs_total ', value: 12 }] },
    ]);
    expect(text).toBe(
      [
        '# HELP queue_depth Items waiting\\nin the queue',
        '# TYPE queue_depth gauge',
        'queue_depth{q="a"} 3',
        'queue_depth{q="b"} 4.5',
        '# TYPE jobs_total counter',
        'jobs_total 12',
        '',
      ].join('\n'),
    );
  });
});
