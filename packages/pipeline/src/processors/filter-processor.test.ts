import { itemCount, type TelemetryBatch } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { logBatch, logRecord } from '../exporters/testing/logs.js';
import { metric, metricsBatch, numberPoint } from '../exporters/testing/metrics.js';
import { spanBatch, spanIds } from '../exporters/testing/spans.js';
import { SelfMetrics } from '../self/self-metrics.js';
import { FilterProcessor, filterProcessorConfigSchema } from './filter-processor.js';

const make = (drop: unknown, metrics?: SelfMetrics) =>
  new FilterProcessor(filterProcessorConfigSchema.parse({ drop }), 'filter', metrics);

describe('FilterProcessor', () => {
  it('drops spans by service and span name, keeping other services untouched', () => {
    const p = make([{ services: ['check*'], spanNames: ['^op-[12]$'] }]);
    const out = p.process(spanBatch(1, 7, 'checkout'))!;
    expect(spanIds(out)).toEqual(spanIds(spanBatch(1, 7)).filter((_, i) => ![0, 1].includes(i)));
    expect(itemCount(p.process(spanBatch(1, 7, 'ledger'))!)).toBe(7);
  });

  it('drops logs below a severity and by attribute, counting them, and returns null when nothing is left', () => {
    const metrics = new SelfMetrics();
    const p = make(
      [{ signals: ['logs'], severityBelow: 'info' }, { attributes: { 'http.route': ['/health', '/ready'] } }],
      metrics,
    );
    const batch = logBatch({ 'service.name': 'api' }, [
      logRecord('debug noise', { severityNumber: 5 }),
      logRecord('probe', { attributes: { 'http.route': '/health' } }),
      logRecord('kept', { severityNumber: 13 }),
    ]);
    const out = p.process(batch) as Extract<TelemetryBatch, { signal: 'logs' }>;
    expect(out.data.resourceLogs[0]!.scopeLogs[0]!.logRecords.map((r) => r.body)).toEqual(['kept']);
    expect(p.process(logBatch({}, [logRecord('x', { severityNumber: 1 })]))).toBeNull();
    expect(metrics.value('switchyard_filtered_items_total', { processor: 'filter' })).toBe(3);
  });

  it('drops metric points by attribute and removes metrics left empty', () => {
    const p = make([{ signals: ['metrics'], attributes: { env: 'test' } }]);
    const out = p.process(
      metricsBatch({}, [
        metric('a', '', { type: 'gauge', dataPoints: [numberPoint(1, 1, { env: 'test' })] }),
        metric('b', '', {
          type: 'gauge',
          dataPoints: [numberPoint(1, 1, { env: 'prod' }), numberPoint(2, 1, { env: 'test' })],
        }),
      ]),
    ) as Extract<TelemetryBatch, { signal: 'metrics' }>;
    const metrics = out.data.resourceMetrics[0]!.scopeMetrics[0]!.metrics;
    expect(metrics.map((m) => [m.name, m.data!.dataPoints.length])).toEqual([['b', 1]]);
  });
});
