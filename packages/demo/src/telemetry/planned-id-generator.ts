import type { IdGenerator } from '@opentelemetry/sdk-trace-node';
import { Prng } from '../random/prng.js';

/**
 * IdGenerator for the demo's tracer providers. The planner draws every trace and span id
 * from the seeded PRNG and the executor hands them over with `preset` right before it starts
 * the span, so a seed reproduces the ids exactly. Spans nobody preset (none in the demo,
 * but the SDK may start some) get ids from a seeded fallback stream.
 */
export class PlannedIdGenerator implements IdGenerator {
  private nextTraceId: string | undefined;
  private nextSpanId: string | undefined;
  private readonly fallback: Prng;

  constructor(seed: number) {
    this.fallback = new Prng(seed ^ 0x5eed1d5);
  }

  preset(spanId: string, traceId?: string): void {
    this.nextSpanId = spanId;
    this.nextTraceId = traceId;
  }

  generateTraceId(): string {
    const id = this.nextTraceId ?? this.random(32);
    this.nextTraceId = undefined;
    return id;
  }

  generateSpanId(): string {
    const id = this.nextSpanId ?? this.random(16);
    this.nextSpanId = undefined;
    return id;
  }

  private random(chars: number): string {
    for (;;) {
      const id = this.fallback.hex(chars);
      if (!/^0+$/.test(id)) return id;
    }
  }
}
