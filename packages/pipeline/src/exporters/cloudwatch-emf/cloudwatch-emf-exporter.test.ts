import { ConfigError, type Metric } from '@switchyard/core';
import { createSigV4Authorizer } from '@switchyard/presets';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CaptureServer } from '../testing/capture-server.js';
import { metric, metricsBatch, numberPoint } from '../testing/metrics.js';
import { CloudWatchEmfExporter } from './cloudwatch-emf-exporter.js';
import { FakeCloudWatchLogs, TEST_CREDENTIALS, TEST_REGION } from './put-log-events-test-server.js';

let server: CaptureServer;
let fake: FakeCloudWatchLogs;
let base: string;
let exporter: CloudWatchEmfExporter;

const owner = { exporter: 'cw', configPath: 'exporters.cw' };
const signer = createSigV4Authorizer(
  owner,
  { type: 'sigv4', region: TEST_REGION, credentials: TEST_CREDENTIALS },
  'logs',
  () => {},
);
const config = {
  logGroup: '/switchyard/metrics',
  logStream: 'hub-1',
  namespace: 'Shop',
  dimensionKeys: ['service.name', 'route'],
  createLogStream: true,
};

beforeEach(async () => {
  server = new CaptureServer();
  base = await server.start();
  fake = new FakeCloudWatchLogs();
  server.responder = (req) => fake.handle(req);
  exporter = new CloudWatchEmfExporter('cw', {
    ...config,
    region: TEST_REGION,
    endpoint: `${base}/`,
    signer,
  });
});
afterEach(async () => {
  await exporter.shutdown();
  await server.stop();
});

const counter = (value: number, timeMs: number): Metric =>
  metric('http.requests', '1', {
    type: 'sum',
    aggregationTemporality: 2,
    isMonotonic: true,
    dataPoints: [{ ...numberPoint(BigInt(value), timeMs, { route: '/pay' }), startTimeUnixNano: 1n }],
  });

