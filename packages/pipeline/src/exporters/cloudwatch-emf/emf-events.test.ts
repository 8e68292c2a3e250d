import { describe, expect, it } from 'vitest';
import { metric, metricsBatch, numberPoint } from '../testing/metrics.js';
import { cloudWatchUnit, toEmfEvents } from './emf-events.js';
import { EVENT_OVERHEAD_BYTES, MAX_BYTES_PER_CALL, toPutLogEventsBatches } from './put-log-events-batches.js';

const opts = { namespace: 'NS', dimensionKeys: ['service.name', 'host'] };

describe('toEmfEvents', () => {
  it('groups points by time and dimensions, at most 100 metrics per directive', () => {
    const metrics = Array.from({ length: 150 }, (_, i) =>
      metric(`m${i}`, 's', { type: 'gauge', dataPoints: [numberPoint(i, 5000)] }),
    );
    const batch = metricsBatch({ 'service.name': 'svc', host: 'h1', other: 'x' }, metrics);
    if (batch.signal !== 'metrics') throw new Error('metrics');
    const events = toEmfEvents(batch.data, opts);
    expect(events.map((e) => JSON.parse(e.message)._aws.CloudWatchMetrics[0].Metrics.length)).toEqual([
      100, 50,
    ]);
    const first = JSON.parse(events[0]!.message);
    expect(first._aws.CloudWatchMetrics[0].Dimensions).toEqual([['service.name', 'host']]);
    expect(first).toMatchObject({ 'service.name': 'svc', host: 'h1', m0: 0, m99: 99 });
    expect(first.other).toBeUndefined();
    expect(events[0]!.timestamp).toBe(5000);
  });

  it('prefers point attributes over resource attributes for dimensions and splits different values', () => {
    const batch = metricsBatch({ 'service.name': 'svc', host: 'h1' }, [
      metric('g', '1', {
        type: 'gauge',
        dataPoints: [numberPoint(1, 1000, { host: 'h2' }), numberPoint(2, 1000)],
      }),
    ]);
    if (batch.signal !== 'metrics') throw new Error('metrics');
    const events = toEmfEvents(batch.data, opts).map((e) => JSON.parse(e.message));
    expect(events.map((e) => [e.host, e.g])).toEqual([
      ['h2', 1],
      ['h1', 2],
    ]);
  });

  it('maps UCUM units to CloudWatch units', () => {
    expect(cloudWatchUnit('ms', false)).toBe('Milliseconds');
    expect(cloudWatchUnit('By', false)).toBe('Bytes');
    expect(cloudWatchUnit('{request}', true)).toBe('Count');
    expect(cloudWatchUnit('{request}', false)).toBe('None');
  });
});

describe('toPutLogEventsBatches', () => {
  const now = 1_700_000_000_000;
  it('sorts events, splits at 10,000 events and at 24 hours, and drops events outside the accepted window', () => {
    const events = Array.from({ length: 10_001 }, (_, i) => ({ timestamp: now - i, message: 'x' }));
    events.push({ timestamp: now - 15 * 24 * 3600_000, message: 'too old' });
    events.push({ timestamp: now - 25 * 3600_000, message: 'day-old' });
    const { batches, rejected } = toPutLogEventsBatches(events, now);
    expect(rejected).toBe(1);
    expect(batches.map((b) => b.length)).toEqual([1, 10_000, 1]);
    expect(batches[0]![0]!.message).toBe('day-old');
    for (const b of batches)
      for (let i = 1; i < b.length; i++) expect(b[i]!.timestamp).toBeGreaterThanOrEqual(b[i - 1]!.timestamp);
  });

  it('keeps each call within 1,048,576 bytes counting 26 bytes per event', () => {
    const message = 'y'.repeat(100_000);
    const { batches } = toPutLogEventsBatches(
      Array.from({ length: 25 }, () => ({ timestamp: now, message })),
      now,
    );
    expect(batches.map((b) => b.length)).toEqual([10, 10, 5]);
    for (const b of batches)
      expect(b.length * (message.length + EVENT_OVERHEAD_BYTES)).toBeLessThanOrEqual(MAX_BYTES_PER_CALL);
  });
});
