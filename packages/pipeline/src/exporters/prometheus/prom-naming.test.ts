import { describe, expect, it } from 'vitest';
import { promLabelName, promLabelValue, promMetricName, unitTokens } from './prom-naming.js';

describe('Prometheus naming', () => {
  it.each([
    ['http.server.request.duration', 's', 'histogram', 'http_server_request_duration_seconds'],
    ['http.server.active_requests', '{request}', 'gauge', 'http_server_active_requests'],
    ['process.cpu.time', 's', 'counter', 'process_cpu_time_seconds_total'],
    ['requests.total.count', '1', 'counter', 'requests_count_total'],
    ['system.memory.utilization', '1', 'gauge', 'system_memory_utilization_ratio'],
    ['network.io', 'By', 'counter', 'network_io_bytes_total'],
    ['throughput', 'By/s', 'gauge', 'throughput_bytes_per_second'],
    ['queue.size.bytes', 'By', 'gauge', 'queue_size_bytes'],
    ['2xx-responses', '', 'counter', '_2xx_responses_total'],
    ['a..b__c', 'ms', 'gauge', 'a_b_c_milliseconds'],
    ['ns:metric', '', 'gauge', 'ns:metric'],
  ] as const)('%s [%s] as a %s is %s', (name, unit, kind, want) => {
    expect(promMetricName(name, unit, kind)).toBe(want);
  });

  it('drops curly-brace annotations from units and keeps unknown units as words', () => {
    expect(unitTokens('{packets}/s')).toEqual(['per', 'second']);
    expect(unitTokens('widgets')).toEqual(['widgets']);
    expect(unitTokens('1')).toEqual([]);
  });

  it('sanitizes label names and prefixes a leading digit', () => {
    expect(promLabelName('http.request.method')).toBe('http_request_method');
    expect(promLabelName('k8s-pod/name')).toBe('k8s_pod_name');
    expect(promLabelName('0day')).toBe('key_0day');
    expect(promLabelName('__meta')).toBe('__meta');
  });

  it('renders attribute values as label text', () => {
    expect(promLabelValue(5n)).toBe('5');
    expect(promLabelValue(1.5)).toBe('1.5');
    expect(promLabelValue(true)).toBe('true');
    expect(promLabelValue(['a', 1n])).toBe('["a",1]');
    expect(promLabelValue({ k: 'v' })).toBe('{"k":"v"}');
  });
});
