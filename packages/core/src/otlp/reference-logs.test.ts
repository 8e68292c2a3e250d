import { SeverityNumber } from '@opentelemetry/api-logs';
import { JsonLogsSerializer, ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { describe, expect, it } from 'vitest';
import { decodeLogsJson } from './logs-json.js';
import { decodeLogs } from './logs-proto.js';

/** Real log records from the OpenTelemetry JS SDK, serialized by the official OTLP serializers. */
async function officialPayloads() {
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ 'service.name': 'billing' }),
    processors: [new SimpleLogRecordProcessor({ exporter })],
  });
  const logger = provider.getLogger('billing-logger', '0.3.0');
  logger.emit({
    timestamp: [1_700_000_000, 111_222_333],
    observedTimestamp: [1_700_000_000, 444_555_666],
    severityNumber: SeverityNumber.ERROR,
    severityText: 'ERROR',
    eventName: 'payment.failed',
    body: { msg: 'card declined', code: 51, retryable: false, raw: new Uint8Array([0, 1, 254, 255]) },
    attributes: {
      'user.id': 'u-9',
      amount: 12.5,
      attempts: 3,
      nested: { level: { deeper: ['x', 1] } },
      blob: new Uint8Array([7, 8, 9]),
    },
  });
  logger.emit({ body: 'plain text', severityNumber: SeverityNumber.INFO2, timestamp: [1_700_000_001, 5] });
  await provider.forceFlush();
  const records = exporter.getFinishedLogRecords();
  return {
    proto: ProtobufLogsSerializer.serializeRequest(records)!,
    json: new TextDecoder().decode(JsonLogsSerializer.serializeRequest(records)!),
  };
}

const { proto, json } = await officialPayloads();
const decoded = decodeLogs(proto);
const rl = decoded.resourceLogs[0]!;
const records = rl.scopeLogs[0]!.logRecords;

describe('decoding logs serialized by @opentelemetry/otlp-transformer', () => {
  it('recovers resource, scope and every record', () => {
    expect(rl.resource.attributes['service.name']).toBe('billing');
    expect(rl.scopeLogs[0]!.scope).toMatchObject({ name: 'billing-logger', version: '0.3.0' });
    expect(records).toHaveLength(2);
  });

  it('recovers timestamps, severity, event name and ids exactly', () => {
    const r = records[0]!;
    expect(r.timeUnixNano).toBe(1_700_000_000_111_222_333n);
    expect(r.observedTimeUnixNano).toBe(1_700_000_000_444_555_666n);
    expect(r.severityNumber).toBe(17);
    expect(r.severityText).toBe('ERROR');
    expect(r.eventName).toBe('payment.failed');
    expect(r.traceId).toBe('');
    expect(r.spanId).toBe('');
    expect(records[1]!.severityNumber).toBe(10);
    expect(records[1]!.timeUnixNano).toBe(1_700_000_001_000_000_005n);
  });

  it('recovers a map body with bytes and typed values, and nested attributes', () => {
    const r = records[0]!;
    expect(r.body).toStrictEqual({
      msg: 'card declined',
      code: 51n,
      retryable: false,
      raw: new Uint8Array([0, 1, 254, 255]),
    });
    expect(r.attributes).toStrictEqual({
      'user.id': 'u-9',
      amount: 12.5,
      attempts: 3n,
      nested: { level: { deeper: ['x', 1n] } },
      blob: new Uint8Array([7, 8, 9]),
    });
    expect(records[1]!.body).toBe('plain text');
  });

  it('decodes the official JSON serialization to the same model as the protobuf one', () => {
    expect(decodeLogsJson(json)).toStrictEqual(decoded);
  });
});
