/**
 * @module Turns on the bundled auto-instrumentations (node:http/https and undici/fetch), each switchable
 * off. They patch modules loaded through `require`; ESM apps need the loader hook registered before
 * their imports run (a `--import` entry, not part of this package yet).
 */
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import type { InstrumentationOptions } from '../config/observability-options.js';
import type { TelemetryPipeline } from './telemetry-pipeline.js';

/** Enables the chosen instrumentations; returns a function that disables them again. */
export function enableInstrumentations(
  options: InstrumentationOptions | undefined,
  pipeline: Pick<TelemetryPipeline, 'tracerProvider' | 'meterProvider'>,
  problems: string[],
): () => void {
  try {
    const instrumentations = [];
    if (options?.http !== false) instrumentations.push(new HttpInstrumentation());
    if (options?.undici !== false) instrumentations.push(new UndiciInstrumentation());
    if (instrumentations.length === 0) return () => {};
    return registerInstrumentations({
      instrumentations,
      tracerProvider: pipeline.tracerProvider,
      meterProvider: pipeline.meterProvider,
    });
  } catch (error) {
    problems.push(
      `instrumentations could not be enabled: ${error instanceof Error ? error.message : String(error)}`,
    );
    return () => {};
  }
}
