/**
 * @module gRPC status → ExportResult, per the OTLP specification: CANCELLED, DEADLINE_EXCEEDED, ABORTED,
 * OUT_OF_RANGE, UNAVAILABLE and DATA_LOSS are retryable; RESOURCE_EXHAUSTED only when the server sent a
 * RetryInfo (it is recoverable); everything else is permanent. A RetryInfo delay is honoured.
 */

import { parseRetryAfterMs } from '@switchyard/core';
import { type ExportResult, permanent, retryable } from '../component/export-result.js';
import { decodeRpcStatus } from './rpc-status.js';

export const GRPC_CODE_NAMES: Record<number, string> = {
  1: 'CANCELLED',
  2: 'UNKNOWN',
  3: 'INVALID_ARGUMENT',
  4: 'DEADLINE_EXCEEDED',
  5: 'NOT_FOUND',
  7: 'PERMISSION_DENIED',
  8: 'RESOURCE_EXHAUSTED',
  9: 'FAILED_PRECONDITION',
  10: 'ABORTED',
  11: 'OUT_OF_RANGE',
  12: 'UNIMPLEMENTED',
  13: 'INTERNAL',
  14: 'UNAVAILABLE',
  15: 'DATA_LOSS',
  16: 'UNAUTHENTICATED',
};

const RETRYABLE = new Set([1, 4, 10, 11, 14, 15]);
const RESOURCE_EXHAUSTED = 8;

export interface GrpcFailure {
  code: number;
  details: string;
  /** grpc-status-details-bin (a google.rpc.Status), when sent. */
  statusDetails?: Uint8Array;
  /** A `retry-after` metadata value (seconds), as the Switchyard hub sends with UNAVAILABLE. */
  retryAfter?: string;
}

export function grpcFailureResult(f: GrpcFailure): ExportResult {
  const message = `gRPC ${GRPC_CODE_NAMES[f.code] ?? f.code}${f.details ? `: ${f.details}` : ''}`;
  const retryInfoMs = f.statusDetails ? decodeRpcStatus(f.statusDetails)?.retryDelayMs : undefined;
  const delay = retryInfoMs ?? parseRetryAfterMs(f.retryAfter);
  if (RETRYABLE.has(f.code)) return retryable(message, delay);
  if (f.code === RESOURCE_EXHAUSTED && retryInfoMs !== undefined) return retryable(message, retryInfoMs);
  return permanent(message);
}
