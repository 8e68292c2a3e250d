/**
 * @module The built-in execution metrics, created per meter provider: executions_total,
 * execution_duration, items_processed, workers_active, throughput, percent_complete, chunk_duration,
 * errors_total — each with the `execution.name` attribute.
 */
import { perProvider } from '../context/sdk-meter.js';

export const executionInstruments = perProvider((meter) => ({
  executions: meter.createCounter('executions_total', { description: 'Executions started' }),
  duration: meter.createHistogram('execution_duration', { unit: 'ms', description: 'Execution wall time' }),
  items: meter.createCounter('items_processed', { description: 'Items processed (with outcome)' }),
  workers: meter.createUpDownCounter('workers_active', { description: 'Workers currently running an item' }),
  throughput: meter.createGauge('throughput', { unit: '{item}/s', description: 'Items per second so far' }),
  percent: meter.createGauge('percent_complete', { unit: '%', description: 'Share of items done' }),
  chunkDuration: meter.createHistogram('chunk_duration', {
    unit: 'ms',
    description: 'Duration of one chunk',
  }),
  errors: meter.createCounter('errors_total', { description: 'Items whose worker failed' }),
}));
