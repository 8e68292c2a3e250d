/**
 * @module Field-path tracking for OTLP decode errors (protobuf and JSON).
 *
 * Decoders throw a `FieldFailure` at the leaf with the field name; every enclosing
 * message decoder catches it and prefixes its own segment (`spans[3]`), so the path is
 * only built when something is wrong and costs nothing on the happy path.
 */
import { OtlpDecodeError } from '../errors/switchyard-error.js';

export class FieldFailure extends Error {
  path: string;
  readonly reason: string;
  constructor(path: string, reason: string) {
    super(reason);
    this.name = 'FieldFailure';
    this.path = path;
    this.reason = reason;
  }
}

/** Throws a failure for `field` of the message currently being decoded. */
export function fail(field: string, reason: string): never {
  throw new FieldFailure(field, reason);
}

/**
 * Prefixes `segment` to the path of a failure raised inside a nested message.
 * protobufjs Reader errors (RangeError "index out of range", Error "invalid wire type")
 * and stack exhaustion become failures of the enclosing message; anything else is a bug
 * and is rethrown untouched.
 */
export function at(e: unknown, segment: string): Error {
  let f: FieldFailure;
  if (e instanceof FieldFailure) f = e;
  else if (e instanceof RangeError || (e instanceof Error && e.constructor === Error))
    f = new FieldFailure('', `malformed message (${e.message})`);
  else return e instanceof Error ? e : new Error(String(e));
  f.path = f.path === '' ? segment : f.path.startsWith('[') ? segment + f.path : `${segment}.${f.path}`;
  return f;
}

/** Converts a failure into the public error, for the top-level decode functions. */
export function toDecodeError(e: unknown, what: string): Error {
  const f = e instanceof FieldFailure ? e : at(e, '');
  if (!(f instanceof FieldFailure)) return f;
  const where = f.path === '' ? what : f.path;
  return new OtlpDecodeError(`invalid ${what}: ${where}: ${f.reason}`, { path: f.path, cause: e });
}
