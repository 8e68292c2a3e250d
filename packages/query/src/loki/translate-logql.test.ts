import { ParameterError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { parseUnifiedQuery } from '../model/parse-query.js';
import type { UnifiedQueryInput } from '../model/unified-query.js';
import { translateLogQL } from './translate-logql.js';

const L = (extra: Partial<UnifiedQueryInput>): UnifiedQueryInput => ({ signal: 'logs', ...extra });

const GOLDEN: [string, UnifiedQueryInput, string][] = [
  ['service only', L({ service: 'checkout' }), '{service_name="checkout"}'],
  ['no service anchors on any service', L({}), '{service_name=~".+"}'],
  [
    'text is a case-insensitive literal regex',
    L({ service: 'checkout', text: 'timeout' }),
    '{service_name="checkout"} |~ "(?i)timeout"',
  ],
  [
    'regex metacharacters in text are escaped',
    L({ service: 'api', text: 'GET /a.b?(x)' }),
    '{service_name="api"} |~ "(?i)GET /a\\\\.b\\\\?\\\\(x\\\\)"',
  ],
  [
    'severity error includes fatal and critical',
    L({ service: 'api', severity: 'error' }),
    '{service_name="api"} | detected_level=~"(?i)error|fatal|critical"',
  ],
  [
    'severity warn includes warning',
    L({ service: 'api', severity: 'warn' }),
    '{service_name="api"} | detected_level=~"(?i)warn|warning|error|fatal|critical"',
  ],
  [
    'filters become stream matchers with sanitised names',
    L({
      filters: [
        { key: 'k8s.namespace.name', op: '=', value: 'prod' },
        { key: 'env', op: '!=', value: 'dev' },
      ],
    }),
    '{k8s_namespace_name="prod", env!="dev"}',
  ],
  [
    'only negative filters still anchor on the service label',
    L({ filters: [{ key: 'env', op: '!=', value: 'dev' }] }),
    '{service_name=~".+", env!="dev"}',
  ],
  [
    'a match-all regex filter does not anchor',
    L({ filters: [{ key: 'env', op: '=~', value: '.*' }] }),
    '{service_name=~".+", env=~".*"}',
  ],
  [
    'trace id filter',
    L({ service: 'a', traceId: 'ABCDEF0123' }),
    '{service_name="a"} | trace_id="abcdef0123"',
  ],
  [
    'everything together',
    L({
      service: 'pay',
      text: 'card "declined"',
      severity: 'fatal',
      filters: [{ key: 'region', op: '=~', value: 'eu-.*' }],
    }),
    '{service_name="pay", region=~"eu-.*"} |~ "(?i)card \\"declined\\"" | detected_level=~"(?i)fatal|critical"',
  ],
  [
    'native LogQL passes through',
    L({ native: { language: 'logql', query: '{job="x"} |= "y"' } }),
    '{job="x"} |= "y"',
  ],
];

describe('translateLogQL golden cases', () => {
  for (const [name, input, logql] of GOLDEN) {
    it(name, () => {
      expect(translateLogQL(parseUnifiedQuery(input))).toBe(logql);
    });
  }

  it('uses configured service and level labels', () => {
    const q = parseUnifiedQuery(L({ service: 'a', severity: 'error' }));
    expect(translateLogQL(q, { serviceLabel: 'app', levelLabel: 'level' })).toBe(
      '{app="a"} | level=~"(?i)error|fatal|critical"',
    );
  });

  it('rejects native LogQL without a selector and with an open quote', () => {
    expect(() =>
      translateLogQL(parseUnifiedQuery(L({ native: { language: 'logql', query: '|= "x"' } }))),
    ).toThrow(ParameterError);
    expect(() =>
      translateLogQL(parseUnifiedQuery(L({ native: { language: 'logql', query: '{a="b} |= "x"' } }))),
    ).toThrow(/unterminated/);
  });

  it('rejects metrics queries', () => {
    expect(() => translateLogQL(parseUnifiedQuery({ signal: 'metrics', metric: 'up' }))).toThrow(
      /holds logs/,
    );
  });
});
