import { describe, expect, it } from 'vitest';
import { PlannedIdGenerator } from './planned-id-generator.js';

describe('PlannedIdGenerator', () => {
  it('hands out the preset ids exactly once', () => {
    const ids = new PlannedIdGenerator(1);
    ids.preset('00f067aa0ba902b7', '4bf92f3577b34da6a3ce929d0e0e4736');
    expect(ids.generateSpanId()).toBe('00f067aa0ba902b7');
    expect(ids.generateTraceId()).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(ids.generateSpanId()).not.toBe('00f067aa0ba902b7');
  });

  it('falls back to a seeded stream of valid ids when nothing was preset', () => {
    const a = new PlannedIdGenerator(3);
    const b = new PlannedIdGenerator(3);
    const fromA = [a.generateTraceId(), a.generateSpanId()];
    expect([b.generateTraceId(), b.generateSpanId()]).toEqual(fromA);
    expect(fromA[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(fromA[1]).toMatch(/^[0-9a-f]{16}$/);
  });
});