describe('CloudWatchEmfExporter', () => {
  it('creates the missing stream, then sends signed EMF events: gauges, counter deltas and histogram statistic sets', async () => {
    const now = Date.now();
    const first = metricsBatch({ 'service.name': 'checkout' }, [
      metric('queue.depth', '1', {
        type: 'gauge',
        dataPoints: [numberPoint(4.5, now - 1000, { route: '/pay' })],
      }),
      counter(10, now - 1000),
    ]);
    expect(await exporter.push(first)).toEqual({ kind: 'success' });
    expect(fake.targets).toEqual([
      'Logs_20140328.PutLogEvents',
      'Logs_20140328.CreateLogStream',
      'Logs_20140328.PutLogEvents',
    ]);
    const second = metricsBatch({ 'service.name': 'checkout' }, [
      counter(25, now),
      metric('latency', 'ms', {
        type: 'histogram',
        aggregationTemporality: 1,
        dataPoints: [
          {
            attributes: { route: '/pay' },
            startTimeUnixNano: 0n,
            timeUnixNano: BigInt(now) * 1_000_000n,
            flags: 0,
            count: 4n,
            sum: 100,
            bucketCounts: [1n, 3n],
            explicitBounds: [20],
            exemplars: [],
            min: 5,
            max: 40,
          },
        ],
      }),
    ]);
    expect(await exporter.push(second)).toEqual({ kind: 'success' });
    expect(fake.puts).toHaveLength(2);
    const [e1] = fake.puts[0]!.logEvents;
    expect(fake.puts[0]).toMatchObject({ logGroupName: '/switchyard/metrics', logStreamName: 'hub-1' });
    // The first cumulative point is only a baseline: the gauge alone.
    expect(JSON.parse(e1!.message)).toEqual({
      _aws: {
        Timestamp: now - 1000,
        CloudWatchMetrics: [
          {
            Namespace: 'Shop',
            Dimensions: [['service.name', 'route']],
            Metrics: [{ Name: 'queue.depth', Unit: 'None' }],
          },
        ],
      },
      'service.name': 'checkout',
      route: '/pay',
      'queue.depth': 4.5,
    });
    const e2 = JSON.parse(fake.puts[1]!.logEvents[0]!.message);
    expect(e2._aws.CloudWatchMetrics[0].Metrics).toEqual([
      { Name: 'http.requests', Unit: 'Count' },
      { Name: 'latency', Unit: 'Milliseconds' },
    ]);
    expect(e2['http.requests']).toBe(15);
    expect(e2.latency).toEqual({ Count: 4, Sum: 100, Min: 5, Max: 40 });
  });

  it('maps throttling to retryable, access denied to permanent, and a wrong signature to permanent', async () => {
    fake.streams.add('/switchyard/metrics/hub-1');
    const batch = () =>
      metricsBatch({ 'service.name': 'a' }, [
        metric('g', '1', { type: 'gauge', dataPoints: [numberPoint(1, Date.now())] }),
      ]);
    fake.failNext.push(FakeCloudWatchLogs.error(400, 'ThrottlingException', 'Rate exceeded'));
    expect((await exporter.push(batch())).kind).toBe('retryable');
    fake.failNext.push(FakeCloudWatchLogs.error(400, 'AccessDeniedException', 'not authorized'));
    expect(await exporter.push(batch())).toMatchObject({
      kind: 'permanent',
      message: expect.stringContaining('AccessDeniedException'),
    });
    const forged = new CloudWatchEmfExporter('cw', {
      ...config,
      region: TEST_REGION,
      endpoint: `${base}/`,
      signer: createSigV4Authorizer(
        owner,
        {
          type: 'sigv4',
          region: TEST_REGION,
          credentials: { ...TEST_CREDENTIALS, secretAccessKey: 'wrong' },
        },
        'logs',
        () => {},
      ),
    });
    expect(await forged.push(batch())).toMatchObject({
      kind: 'permanent',
      message: expect.stringContaining('InvalidSignatureException'),
    });
    await forged.shutdown();
    expect(fake.puts).toHaveLength(0);
  });

  it('checks the destination for doctor with a signed DescribeLogStreams and sends no data', async () => {
    expect(await exporter.checkDestination()).toEqual({
      ok: false,
      detail:
        'DescribeLogStreams answered HTTP 400 ResourceNotFoundException: log group /switchyard/metrics does not exist (create it; the exporter creates streams, not groups)',
    });
    fake.groups.add('/switchyard/metrics');
    expect(await exporter.checkDestination()).toEqual({
      ok: true,
      detail: 'log group /switchyard/metrics found; stream hub-1 will be created',
    });
    fake.streams.add('/switchyard/metrics/hub-1');
    expect((await exporter.checkDestination()).detail).toBe(
      'log group /switchyard/metrics and stream hub-1 found',
    );
    const strict = new CloudWatchEmfExporter('cw', {
      ...config,
      logStream: 'other',
      createLogStream: false,
      region: TEST_REGION,
      endpoint: `${base}/`,
      signer,
    });
    expect(await strict.checkDestination()).toMatchObject({
      ok: false,
      detail: expect.stringContaining('createLogStream is off'),
    });
    await strict.shutdown();
    expect(fake.targets.every((t) => t === 'Logs_20140328.DescribeLogStreams')).toBe(true);
    expect(fake.puts).toHaveLength(0);
  });

  it('ignores traces and logs, and fails construction without a region', async () => {
    expect(await exporter.push({ signal: 'logs', data: { resourceLogs: [] } })).toEqual({ kind: 'success' });
    expect(server.requests).toHaveLength(0);
    expect(() => new CloudWatchEmfExporter('cw', { ...config, env: {} })).toThrow(ConfigError);
    expect(() => new CloudWatchEmfExporter('cw', { ...config, env: {} })).toThrow(/region/);
    const fromEnv = new CloudWatchEmfExporter('cw', {
      ...config,
      env: { AWS_DEFAULT_REGION: 'us-east-2' },
      signer,
    });
    expect(fromEnv.name).toBe('cw');
    await fromEnv.shutdown();
  });
});
