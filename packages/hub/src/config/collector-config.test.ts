import { describe, expect, it } from 'vitest';
import { toCollectorConfig } from './collector-config.js';
import { hubConfigSchema } from './hub-config.js';

/** The parts of a Collector config these tests read. */
interface CollectorView {
  receivers: { otlp: { protocols: { grpc: { endpoint: string } } } };
  processors: { tail_sampling: { decision_wait: string; policies: unknown[] } };
  exporters: Record<string, unknown>;
  connectors: Record<string, { table: { statement: string }[] }>;
  service: {
    extensions?: string[];
    pipelines: Record<string, { receivers: string[]; processors: string[]; exporters: string[] }>;
  };
}

function view(hub: ReturnType<typeof hubConfigSchema.parse>): CollectorView {
  return toCollectorConfig(hub).config as unknown as CollectorView;
}

const minimal = hubConfigSchema.parse({
  exporters: {
    prom: { type: 'prometheus_remote_write', endpoint: 'http://127.0.0.1:9090/api/v1/write' },
    upstream: { type: 'otlp_http', endpoint: 'http://127.0.0.1:4999', encoding: 'json', durable: true },
  },
  routes: [
    { signals: ['metrics'], exporters: ['prom'] },
    { signals: ['traces', 'logs'], exporters: ['upstream'] },
  ],
});

