import { describe, expect, it } from 'vitest';
import { walkCriticalPath } from './critical-path.js';
import { computeSelfTimes } from './self-time.js';
import { buildSpanTree } from './span-tree.js';
import { generateSyntheticTrace } from './synthetic-trace.js';

describe('walkCriticalPath invariants on generated traces', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`accounts for every nanosecond of the trace exactly once (seed ${seed})`, () => {
      const tree = buildSpanTree(generateSyntheticTrace({ spanCount: 500, seed }));
      for (const scope of ['trace', 'root'] as const) {
        const walk = walkCriticalPath(tree, scope);
        let sum = walk.unattributedNs;
        for (const i of walk.path) sum += walk.selfOnPath[i]!;
        expect(sum).toBeCloseTo(walk.totalNs, 0);
        // Each span's time on the path fits inside its own duration.
        for (const i of walk.path) {
          expect(walk.selfOnPath[i]!).toBeLessThanOrEqual(tree.end[i]! - tree.start[i]! + 1e-6);
        }
      }
    });
  }

  it('keeps self time between zero and the span duration', () => {
    const tree = buildSpanTree(generateSyntheticTrace({ spanCount: 2_000, seed: 9 }));
    const self = computeSelfTimes(tree);
    for (let i = 0; i < self.length; i++) {
      expect(self[i]!).toBeGreaterThanOrEqual(0);
      expect(self[i]!).toBeLessThanOrEqual(tree.end[i]! - tree.start[i]!);
    }
  });
});
