/**
 * @module Component factories, following the Collector's vocabulary: a factory declares its type,
 * per-signal stability, a config schema and defaults; config is defaults → user YAML → schema → validate().
 */
import type { Signal } from '@switchyard/core';
import type { z } from 'zod';

export type Stability = 'development' | 'alpha' | 'beta' | 'stable';
export type ComponentKind = 'receiver' | 'processor' | 'exporter';

export interface ComponentFactory<TConfig, TComponent, TContext = unknown> {
  readonly type: string;
  readonly kind: ComponentKind;
  readonly stability: Partial<Record<Signal, Stability>>;
  readonly configSchema: z.ZodType<TConfig>;
  createDefaultConfig(): TConfig;
  /** Cross-field checks after the schema parse; throws ConfigError with the key path. */
  validate?(config: TConfig, path: string): void;
  create(config: TConfig, context: TContext): TComponent;
}
