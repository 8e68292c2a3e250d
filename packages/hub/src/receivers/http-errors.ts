/**
 * @module Receiver-side request errors, each mapped to the HTTP status the OTLP spec prescribes.
 */
import { SwitchyardError } from '@switchyard/core';

export type ReceiverErrorCode =
  | 'BODY_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'UNSUPPORTED_ENCODING'
  | 'BAD_COMPRESSED_BODY'
  | 'BODY_READ_FAILED';

const STATUS: Record<ReceiverErrorCode, number> = {
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNSUPPORTED_ENCODING: 415,
  BAD_COMPRESSED_BODY: 400,
  BODY_READ_FAILED: 400,
};

export class ReceiverError extends SwitchyardError {
  readonly status: number;
  constructor(code: ReceiverErrorCode, message: string, hint?: string) {
    super(code, message, { hint });
    this.name = 'ReceiverError';
    this.status = STATUS[code];
  }
}
