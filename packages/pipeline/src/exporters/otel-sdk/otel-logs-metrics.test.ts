import { AggregationTemporality, DataPointType } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { logBatch, logRecord } from '../testing/logs.js';
import { metric, metricsBatch, numberPoint } from '../testing/metrics.js';
import { toReadableLogRecords } from './otel-logs.js';
import { toOtelResourceMetrics } from './otel-metrics.js';

describe('toReadableLogRecords', () => {
  it('keeps time, severity, structured body, attributes and trace context', () => {
    const batch = logBatch({ 'service.name': 'svc' }, [
      logRecord(
        { msg: 'hi', n: 3n },
        { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), flags: 1, attributes: { k: 1n } },
      ),
      logRecord('no time', { timeUnixNano: 0n, observedTimeUnixNano: 5_000_000_001n }),
    ]);
    if (batch.signal !== 'logs') throw new Error('logs');
    const [r1, r2] = toReadableLogRecords(batch.data);
    expect(r1).toMatchObject({
      hrTime: [1_700_000_000, 0],
      severityNumber: 9,
      severityText: 'INFO',
      body: { msg: 'hi', n: 3 },
      attributes: { k: 1 },
      spanContext: { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: 1 },
    });
    expect(r1!.resource.attributes).toEqual({ 'service.name': 'svc' });
    expect(r2!.hrTime).toEqual([5, 1]);
    expect(r2!.spanContext).toBeUndefined();
  });
});

describe('toOtelResourceMetrics', () => {
  it('maps gauges and sums one to one, keeping the temporality of each sum', () => {
    const batch = metricsBatch({ 'service.name': 'svc' }, [
      metric('temp', 'Cel', { type: 'gauge', dataPoints: [numberPoint(21.5, 1000, { room: 'a' })] }),
      metric('req', '1', {
        type: 'sum',
        aggregationTemporality: 1,
        isMonotonic: true,
        dataPoints: [{ ...numberPoint(15n, 2000), startTimeUnixNano: 1_000_000_000n }],
      }),
      metric('queue', '1', {
        type: 'sum',
        aggregationTemporality: 2,
        isMonotonic: false,
        dataPoints: [numberPoint(-4, 2000)],
      }),
    ]);
    if (batch.signal !== 'metrics') throw new Error('metrics');
    const metrics = toOtelResourceMetrics(batch.data).resourceMetrics[0]!.scopeMetrics[0]!.metrics;
    expect(metrics.map((m) => m.descriptor.name)).toEqual(['temp', 'req', 'queue']);
    expect(metrics[0]).toMatchObject({
      dataPointType: DataPointType.GAUGE,
      dataPoints: [{ value: 21.5, attributes: { room: 'a' } }],
    });
    expect(metrics[1]).toMatchObject({
      dataPointType: DataPointType.SUM,
      aggregationTemporality: AggregationTemporality.DELTA,
      isMonotonic: true,
      dataPoints: [{ value: 15, startTime: [1, 0], endTime: [2, 0] }],
    });
    // An up-down counter the cumulative_to_delta processor left cumulative stays cumulative.
    expect(metrics[2]).toMatchObject({
      aggregationTemporality: AggregationTemporality.CUMULATIVE,
      isMonotonic: false,
      dataPoints: [{ value: -4 }],
    });
  });

  it('converts histograms with buckets, sum, count, min and max; counts summaries as unsupported', () => {
    const batch = metricsBatch({}, [
      metric('lat', 'ms', {
        type: 'histogram',
        aggregationTemporality: 1,
        dataPoints: [
          {
            attributes: {},
            startTimeUnixNano: 1n,
            timeUnixNano: 2n,
            flags: 0,
            count: 3n,
            sum: 30,
            bucketCounts: [1n, 2n],
            explicitBounds: [10],
            exemplars: [],
            min: 5,
            max: 15,
          },
        ],
      }),
      metric('s', '1', {
        type: 'summary',
        dataPoints: [
          {
            attributes: {},
            startTimeUnixNano: 0n,
            timeUnixNano: 1n,
            flags: 0,
            count: 1n,
            sum: 1,
            quantileValues: [],
          },
        ],
      }),
    ]);
    if (batch.signal !== 'metrics') throw new Error('metrics');
    const r = toOtelResourceMetrics(batch.data);
    expect(r.unsupported).toBe(1);
    expect(r.resourceMetrics[0]!.scopeMetrics[0]!.metrics[0]).toMatchObject({
      dataPointType: DataPointType.HISTOGRAM,
      dataPoints: [
        { value: { buckets: { boundaries: [10], counts: [1, 2] }, count: 3, sum: 30, min: 5, max: 15 } },
      ],
    });
  });
});
