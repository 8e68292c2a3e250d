/** @module Errors talking to a query source: HTTP failures, timeouts, oversize responses, bad payloads. */
import { SwitchyardError } from '@switchyard/core';

export type SourceErrorCode =
  | 'SOURCE_HTTP'
  | 'SOURCE_TIMEOUT'
  | 'SOURCE_UNREACHABLE'
  | 'SOURCE_TOO_LARGE'
  | 'SOURCE_BAD_RESPONSE'
  | 'SOURCE_UNSUPPORTED';

export class SourceError extends SwitchyardError {
  readonly status: number | undefined;
  constructor(
    code: SourceErrorCode,
    message: string,
    details: { hint?: string; status?: number; path?: string; cause?: unknown } = {},
  ) {
    super(code, message, details);
    this.name = 'SourceError';
    this.status = details.status;
  }
}
