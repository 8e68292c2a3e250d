/** @module Signal-generic OTLP request codec: picks the decoder/encoder by signal and format. */
import type { Signal, TelemetryBatch } from '../model/batch.js';
import { toDecodeError } from './decode-failure.js';
import { decodeLogsJson, encodeLogsJson } from './logs-json.js';
import { decodeLogs, encodeLogs } from './logs-proto.js';
import { decodeMetricsJson } from './metrics-json-decode.js';
import { encodeMetricsJson } from './metrics-json-encode.js';
import { decodeMetrics } from './metrics-proto-decode.js';
import { encodeMetrics } from './metrics-proto-encode.js';
import type { OtlpFormat } from './otlp-format.js';
import { decodeUtf8 } from './responses.js';
import { decodeTracesJson, encodeTracesJson } from './traces-json.js';
import { decodeTraces } from './traces-proto-decode.js';
import { encodeTraces } from './traces-proto-encode.js';

const encoder = new TextEncoder();

function jsonText(body: Uint8Array, signal: Signal): string {
  try {
    return decodeUtf8(body);
  } catch (e) {
    throw toDecodeError(e, `OTLP/JSON ${signal} request`);
  }
}

/** Decodes an Export{Trace,Metrics,Logs}ServiceRequest body. Throws OtlpDecodeError on malformed input. */
export function decodeRequest(signal: Signal, body: Uint8Array, format: OtlpFormat): TelemetryBatch {
  if (format === 'protobuf') {
    switch (signal) {
      case 'traces':
        return { signal, data: decodeTraces(body) };
      case 'metrics':
        return { signal, data: decodeMetrics(body) };
      case 'logs':
        return { signal, data: decodeLogs(body) };
    }
  }
  const text = jsonText(body, signal);
  switch (signal) {
    case 'traces':
      return { signal, data: decodeTracesJson(text) };
    case 'metrics':
      return { signal, data: decodeMetricsJson(text) };
    case 'logs':
      return { signal, data: decodeLogsJson(text) };
  }
}

/** Encodes a batch as the matching Export*ServiceRequest body. */
export function encodeRequest(batch: TelemetryBatch, format: OtlpFormat): Uint8Array {
  // Pass-through: the bytes the batch was received as, when nothing changed it since (see EncodedRequest).
  if (batch.encoded?.format === format) return batch.encoded.bytes;
  if (format === 'protobuf') {
    switch (batch.signal) {
      case 'traces':
        return encodeTraces(batch.data);
      case 'metrics':
        return encodeMetrics(batch.data);
      case 'logs':
        return encodeLogs(batch.data);
    }
  }
  switch (batch.signal) {
    case 'traces':
      return encoder.encode(encodeTracesJson(batch.data));
    case 'metrics':
      return encoder.encode(encodeMetricsJson(batch.data));
    case 'logs':
      return encoder.encode(encodeLogsJson(batch.data));
  }
}
