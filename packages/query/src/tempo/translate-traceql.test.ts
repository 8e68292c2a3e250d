import { describe, expect, it } from 'vitest';
import { parseUnifiedQuery } from '../model/parse-query.js';
import type { UnifiedQueryInput } from '../model/unified-query.js';
import { translateTraceQL } from './translate-traceql.js';

const T = (extra: Partial<UnifiedQueryInput>): UnifiedQueryInput => ({ signal: 'traces', ...extra });

const GOLDEN: [string, UnifiedQueryInput, string][] = [
  ['no conditions', T({}), '{}'],
  ['service', T({ service: 'checkout' }), '{ resource.service.name = "checkout" }'],
  [
    'errors of a service',
    T({ service: 'checkout', status: 'error' }),
    '{ resource.service.name = "checkout" && status = error }',
  ],
  ['ok traces', T({ status: 'ok' }), '{ status != error }'],
  [
    'slow traces use trace duration',
    T({ service: 'api', minDurationMs: 500 }),
    '{ resource.service.name = "api" && traceDuration >= 500ms }',
  ],
  [
    'whole seconds',
    T({ minDurationMs: 2000, maxDurationMs: 10_000 }),
    '{ traceDuration >= 2s && traceDuration <= 10s }',
  ],
  ['fractional ms become microseconds', T({ minDurationMs: 1.5 }), '{ traceDuration >= 1500us }'],
  ['operation', T({ operation: 'GET /cart' }), '{ name = "GET /cart" }'],
  [
    'unscoped, span- and resource-scoped filters with every operator',
    T({
      filters: [
        { key: 'http.route', op: '=', value: '/cart' },
        { key: 'span.http.response.status_code', op: '!=', value: '200' },
        { key: 'resource.k8s.namespace.name', op: '=~', value: 'prod-.*' },
        { key: 'db.system', op: '!~', value: 'redis|memcached' },
      ],
    }),
    '{ .http.route = "/cart" && span.http.response.status_code != "200" && resource.k8s.namespace.name =~ "prod-.*" && .db.system !~ "redis|memcached" }',
  ],
  [
    'odd attribute names are quoted',
    T({ filters: [{ key: 'my key', op: '=', value: 'x' }] }),
    '{ ."my key" = "x" }',
  ],
  ['values are escaped', T({ service: 'a"b' }), '{ resource.service.name = "a\\"b" }'],
  [
    'native TraceQL passes through',
    T({ native: { language: 'traceql', query: '{ duration > 1s } | count() > 2' } }),
    '{ duration > 1s } | count() > 2',
  ],
];

describe('translateTraceQL golden cases', () => {
  for (const [name, input, traceql] of GOLDEN) {
    it(name, () => {
      expect(translateTraceQL(parseUnifiedQuery(input))).toBe(traceql);
    });
  }
  it('rejects logs and non-spanset native queries', () => {
    expect(() => translateTraceQL(parseUnifiedQuery({ signal: 'logs' }))).toThrow(/holds traces/);
    expect(() =>
      translateTraceQL(parseUnifiedQuery(T({ native: { language: 'traceql', query: 'duration > 1s' } }))),
    ).toThrow(/starts with a spanset/);
  });
});
