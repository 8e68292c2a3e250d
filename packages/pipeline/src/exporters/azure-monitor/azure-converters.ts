/**
 * @module The model → OTel SDK converters the Azure exporter loads lazily together with the Azure package,
 * so the hub does not load the OTel SDK modules unless an azure_monitor exporter pushes.
 */
export { toReadableLogRecords } from '../otel-sdk/otel-logs.js';
export { toOtelResourceMetrics } from '../otel-sdk/otel-metrics.js';
export { toReadableSpans } from '../otel-sdk/otel-spans.js';
