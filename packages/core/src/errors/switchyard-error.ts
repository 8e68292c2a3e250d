/**
 * @module Typed errors: every error a user can see carries a stable `code`,
 * a message they can act on, and where relevant the config path or input position.
 */
export interface ErrorDetails {
  /** Config key path (`exporters.prom.endpoint`) or input position (`line 12`). */
  path?: string;
  /** What the user can do about it. */
  hint?: string;
  cause?: unknown;
}

export class SwitchyardError extends Error {
  readonly code: string;
  readonly path: string | undefined;
  readonly hint: string | undefined;

  constructor(code: string, message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'SwitchyardError';
    this.code = code;
    this.path = details.path;
    this.hint = details.hint;
  }

  /** One-line rendering for CLIs and logs. */
  describe(): string {
    const where = this.path ? ` (at ${this.path})` : '';
    const hint = this.hint ? `\n  hint: ${this.hint}` : '';
    return `${this.code}: ${this.message}${where}${hint}`;
  }
}

/** Malformed OTLP payload (protobuf or JSON). Receivers answer 400. */
export class OtlpDecodeError extends SwitchyardError {
  constructor(message: string, details: ErrorDetails = {}) {
    super('OTLP_DECODE', message, details);
    this.name = 'OtlpDecodeError';
  }
}

/** Invalid configuration. Startup fails with this. */
export class ConfigError extends SwitchyardError {
  constructor(message: string, details: ErrorDetails = {}) {
    super('CONFIG_INVALID', message, details);
    this.name = 'ConfigError';
  }
}

/** Invalid request parameter (HTTP API, CLI flag). Answered with 400 / exit 2. */
export class ParameterError extends SwitchyardError {
  readonly parameter: string;
  constructor(parameter: string, message: string, hint?: string) {
    super('BAD_PARAMETER', `parameter '${parameter}': ${message}`, { path: parameter, hint });
    this.name = 'ParameterError';
    this.parameter = parameter;
  }
}
