import { describe, expect, it } from 'vitest';
import { LogPatternMiner } from './log-pattern-miner.js';

function mine(lines: string[], miner = new LogPatternMiner()): { miner: LogPatternMiner; ids: string[] } {
  const ids = lines.map((l) => miner.add(l).patternId);
  return { miner, ids };
}

const finalIds = (m: LogPatternMiner, ids: string[]): (string | undefined)[] =>
  ids.map((id) => m.resolve(id));

describe('LogPatternMiner', () => {
  it('groups messages that differ only in masked numbers', () => {
    const { miner, ids } = mine(['Received block blk_1 of size 100', 'Received block blk_2 of size 2000']);
    expect(ids[0]).toBe(ids[1]);
    expect(miner.template(ids[0] as string)).toBe('Received block blk_<*> of size <*>');
  });

  it('turns a digit-free position with many rare values into a variable', () => {
    const users = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'];
    const { miner, ids } = mine(users.map((u) => `session opened for user ${u} by sshd`));
    const live = new Set(finalIds(miner, ids));
    expect(live.size).toBe(1);
    expect(miner.template(ids[0] as string)).toBe('session opened for user <*> by sshd');
  });

  it('keeps a few frequent word values apart (states are not variables)', () => {
    const lines: string[] = [];
    for (let i = 0; i < 30; i++) lines.push(i % 2 === 0 ? 'Link error' : 'Link ok');
    const { miner, ids } = mine(lines);
    expect(new Set(finalIds(miner, ids)).size).toBe(2);
    expect(miner.patterns().map((p) => p.template)).toEqual(['Link error', 'Link ok']);
  });

  it('treats a variable spanning several tokens as one slot', () => {
    const { miner, ids } = mine([
      'failed to resolve data source name an14 an15 an16 an17',
      'failed to resolve data source name bn14 bn15 bn16 bn17',
      'failed to resolve data source name cn1 cn2',
    ]);
    miner.compact();
    expect(new Set(finalIds(miner, ids)).size).toBe(1);
    const r = miner.add('failed to resolve data source name dn3 dn4 dn5 dn6');
    expect(miner.resolve(r.patternId)).toBe(miner.resolve(ids[0] as string));
    expect(r.params.join(' ')).toBe('dn3 dn4 dn5 dn6');
  });

  it('extracts parameters per message', () => {
    const miner = new LogPatternMiner();
    miner.add('Accepted connection from 10.0.0.1:5000 in 12 ms');
    const r = miner.add('Accepted connection from 10.0.0.2:6000 in 7 ms');
    expect(r.params).toEqual(['10.0.0.2:6000', '7']);
  });

  it('gives the same ids for the same input on every run', () => {
    const lines = [
      'a b 1',
      'a b 2',
      'x y z',
      'user alice logged in',
      'user bob logged in',
      'user carol logged in',
    ];
    const a = mine(lines);
    const b = mine(lines);
    expect(finalIds(a.miner, a.ids)).toEqual(finalIds(b.miner, b.ids));
    expect(a.miner.patterns().map((p) => p.id)).toEqual(b.miner.patterns().map((p) => p.id));
  });

  it('keeps a pattern id when its template generalises', () => {
    const miner = new LogPatternMiner();
    const first = miner.add('user alice logged in').patternId;
    for (const u of ['bob', 'carol', 'dave']) miner.add(`user ${u} logged in`);
    expect(miner.resolve(first)).toBe(first);
    expect(miner.template(first)).toBe('user <*> logged in');
  });

  it('restores from JSON with the same ids, templates and statistics', () => {
    const { miner, ids } = mine([
      'open file 1',
      'open file 2',
      'close file 3',
      'user a x',
      'user b x',
      'user c x',
    ]);
    const json = JSON.parse(JSON.stringify(miner.toJSON()));
    const restored = LogPatternMiner.fromJSON(json);
    expect(restored.patterns()).toEqual(miner.patterns());
    expect(finalIds(restored, ids)).toEqual(finalIds(miner, ids));
    const again = restored.add('open file 99');
    expect(again.patternId).toBe(miner.add('open file 99').patternId);
  });

  it('rejects a malformed state', () => {
    expect(() => LogPatternMiner.fromJSON({ format: 'nope' })).toThrow(/log pattern state/);
    expect(() => LogPatternMiner.fromJSON(null)).toThrow(/log pattern state/);
  });

  it('bounds the number of live patterns and counts evictions', () => {
    const miner = new LogPatternMiner({ maxPatterns: 10 });
    for (let i = 0; i < 200; i++)
      miner.add(`${'w'.repeat((i % 50) + 1)} ${'q'.repeat((i % 37) + 1)} ${'z'.repeat(i + 1)}`);
    const c = miner.counters();
    expect(c.patterns).toBeLessThanOrEqual(10);
    expect(c.evicted + c.merged).toBeGreaterThan(0);
    expect(c.messages).toBe(200);
  });

  it('reports patterns new since a time, with time buckets, severities and examples', () => {
    const miner = new LogPatternMiner({ bucketMs: 1000 });
    miner.add('disk full on sda1', { timeMs: 1000, severity: 'ERROR' });
    miner.add('disk full on sdb1', { timeMs: 1500, severity: 'WARN' });
    miner.add('service started', { timeMs: 5000, severity: 'INFO' });
    const fresh = miner.newSince(4000);
    expect(fresh.map((p) => p.template)).toEqual(['service started']);
    const disk = miner.patterns().find((p) => p.template.startsWith('disk'));
    expect(disk).toMatchObject({
      count: 2,
      firstSeenMs: 1000,
      lastSeenMs: 1500,
      severities: { ERROR: 1, WARN: 1 },
    });
    expect(disk?.buckets).toEqual([{ startMs: 1000, count: 2 }]);
    expect(disk?.examples).toEqual(['disk full on sda1', 'disk full on sdb1']);
  });

  it('rejects invalid options with the option name', () => {
    expect(() => new LogPatternMiner({ maxPatterns: 0 })).toThrow(/maxPatterns/);
    expect(() => new LogPatternMiner({ minDistinctRatio: 2 })).toThrow(/minDistinctRatio/);
  });

  it('splits a word position back into states when its rare values came first', () => {
    // The rare commands arrive first, so the online rule makes the command word a variable; the
    // final pass sees a closed list of frequent words and splits it again.
    const lines = ['clusterAddMember (command 1)', 'risBoot (command 2)', 'bootGenvmunix (command 3)'];
    for (let i = 0; i < 60; i++) lines.push(`boot (command ${10 + i})`, `wait (command ${100 + i})`);
    lines.push('halt (command 7)', 'halt (command 8)', 'clusterAddMember (command 9)');
    const miner = new LogPatternMiner();
    const added = lines.map((l) => miner.add(l));
    // Online, all of them are one pattern…
    expect(new Set(added.map((a) => miner.resolve(a.patternId))).size).toBe(1);
    // …and the final pass splits it per command word.
    const templates = miner.patterns().map((p) => p.template);
    expect(templates.slice(0, 2)).toEqual(['boot (command <*>)', 'wait (command <*>)']);
    expect(templates).toHaveLength(6);
    const finalOf = (i: number) => miner.resolve((added[i] as { variantId: string }).variantId);
    expect(finalOf(3)).toBe(finalOf(5));
    expect(finalOf(3)).not.toBe(finalOf(4));
    expect(miner.template(finalOf(0) as string)).toBe('clusterAddMember (command <*>)');
    // The split is stable: later messages join their split pattern and ids do not move.
    const again = miner.add('wait (command 999)');
    expect(miner.resolve(again.variantId)).toBe(finalOf(4));
    expect(miner.patterns().map((p) => p.id)).toEqual(miner.patterns().map((p) => p.id));
  });

  it('splits statistics with the pattern: counts, examples and severities per state', () => {
    const miner = new LogPatternMiner();
    for (const w of ['alpha', 'beta', 'gamma']) miner.add(`job ${w} finished`, { severity: 'WARN' });
    for (let i = 0; i < 20; i++) {
      miner.add('job alpha finished', { severity: 'INFO' });
      miner.add('job beta finished', { severity: 'INFO' });
    }
    const byTemplate = new Map(miner.patterns().map((p) => [p.template, p]));
    expect(byTemplate.get('job alpha finished')).toMatchObject({
      count: 21,
      severities: { WARN: 1, INFO: 20 },
      examples: ['job alpha finished'],
    });
    expect(byTemplate.get('job gamma finished')?.count).toBe(1);
  });

  it('keeps a word position a variable while it keeps producing new rare values', () => {
    const lines: string[] = [];
    for (let i = 0; i < 200; i++) lines.push('session opened for user root');
    for (const u of ['news', 'cyrus', 'test', 'guest', 'admin'])
      lines.unshift(`session opened for user ${u}`);
    const { miner, ids } = mine(lines);
    expect(miner.patterns().map((p) => p.template)).toEqual(['session opened for user <*>']);
    expect(new Set(finalIds(miner, ids)).size).toBe(1);
  });

  it('keeps dotted names and identifiers with numbers variables even when few and frequent', () => {
    const lines: string[] = [];
    for (const app of ['chrome.exe', 'QQ.exe', 'putty.exe']) lines.push(`${app} close, 10 bytes sent`);
    for (let i = 0; i < 40; i++) lines.push('chrome.exe close, 5 bytes sent', 'QQ.exe close, 7 bytes sent');
    for (const node of ['cn1', 'dn2', 'bn3']) lines.push(`node ${node} is up again`);
    for (let i = 0; i < 40; i++) lines.push(`node cn${i} is up again`, `node dn${i} is up again`);
    const { miner } = mine(lines);
    expect(miner.patterns().map((p) => p.template)).toEqual([
      '<*> close, <*> bytes sent',
      'node <*> is up again',
    ]);
  });

  it('never makes single-word messages one variable pattern', () => {
    const { miner } = mine(['Initializing.', 'initialized', 'passed.', 'succeeded', 'succeeded']);
    expect(miner.patterns().map((p) => p.template)).toEqual([
      'succeeded',
      'Initializing.',
      'initialized',
      'passed.',
    ]);
  });

  it('treats a quoted key="value with spaces" as one value', () => {
    const { miner, ids } = mine([
      'acquire lock=1, tag="View Lock", uid=10',
      'acquire lock=2, tag="RILJ_ACK_WL", uid=11',
      'acquire lock=3, tag="*alarm*", uid=12',
    ]);
    expect(new Set(finalIds(miner, ids)).size).toBe(1);
    expect(miner.template(ids[0] as string)).toBe('acquire lock=<*>, tag="<*>", uid=<*>');
  });

  it('restores variants from JSON, so a restored miner splits the same way', () => {
    const miner = new LogPatternMiner();
    for (const l of ['a stage done', 'b stage done', 'c stage done']) miner.add(l);
    for (let i = 0; i < 20; i++) miner.add('a stage done');
    for (let i = 0; i < 20; i++) miner.add('b stage done');
    const restored = LogPatternMiner.fromJSON(JSON.parse(JSON.stringify(miner.toJSON())));
    expect(restored.patterns()).toEqual(miner.patterns());
    expect(restored.patterns().map((p) => p.template)).toEqual([
      'a stage done',
      'b stage done',
      'c stage done',
    ]);
    const v = miner.add('c stage done').variantId;
    expect(restored.resolve(restored.add('c stage done').variantId)).toBe(miner.resolve(v));
  });

  it('restores a state saved without variants, counting its lines as untracked', () => {
    const miner = new LogPatternMiner();
    for (const w of ['a', 'b', 'c']) miner.add(`${w} stage done`);
    const json = miner.toJSON();
    for (const c of json.clusters) {
      delete c.variants;
      delete c.untracked;
    }
    const restored = LogPatternMiner.fromJSON(JSON.parse(JSON.stringify(json)));
    for (let i = 0; i < 30; i++) restored.add('a stage done');
    // Without variants the old lines cannot be assigned to a split, so the pattern stays whole.
    expect(restored.patterns().map((p) => p.template)).toEqual(['<*> stage done']);
  });

  it('stops tracking forms beyond the per-pattern bound and then never splits that pattern', () => {
    const miner = new LogPatternMiner();
    const names = Array.from(
      { length: 40 },
      (_, i) => `user${String.fromCharCode(97 + (i % 26))}x${'y'.repeat(i)}`,
    );
    for (const n of names) miner.add(`login ok for ${n} today`);
    const json = miner.toJSON();
    const c = json.clusters.find((x) => x.tokens.join(' ') === 'login ok for <*> today');
    expect(c?.variants?.length).toBe(32);
    expect(c?.untracked).toBe(8);
  });
});
