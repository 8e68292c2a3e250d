import protobuf from 'protobufjs/minimal.js';
import { describe, expect, it } from 'vitest';
import { OtlpDecodeError } from '../errors/switchyard-error.js';
import type { Signal } from '../model/batch.js';
import { decodeExportResponse, encodeExportResponse, encodeRpcStatus } from './responses.js';

const SIGNALS: Signal[] = ['traces', 'metrics', 'logs'];

describe('export responses', () => {
  it('round-trip a partial success for every signal and format', () => {
    for (const signal of SIGNALS)
      for (const format of ['protobuf', 'json'] as const) {
        const partial = { rejected: 17, errorMessage: 'queue full' };
        expect(decodeExportResponse(signal, encodeExportResponse(signal, partial, format), format)).toEqual(
          partial,
        );
      }
  });

  it('omit an empty partial_success', () => {
    expect(encodeExportResponse('traces', undefined, 'protobuf')).toHaveLength(0);
    expect(encodeExportResponse('logs', { rejected: 0, errorMessage: '' }, 'protobuf')).toHaveLength(0);
    expect(new TextDecoder().decode(encodeExportResponse('metrics', undefined, 'json'))).toBe('{}');
    expect(decodeExportResponse('traces', new Uint8Array(0), 'protobuf')).toEqual({
      rejected: 0,
      errorMessage: '',
    });
  });

  it('use the signal-specific rejected field names in JSON', () => {
    const text = (s: Signal) =>
      new TextDecoder().decode(encodeExportResponse(s, { rejected: 2, errorMessage: '' }, 'json'));
    expect(JSON.parse(text('traces'))).toEqual({ partialSuccess: { rejectedSpans: '2' } });
    expect(JSON.parse(text('metrics'))).toEqual({ partialSuccess: { rejectedDataPoints: '2' } });
    expect(JSON.parse(text('logs'))).toEqual({ partialSuccess: { rejectedLogRecords: '2' } });
  });

  it('encode partial_success as field 1 with rejected = 1 (int64) and error_message = 2', () => {
    const bytes = encodeExportResponse('logs', { rejected: 300, errorMessage: 'x' }, 'protobuf');
    expect([...bytes]).toEqual([0x0a, 0x06, 0x08, 0xac, 0x02, 0x12, 0x01, 0x78]);
  });

  it('reject a truncated protobuf response', () => {
    expect(() => decodeExportResponse('traces', new Uint8Array([0x0a, 0x05, 0x08]), 'protobuf')).toThrow(
      OtlpDecodeError,
    );
  });
});

describe('google.rpc.Status', () => {
  it('encodes code (field 1) and message (field 2) in protobuf', () => {
    const r = new protobuf.Reader(encodeRpcStatus(3, 'bad request', 'protobuf'));
    expect(r.uint32()).toBe(0x08);
    expect(r.int32()).toBe(3);
    expect(r.uint32()).toBe(0x12);
    expect(r.string()).toBe('bad request');
    expect(r.pos).toBe(r.len);
  });

  it('encodes as {code, message} in JSON', () => {
    expect(JSON.parse(new TextDecoder().decode(encodeRpcStatus(8, 'slow down', 'json')))).toEqual({
      code: 8,
      message: 'slow down',
    });
  });
});
