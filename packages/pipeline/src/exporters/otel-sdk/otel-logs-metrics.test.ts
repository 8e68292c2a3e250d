import { AggregationTemporality, DataPointType } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { CumulativeToDelta } from '../cumulative-to-delta.js';
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
  it('passes gauges and delta sums, turns monotonic cumulative sums into deltas after a baseline', () => {
    const deltas = new CumulativeToDelta();
    const batch = (value: number) =>
      metricsBatch({ 'service.name': 'svc' }, [
        metric('temp', 'Cel', { type: 'gauge', dataPoints: [numberPoint(21.5, 1000, { room: 'a' })] }),
        metric('req', '1', {
          type: 'sum',
          aggregationTemporality: 2,
          isMonotonic: true,
          dataPoints: [{ ...numberPoint(BigInt(value), 2000), startTimeUnixNano: 1_000_000n }],
        }),
        metric('q', '1', { type: 'summary', dataPoints: [] }),
      ]);
    const first = batch(10);
    if (first.signal !== 'metrics') throw new Error('metrics');
    const r1 = toOtelResourceMetrics(first.data, deltas);
    const m1 = r1.resourceMetrics[0]!.scopeMetrics[0]!.metrics;
    expect(m1.map((m) => m.descriptor.name)).toEqual(['temp']); // req: baseline only
    expect(m1[0]).toMatchObject({
      dataPointType: DataPointType.GAUGE,
      dataPoints: [{ value: 21.5, attributes: { room: 'a' } }],
    });
    const second = batch(25);
    if (second.signal !== 'metrics') throw new Error('metrics');
    const m2 = toOtelResourceMetrics(second.data, deltas).resourceMetrics[0]!.scopeMetrics[0]!.metrics;
    expect(m2[1]).toMatchObject({
      descriptor: { name: 'req' },
      dataPointType: DataPointType.SUM,
      aggregationTemporality: AggregationTemporality.DELTA,
      isMonotonic: true,
      dataPoints: [{ value: 15, endTime: [2, 0] }],
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
    const r = toOtelResourceMetrics(batch.data, new CumulativeToDelta());
    expect(r.unsupported).toBe(1);
    expect(r.resourceMetrics[0]!.scopeMetrics[0]!.metrics[0]).toMatchObject({
      dataPointType: DataPointType.HISTOGRAM,
      dataPoints: [
        { value: { buckets: { boundaries: [10], counts: [1, 2] }, count: 3, sum: 30, min: 5, max: 15 } },
      ],
    });
  });
});
