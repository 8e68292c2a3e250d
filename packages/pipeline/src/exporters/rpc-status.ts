/**
 * @module google.rpc.Status as OTLP servers send it: the body of an OTLP/HTTP error response and the
 * grpc-status-details-bin trailer, including a google.rpc.RetryInfo detail (server-requested delay).
 */
import { readFields } from './proto-reader.js';

export interface RpcStatus {
  code: number;
  message: string;
  /** From a google.rpc.RetryInfo detail, when present. */
  retryDelayMs?: number;
}

const RETRY_INFO = 'type.googleapis.com/google.rpc.RetryInfo';
const utf8 = new TextDecoder();

function retryInfoDelayMs(value: Uint8Array): number | undefined {
  const delay = readFields(value).find((f) => f.field === 1 && f.wire === 2);
  if (!delay) return undefined;
  let seconds = 0;
  let nanos = 0;
  for (const f of readFields(delay.bytes)) {
    if (f.field === 1 && f.wire === 0) seconds = f.num;
    if (f.field === 2 && f.wire === 0) nanos = f.num;
  }
  return seconds * 1000 + Math.round(nanos / 1e6);
}

/** Decodes a protobuf google.rpc.Status; undefined when the bytes are not one. */
export function decodeRpcStatus(bytes: Uint8Array): RpcStatus | undefined {
  try {
    const status: RpcStatus = { code: 0, message: '' };
    for (const f of readFields(bytes)) {
      if (f.field === 1 && f.wire === 0) status.code = f.num;
      else if (f.field === 2 && f.wire === 2) status.message = utf8.decode(f.bytes);
      else if (f.field === 3 && f.wire === 2) {
        const any = readFields(f.bytes);
        const typeUrl = any.find((a) => a.field === 1 && a.wire === 2);
        const value = any.find((a) => a.field === 2 && a.wire === 2);
        if (typeUrl && value && utf8.decode(typeUrl.bytes) === RETRY_INFO) {
          const ms = retryInfoDelayMs(value.bytes);
          if (ms !== undefined) status.retryDelayMs = ms;
        }
      }
    }
    return status;
  } catch {
    return undefined;
  }
}

/** Best-effort error text from an OTLP/HTTP error body (Status in protobuf or JSON, or plain text). */
export function errorBodyMessage(body: Uint8Array, contentType: string | undefined): string {
  if (body.length === 0) return '';
  const text = (): string => utf8.decode(body.subarray(0, 512)).trim();
  if (contentType?.includes('json')) {
    try {
      const parsed: unknown = JSON.parse(utf8.decode(body));
      if (parsed && typeof parsed === 'object' && 'message' in parsed && typeof parsed.message === 'string') {
        return parsed.message;
      }
    } catch {
      return text();
    }
    return text();
  }
  if (contentType?.includes('protobuf')) return decodeRpcStatus(body)?.message ?? '';
  return text();
}