describe('toCollectorConfig', () => {
  it('translates the minimal routing config into pipelines per signal with a persistent queue', () => {
    const { unsupported } = toCollectorConfig(minimal);
    const c = view(minimal);
    expect(c.service.pipelines.metrics?.exporters).toEqual(['prometheusremotewrite/prom']);
    expect(c.service.pipelines.traces?.exporters).toEqual(['otlphttp/upstream']);
    expect(c.service.pipelines.logs?.processors).toEqual(['memory_limiter', 'batch']);
    expect(c.exporters['otlphttp/upstream']).toMatchObject({
      endpoint: 'http://127.0.0.1:4999',
      encoding: 'json',
      sending_queue: { enabled: true, storage: 'file_storage/queues' },
    });
    expect(c.service.extensions).toEqual(['file_storage/queues']);
    expect(c.receivers.otlp.protocols.grpc.endpoint).toBe('127.0.0.1:4317');
    expect(unsupported.join('\n')).toContain('DuckDB');
  });

  it('uses a routing connector for routes that match on service', () => {
    const hub = hubConfigSchema.parse({
      exporters: {
        a: { type: 'otlp_grpc', endpoint: 'http://a:4317' },
        b: { type: 'otlp_grpc', endpoint: 'http://b:4317' },
      },
      routes: [
        { signals: ['traces'], services: ['checkout-*'], exporters: ['a'] },
        { signals: ['traces'], exporters: ['b'] },
      ],
    });
    const c = view(hub);
    expect(c.connectors['routing/traces']?.table[0]?.statement).toBe(
      'route() where IsMatch(resource.attributes["service.name"], "^checkout-.*$")',
    );
    expect(c.service.pipelines['traces/a']).toEqual({ receivers: ['routing/traces'], exporters: ['otlp/a'] });
    expect(c.service.pipelines.traces?.exporters).toEqual(['otlp/b', 'routing/traces']);
  });

  it('translates tail sampling policies into the tail_sampling processor of the traces pipeline', () => {
    const hub = hubConfigSchema.parse({
      exporters: { a: { type: 'otlp_grpc', endpoint: 'http://a:4317' } },
      routes: [{ exporters: ['a'] }],
      processors: {
        tailSampling: {
          enabled: true,
          decisionWaitMs: 5000,
          policies: [
            { type: 'errors' },
            { type: 'latency', thresholdMs: 800 },
            { type: 'probabilistic', ratio: 0.1 },
          ],
        },
      },
    });
    const c = view(hub);
    expect(c.processors.tail_sampling.decision_wait).toBe('5s');
    expect(c.processors.tail_sampling.policies).toEqual([
      { name: 'errors-0', type: 'status_code', status_code: { status_codes: ['ERROR'] } },
      { name: 'latency-1', type: 'latency', latency: { threshold_ms: 800 } },
      { name: 'probabilistic-2', type: 'probabilistic', probabilistic: { sampling_percentage: 10 } },
    ]);
    expect(c.service.pipelines.traces?.processors).toEqual(['memory_limiter', 'tail_sampling', 'batch']);
    expect(c.service.pipelines.logs?.processors).toEqual(['memory_limiter', 'batch']);
  });

  it('keeps a valid config with a debug exporter when the hub only stores', () => {
    const c = view(hubConfigSchema.parse({}));
    expect(Object.keys(c.service.pipelines)).toEqual(['traces', 'metrics', 'logs']);
    expect(c.service.pipelines.traces?.exporters).toEqual(['debug']);
  });

  it('translates azure_monitor to azuremonitor and cloudwatch_emf to awsemf', () => {
    const config = hubConfigSchema.parse({
      exporters: {
        ai: { type: 'azure_monitor' },
        cw: {
          type: 'cloudwatch_emf',
          region: 'eu-west-1',
          logGroup: '/m',
          logStream: 's',
          namespace: 'Shop',
        },
      },
      routes: [{ exporters: ['ai'] }, { signals: ['metrics'], exporters: ['cw'] }],
      routeMode: 'all',
    });
    const c = view(config);
    expect(c.exporters['azuremonitor/ai']).toMatchObject({
      connection_string: '${env:APPLICATIONINSIGHTS_CONNECTION_STRING}',
    });
    expect(c.exporters['awsemf/cw']).toEqual({
      region: 'eu-west-1',
      log_group_name: '/m',
      log_stream_name: 's',
      namespace: 'Shop',
      dimension_rollup_option: 'NoDimensionRollup',
      resource_to_telemetry_conversion: { enabled: true },
      metric_declarations: [{ dimensions: [['service.name']], metric_name_selectors: ['.*'] }],
    });
  });

  it('translates vendor exporters: headers with ${env:} secrets, AWS per signal with sigv4auth, Basic via basicauth', () => {
    const hub = hubConfigSchema.parse({
      exporters: {
        dd: { type: 'datadog', settings: { DD_API_KEY: 'k', DD_SITE: 'datadoghq.eu' } },
        aws: { type: 'aws', settings: { AWS_REGION: 'eu-west-1', AWS_LOG_GROUP: 'g' } },
        graf: {
          type: 'grafana-cloud',
          settings: {
            GRAFANA_CLOUD_OTLP_ENDPOINT: 'https://otlp.example/otlp',
            GRAFANA_CLOUD_INSTANCE_ID: '42',
            GRAFANA_CLOUD_API_KEY: 'x',
          },
        },
        j: { type: 'jaeger' },
      },
      routes: [{ exporters: ['dd', 'aws', 'graf', 'j'] }],
    });
    const { config, unsupported } = toCollectorConfig(hub);
    const c = config as unknown as CollectorView & { extensions: Record<string, unknown> };
    expect(c.exporters['otlphttp/dd']).toMatchObject({
      traces_endpoint: 'https://otlp.datadoghq.eu/v1/traces',
      metrics_endpoint: 'https://otlp.datadoghq.eu/v1/metrics',
      headers: { 'dd-protocol': 'otlp', 'dd-api-key': '${env:DD_API_KEY}' },
    });
    expect(c.exporters['otlphttp/aws-traces']).toMatchObject({
      traces_endpoint: 'https://xray.eu-west-1.amazonaws.com/v1/traces',
      auth: { authenticator: 'sigv4auth/aws-xray' },
    });
    expect(c.exporters['otlphttp/aws-logs']).toMatchObject({
      logs_endpoint: 'https://logs.eu-west-1.amazonaws.com/v1/logs',
      headers: { 'x-aws-log-group': 'g', 'x-aws-log-stream': 'default' },
    });
    expect(c.extensions['sigv4auth/aws-monitoring']).toEqual({ region: 'eu-west-1', service: 'monitoring' });
    expect(c.extensions['basicauth/graf']).toEqual({
      client_auth: { username: '42', password: '${env:GRAFANA_CLOUD_API_KEY}' },
    });
    expect(c.service.extensions).toEqual(expect.arrayContaining(['sigv4auth/aws-xray', 'basicauth/graf']));
    expect(c.service.pipelines.traces?.exporters).toEqual([
      'otlphttp/dd',
      'otlphttp/aws-traces',
      'otlphttp/graf',
      'otlphttp/j',
    ]);
    // Jaeger takes traces only.
    expect(c.service.pipelines.metrics?.exporters).toEqual([
      'otlphttp/dd',
      'otlphttp/aws-metrics',
      'otlphttp/graf',
    ]);
    expect(unsupported.join('\n')).toContain('exporters.dd (datadog) needs delta metrics');
  });

  it('translates the cumulative_to_delta transform into the cumulativetodelta processor', () => {
    const hub = hubConfigSchema.parse({
      processors: { transforms: [{ type: 'cumulative_to_delta' }] },
      exporters: { up: { type: 'otlp_http', endpoint: 'http://127.0.0.1:4999' } },
      routes: [{ exporters: ['up'] }],
    });
    const c = toCollectorConfig(hub).config as unknown as CollectorView & {
      processors: Record<string, unknown>;
    };
    expect(c.processors['cumulativetodelta/0']).toEqual({ initial_value: 'drop' });
    expect(c.service.pipelines.metrics?.processors).toEqual([
      'memory_limiter',
      'cumulativetodelta/0',
      'batch',
    ]);
  });
  it('translates resource_detection into the resourcedetection processor with the Collector detector names', () => {
    const hub = hubConfigSchema.parse({
      processors: {
        transforms: [
          {
            type: 'resource_detection',
            detectors: ['env', 'cloud'],
            timeoutMs: 1500,
            attributes: ['host.name'],
          },
        ],
      },
      exporters: { up: { type: 'otlp_http', endpoint: 'http://127.0.0.1:4999' } },
      routes: [{ exporters: ['up'] }],
    });
    const { config, unsupported } = toCollectorConfig(hub);
    const c = config as unknown as CollectorView & { processors: Record<string, unknown> };
    expect(c.processors['resourcedetection/0']).toEqual({
      detectors: ['env', 'lambda', 'elastic_beanstalk', 'ecs', 'eks', 'ec2', 'gcp', 'aks', 'azure'],
      override: false,
      timeout: '1500ms',
    });
    expect(c.service.pipelines.traces?.processors).toEqual([
      'memory_limiter',
      'resourcedetection/0',
      'batch',
    ]);
    expect(unsupported.join('\n')).toContain('(resource_detection): the attributes allow-list');
  });
});
