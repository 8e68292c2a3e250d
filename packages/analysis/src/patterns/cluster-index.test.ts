import { describe, expect, it } from 'vitest';
import { Cluster } from './cluster.js';
import { ClusterIndex } from './cluster-index.js';

describe('ClusterIndex', () => {
  it('hands out suffixed ids while an id is live or retired, and reclaims retired ones', () => {
    const index = new ClusterIndex(10);
    const a = new Cluster('p1', ['a'], 0);
    index.insert(a);
    expect(index.freeId('p1')).toBe('p1-1');
    index.retire(a);
    expect(index.freeId('p1')).toBe('p1-1');
    expect(index.reclaimId('p1')).toBe('p1');
    expect(index.retired.has('p1')).toBe(false);
  });

  it('keeps a bounded number of retired ids and lists those that still resolve', () => {
    const index = new ClusterIndex(2);
    const live = new Cluster('live', ['x'], 0);
    index.insert(live);
    for (const id of ['r1', 'r2', 'r3']) {
      const c = new Cluster(id, ['x'], 0);
      index.insert(c);
      c.mergedInto = live;
      index.retire(c);
    }
    expect([...index.retired.keys()]).toEqual(['r2', 'r3']);
    expect(index.aliases()).toEqual([
      ['r2', 'live'],
      ['r3', 'live'],
    ]);
    expect(index.byLength.get(1)).toEqual([live]);
  });
});
