/**
 * @module The error a trace tool returns for an unknown trace id.
 */
import { SwitchyardError } from '@switchyard/core';

export class TraceNotFoundError extends SwitchyardError {
  constructor(traceId: string) {
    super('NOT_FOUND', `trace ${traceId} not found`, {
      hint: 'find trace ids with query_traces; traces older than the retention period are deleted',
    });
  }
}
