import { ParameterError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { parseUnifiedQuery } from '../model/parse-query.js';
import type { UnifiedQueryInput } from '../model/unified-query.js';
import { type PromCatalog, translatePromQL } from './translate-promql.js';
import { promqlErrorPosition } from './validate-promql.js';

const M = (extra: Partial<UnifiedQueryInput>): UnifiedQueryInput => ({ signal: 'metrics', ...extra });
const catalog = (...metrics: string[]): PromCatalog => ({ metrics: new Set(metrics) });

interface Golden {
  name: string;
  query: UnifiedQueryInput;
  catalog?: PromCatalog;
  stepMs?: number;
  serviceLabel?: string;
  promql: string;
  unit: string;
}

const GOLDEN: Golden[] = [
  {
    name: 'error rate from OTel semconv http.server.request.duration',
    query: M({ intent: { kind: 'error_rate' }, service: 'checkout' }),
    promql:
      'sum(rate(http_server_request_duration_seconds_count{job="checkout", http_response_status_code=~"5.."}[1m])) / sum(rate(http_server_request_duration_seconds_count{job="checkout"}[1m]))',
    unit: 'ratio',
  },
  {
    name: 'error rate from http_requests_total when only that exists',
    query: M({ intent: { kind: 'error_rate' }, service: 'api' }),
    catalog: catalog('http_requests_total', 'up'),
    promql:
      'sum(rate(http_requests_total{job="api", status=~"5.."}[1m])) / sum(rate(http_requests_total{job="api"}[1m]))',
    unit: 'ratio',
  },
  {
    name: 'error rate uses the code label when the metric has code but not status',
    query: M({ intent: { kind: 'error_rate' }, service: 'api' }),
    catalog: {
      metrics: new Set(['http_requests_total']),
      labels: new Map([['http_requests_total', new Set(['code', 'job'])]]),
    },
    promql:
      'sum(rate(http_requests_total{job="api", code=~"5.."}[1m])) / sum(rate(http_requests_total{job="api"}[1m]))',
    unit: 'ratio',
  },
  {
    name: 'error rate from span metrics uses status_code and service_name',
    query: M({ intent: { kind: 'error_rate' }, service: 'cart' }),
    catalog: catalog('traces_span_metrics_calls_total'),
    promql:
      'sum(rate(traces_span_metrics_calls_total{service_name="cart", status_code="STATUS_CODE_ERROR"}[1m])) / sum(rate(traces_span_metrics_calls_total{service_name="cart"}[1m]))',
    unit: 'ratio',
  },
  {
    name: 'error rate by service groups both sides',
    query: M({ intent: { kind: 'error_rate' }, groupBy: ['service'] }),
    stepMs: 300_000,
    promql:
      'sum by (job) (rate(http_server_request_duration_seconds_count{http_response_status_code=~"5.."}[5m])) / sum by (job) (rate(http_server_request_duration_seconds_count[5m]))',
    unit: 'ratio',
  },
  {
    name: 'p99 latency in ms from a seconds histogram',
    query: M({ intent: { kind: 'latency', stat: 99 }, service: 'checkout' }),
    promql:
      'histogram_quantile(0.99, sum by (le) (rate(http_server_request_duration_seconds_bucket{job="checkout"}[1m]))) * 1000',
    unit: 'ms',
  },
  {
    name: 'p50 latency from a millisecond histogram is not scaled',
    query: M({ intent: { kind: 'latency', stat: 50 }, service: 'web' }),
    catalog: catalog('http_server_duration_milliseconds_bucket'),
    promql:
      'histogram_quantile(0.5, sum by (le) (rate(http_server_duration_milliseconds_bucket{job="web"}[1m])))',
    unit: 'ms',
  },
  {
    name: 'p99.9 latency grouped by route',
    query: M({ intent: { kind: 'latency', stat: 99.9 }, groupBy: ['http.route'] }),
    catalog: catalog('http_request_duration_seconds_bucket'),
    promql:
      'histogram_quantile(0.999, sum by (le, http_route) (rate(http_request_duration_seconds_bucket[1m]))) * 1000',
    unit: 'ms',
  },
  {
    name: 'average latency divides sum by count',
    query: M({ intent: { kind: 'latency', stat: 'avg' }, service: 'checkout' }),
    promql:
      'sum(rate(http_server_request_duration_seconds_sum{job="checkout"}[1m])) / sum(rate(http_server_request_duration_seconds_count{job="checkout"}[1m])) * 1000',
    unit: 'ms',
  },
  {
    name: 'throughput rates the request counter',
    query: M({ intent: { kind: 'throughput' }, service: 'checkout' }),
    promql: 'sum(rate(http_server_request_duration_seconds_count{job="checkout"}[1m]))',
    unit: '1/s',
  },
  {
    name: 'throughput falls back to Prometheus own request counter',
    query: M({ intent: { kind: 'throughput' }, service: 'prometheus' }),
    catalog: catalog('prometheus_http_requests_total', 'up'),
    promql: 'sum(rate(prometheus_http_requests_total{job="prometheus"}[1m]))',
    unit: '1/s',
  },
  {
    name: 'cpu from process_cpu_seconds_total is a rate in cores',
    query: M({ intent: { kind: 'saturation', resource: 'cpu' }, service: 'checkout' }),
    promql: 'sum(rate(process_cpu_seconds_total{job="checkout"}[1m]))',
    unit: 'cores',
  },
  {
    name: 'cpu utilisation gauge is averaged',
    query: M({ intent: { kind: 'saturation', resource: 'cpu' } }),
    catalog: catalog('process_cpu_utilization'),
    promql: 'avg(process_cpu_utilization)',
    unit: 'ratio',
  },
  {
    name: 'memory sums resident bytes',
    query: M({
      intent: { kind: 'saturation', resource: 'memory' },
      service: 'checkout',
      groupBy: ['instance'],
    }),
    promql: 'sum by (instance) (process_resident_memory_bytes{job="checkout"})',
    unit: 'bytes',
  },
  {
    name: 'custom service label',
    query: M({ intent: { kind: 'throughput' }, service: 'checkout' }),
    serviceLabel: 'service_name',
    promql: 'sum(rate(http_server_request_duration_seconds_count{service_name="checkout"}[1m]))',
    unit: '1/s',
  },
  {
    name: 'explicit metric, no aggregation, with filters of every operator',
    query: M({
      metric: 'up',
      filters: [
        { key: 'instance', op: '=', value: 'a:9090' },
        { key: 'env', op: '!=', value: 'dev' },
        { key: 'k8s.pod.name', op: '=~', value: 'api-.*' },
        { key: 'zone', op: '!~', value: 'us-.*' },
      ],
    }),
    promql: 'up{instance="a:9090", env!="dev", k8s_pod_name=~"api-.*", zone!~"us-.*"}',
    unit: '',
  },
  {
    name: 'explicit metric with rate',
    query: M({ metric: 'http_requests_total', aggregation: 'rate', service: 'api' }),
    stepMs: 15_000,
    promql: 'rate(http_requests_total{job="api"}[1m])',
    unit: '1/s',
  },
  {
    name: 'explicit metric with rate grouped',
    query: M({ metric: 'http_requests_total', aggregation: 'rate', groupBy: ['code'] }),
    stepMs: 120_000,
    promql: 'sum by (code) (rate(http_requests_total[2m]))',
    unit: '1/s',
  },
  {
    name: 'explicit histogram percentile',
    query: M({ metric: 'rpc_duration_seconds', aggregation: 'p95' }),
    promql: 'histogram_quantile(0.95, sum by (le) (rate(rpc_duration_seconds_bucket[1m])))',
    unit: 's',
  },
  {
    name: 'explicit max by service',
    query: M({ metric: 'queue_depth', aggregation: 'max', groupBy: ['service'] }),
    promql: 'max by (job) (queue_depth)',
    unit: '',
  },
  {
    name: 'grouping without aggregation sums',
    query: M({ metric: 'process_resident_memory_bytes', groupBy: ['instance'] }),
    promql: 'sum by (instance) (process_resident_memory_bytes)',
    unit: 'bytes',
  },
  {
    name: 'label values with quotes and backslashes are escaped',
    query: M({ metric: 'up', filters: [{ key: 'path', op: '=', value: 'C:\\x "y"' }] }),
    promql: 'up{path="C:\\\\x \\"y\\""}',
    unit: '',
  },
  {
    name: 'metric wins over intent',
    query: M({ metric: 'up', intent: { kind: 'throughput' } }),
    promql: 'up',
    unit: '',
  },
  {
    name: 'native PromQL passes through',
    query: M({ native: { language: 'promql', query: 'sum(up)' } }),
    promql: 'sum(up)',
    unit: '',
  },
];

describe('translatePromQL golden cases', () => {
  for (const g of GOLDEN) {
    it(g.name, () => {
      const out = translatePromQL(parseUnifiedQuery(g.query), {
        stepMs: g.stepMs ?? 60_000,
        catalog: g.catalog,
        serviceLabel: g.serviceLabel,
      });
      expect(out.promql).toBe(g.promql);
      expect(out.unit).toBe(g.unit);
      expect(promqlErrorPosition(out.promql)).toBeNull();
    });
  }
});

describe('translatePromQL rejections', () => {
  it('names the metrics it looked for when none exists', () => {
    const q = parseUnifiedQuery(M({ intent: { kind: 'latency', stat: 99 } }));
    expect(() => translatePromQL(q, { stepMs: 60_000, catalog: catalog('up') })).toThrow(
      /no metric for latency.*/,
    );
    try {
      translatePromQL(q, { stepMs: 60_000, catalog: catalog('up') });
    } catch (e) {
      expect((e as ParameterError).hint).toContain('http_server_request_duration_seconds_bucket');
    }
  });

  it('rejects invalid native PromQL before it is sent', () => {
    const q = parseUnifiedQuery(M({ native: { language: 'promql', query: 'sum(rate(up[5m])' } }));
    expect(() => translatePromQL(q, { stepMs: 60_000 })).toThrow(ParameterError);
  });

  it('rejects a native query in another language', () => {
    const q = parseUnifiedQuery(M({ native: { language: 'logql', query: '{a="b"}' } }));
    expect(() => translatePromQL(q, { stepMs: 60_000 })).toThrow(/runs promql/);
  });

  it('rejects logs and traces', () => {
    expect(() => translatePromQL(parseUnifiedQuery({ signal: 'logs' }), { stepMs: 60_000 })).toThrow(
      /holds metrics/,
    );
  });

  it('rejects a metrics query with neither metric nor intent', () => {
    expect(() => translatePromQL(parseUnifiedQuery(M({})), { stepMs: 60_000 })).toThrow(
      /metric name or an intent/,
    );
  });

  it('rejects metric names that would inject PromQL', () => {
    const q = parseUnifiedQuery(M({ metric: 'up) or vector(1' }));
    expect(() => translatePromQL(q, { stepMs: 60_000 })).toThrow(/not a valid Prometheus metric name/);
  });
});
