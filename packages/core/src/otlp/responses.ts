/**
 * @module OTLP export responses (Export*ServiceResponse with partial_success) and the
 * google.rpc.Status body OTLP/HTTP servers answer errors with, in protobuf and JSON.
 */
import type { Signal } from '../model/batch.js';
import { at, fail, toDecodeError } from './decode-failure.js';
import { parseJsonObject } from './json-common.js';
import { readInt64 as readJsonInt64, readString as readJsonString, readMessage } from './json-read.js';
import type { OtlpFormat } from './otlp-format.js';
import { newWriter, writeString, writeVarint64 } from './proto-encode-common.js';
import { checkEnd, ReaderClass, readInt64, readLen, readString, skipField } from './proto-primitives.js';

export interface PartialSuccess {
  rejected: number;
  errorMessage: string;
}

const REJECTED_FIELD: Record<Signal, [camel: string, snake: string]> = {
  traces: ['rejectedSpans', 'rejected_spans'],
  metrics: ['rejectedDataPoints', 'rejected_data_points'],
  logs: ['rejectedLogRecords', 'rejected_log_records'],
};

const encoder = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Export{Trace,Metrics,Logs}ServiceResponse; a partial success with nothing rejected and no message is omitted. */
export function encodeExportResponse(
  signal: Signal,
  partial: PartialSuccess | undefined,
  format: OtlpFormat,
): Uint8Array {
  const empty = partial === undefined || (partial.rejected === 0 && partial.errorMessage === '');
  if (format === 'json') {
    if (empty) return encoder.encode('{}');
    const ps: Record<string, string> = {};
    if (partial.rejected !== 0) ps[REJECTED_FIELD[signal][0]] = String(partial.rejected);
    if (partial.errorMessage !== '') ps.errorMessage = partial.errorMessage;
    return encoder.encode(JSON.stringify({ partialSuccess: ps }));
  }
  const w = newWriter();
  if (!empty) {
    w.uint32(10).fork();
    if (partial.rejected !== 0) writeVarint64(w.uint32(8), BigInt(partial.rejected));
    writeString(w, 18, partial.errorMessage);
    w.ldelim();
  }
  return w.finish();
}

/** Reads an export response; a response without partial_success means everything was accepted. */
export function decodeExportResponse(signal: Signal, bytes: Uint8Array, format: OtlpFormat): PartialSuccess {
  const what = `Export${signal === 'traces' ? 'Trace' : signal === 'metrics' ? 'Metrics' : 'Logs'}ServiceResponse`;
  const [camel, snake] = REJECTED_FIELD[signal];
  try {
    if (format === 'json') {
      if (bytes.length === 0) return { rejected: 0, errorMessage: '' };
      const o = parseJsonObject(decodeUtf8(bytes));
      const ps = readMessage(o, 'partialSuccess', 'partial_success', (p) => ({
        rejected: Number(readJsonInt64(p, camel, snake)),
        errorMessage: readJsonString(p, 'errorMessage', 'error_message'),
      }));
      return ps ?? { rejected: 0, errorMessage: '' };
    }
    const r = new ReaderClass(bytes);
    const result = { rejected: 0, errorMessage: '' };
    while (r.pos < bytes.length) {
      const tag = r.uint32();
      if (tag !== 10) {
        skipField(r, tag, bytes.length, ['', 'partialSuccess']);
        continue;
      }
      const end = readLen(r, bytes.length, 'partialSuccess');
      try {
        while (r.pos < end) {
          const t = r.uint32();
          if (t === 8) result.rejected = Number(readInt64(r, end, camel));
          else if (t === 18) result.errorMessage = readString(r, end, 'errorMessage');
          else skipField(r, t, end, ['', camel, 'errorMessage']);
        }
        checkEnd(r, end);
      } catch (e) {
        throw at(e, 'partialSuccess');
      }
    }
    checkEnd(r, bytes.length);
    return result;
  } catch (e) {
    throw toDecodeError(e, what);
  }
}

/** google.rpc.Status { code, message } (details are not used by OTLP receivers). */
export function encodeRpcStatus(code: number, message: string, format: OtlpFormat): Uint8Array {
  if (format === 'json') return encoder.encode(JSON.stringify(message === '' ? { code } : { code, message }));
  const w = newWriter();
  if (code !== 0) w.uint32(8).int32(code);
  writeString(w, 18, message);
  return w.finish();
}

/** Strict UTF-8 decoding of a JSON body; invalid bytes are a decode failure. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return fail('', 'body is not valid UTF-8');
  }
}
